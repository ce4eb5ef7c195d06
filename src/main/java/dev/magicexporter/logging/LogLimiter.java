package dev.magicexporter.logging;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * Rate-limits log lines that a hostile peer or a broken disk can repeat without end: per key, the
 * first line of a period is written, the rest of the period only counted, and the next line
 * written says how many were left out ("... (41 similar lines suppressed in the last 60 s)"). Keys
 * are few and chosen by the caller (a kind of failure, never a peer-supplied value); at most
 * {@value #MAX_KEYS} keys are remembered, the least recently used going first, so memory stays
 * bounded whatever the keys.
 *
 * <pre>{@code
 * private static final LogLimiter LIMIT = new LogLimiter(Duration.ofMinutes(1));
 * LIMIT.log(LOG, Level.WARN, "checkpoint-write", "could not write {}: {}", file, e.getMessage());
 * }</pre>
 */
public final class LogLimiter {
  static final int MAX_KEYS = 1024;

  private static final class Window {
    long startMillis;
    long suppressed;
  }

  private final Duration period;
  private final Clock clock;
  private final Map<String, Window> windows = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
      return size() > MAX_KEYS;
    }
  };

  public LogLimiter(Duration period) {
    this(period, Clock.systemUTC());
  }

  /** @param clock tests pass a hand-moved clock */
  public LogLimiter(Duration period, Clock clock) {
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("the period must be positive");
    }
    this.period = period;
    this.clock = clock;
  }

  /**
   * Writes the line when its key has not been written in the current period, else counts it.
   * The arguments are SLF4J's ({@code {}} placeholders, a trailing throwable is a stack trace).
   *
   * @return true when the line was written
   */
  public boolean log(Logger logger, Level level, String key, String format, Object... args) {
    if (!logger.isEnabledForLevel(level)) {
      return false;
    }
    long suppressed = admit(key);
    if (suppressed < 0) {
      return false;
    }
    String line = suppressed == 0 ? format
        : format + " (" + suppressed + " similar line" + (suppressed == 1 ? "" : "s") + " suppressed in the last "
            + period.toSeconds() + " s)";
    logger.atLevel(level).log(line, args);
    return true;
  }

  /** -1 to suppress; else how many lines of this key were suppressed since the last one written. */
  private synchronized long admit(String key) {
    long now = clock.millis();
    Window w = windows.get(key);
    if (w == null) {
      w = new Window();
      w.startMillis = now;
      windows.put(key, w);
      return 0;
    }
    if (now - w.startMillis < period.toMillis()) {
      w.suppressed++;
      return -1;
    }
    long n = w.suppressed;
    w.startMillis = now;
    w.suppressed = 0;
    return n;
  }
}
