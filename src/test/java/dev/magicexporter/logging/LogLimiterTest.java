package dev.magicexporter.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

class LogLimiterTest {
  /** A clock the test moves by hand. */
  static final class HandClock extends Clock {
    Instant now = Instant.parse("2030-01-01T00:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void oneLinePerKeyAndPeriodThenACountOfWhatWasLeftOut() {
    Logger logger = (Logger) LoggerFactory.getLogger("log-limiter-test");
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    logger.addAppender(lines);
    HandClock clock = new HandClock();
    LogLimiter limiter = new LogLimiter(Duration.ofSeconds(60), clock);
    for (int i = 0; i < 3012; i++) {
      limiter.log(logger, Level.WARN, "disk-full", "could not write {}", "state/a.json");
      limiter.log(logger, Level.WARN, "other", "another failure");
    }
    assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage)
        .containsExactly("could not write state/a.json", "another failure");
    clock.now = clock.now.plusSeconds(59);
    assertThat(limiter.log(logger, Level.WARN, "disk-full", "could not write {}", "x")).isFalse();
    clock.now = clock.now.plusSeconds(1);
    assertThat(limiter.log(logger, Level.WARN, "disk-full", "could not write {}", "state/b.json")).isTrue();
    assertThat(lines.list.get(2).getFormattedMessage())
        .isEqualTo("could not write state/b.json (3012 similar lines suppressed in the last 60 s)");
    clock.now = clock.now.plusSeconds(61);
    limiter.log(logger, Level.WARN, "disk-full", "could not write {}", "state/c.json");
    assertThat(lines.list.get(3).getFormattedMessage()).isEqualTo("could not write state/c.json");
  }

  @Test
  void keysAreBoundedSoMemoryIsToo() {
    Logger logger = (Logger) LoggerFactory.getLogger("log-limiter-test-keys");
    LogLimiter limiter = new LogLimiter(Duration.ofSeconds(60), new HandClock());
    for (int i = 0; i < LogLimiter.MAX_KEYS * 3; i++) {
      limiter.log(logger, Level.WARN, "k" + i, "line");
    }
    // The oldest keys were forgotten: their next line is written again, as a first one.
    assertThat(limiter.log(logger, Level.WARN, "k0", "line")).isTrue();
  }
}
