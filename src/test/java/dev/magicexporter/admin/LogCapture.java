package dev.magicexporter.admin;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Captures what a logger (and its children) logs, at a chosen level, for the duration of a test. */
final class LogCapture implements AutoCloseable {
  private final Logger logger;
  private final Level previous;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  LogCapture(String name, Level level) {
    logger = (Logger) LoggerFactory.getLogger(name);
    previous = logger.getLevel();
    logger.setLevel(level);
    appender.start();
    logger.addAppender(appender);
  }

  static LogCapture everything() {
    return new LogCapture(Logger.ROOT_LOGGER_NAME, Level.ALL);
  }

  List<ILoggingEvent> events() {
    return List.copyOf(appender.list);
  }

  /** Every event as one text: logger, formatted message, arguments, MDC and stack traces. */
  String text() {
    return text(List.of());
  }

  /** As {@link #text()}, without loggers under the given prefixes (test servers standing in for Cloudflare). */
  String text(List<String> excludedPrefixes) {
    StringBuilder b = new StringBuilder();
    for (ILoggingEvent e : events()) {
      if (excludedPrefixes.stream().anyMatch(e.getLoggerName()::startsWith)) {
        continue;
      }
      b.append(e.getLoggerName()).append(' ').append(e.getFormattedMessage()).append(' ')
          .append(e.getMDCPropertyMap());
      if (e.getArgumentArray() != null) {
        for (Object a : e.getArgumentArray()) {
          b.append(' ').append(a);
        }
      }
      IThrowableProxy t = e.getThrowableProxy();
      if (t != null) {
        b.append(' ').append(ThrowableProxyUtil.asString(t));
      }
      b.append('\n');
    }
    return b.toString();
  }

  List<String> messages() {
    return events().stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    logger.setLevel(previous);
  }
}
