package dev.magicexporter.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Captures, with a Logback ListAppender on the root logger, every log event of the process while
 * open: the project's own loggers at DEBUG and up, third-party ones at their configured level.
 */
public final class LogCapture implements AutoCloseable {
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final Logger project = (Logger) LoggerFactory.getLogger("dev.magicexporter");
  private final Level previous = project.getLevel();
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  public LogCapture() {
    appender.start();
    root.addAppender(appender);
    project.setLevel(Level.DEBUG);
  }

  public List<ILoggingEvent> events() {
    synchronized (appender.list) {
      return List.copyOf(appender.list);
    }
  }

  /** Every event as "LEVEL logger message" plus the messages of its exception chain. */
  public String text() {
    return textExcept();
  }

  /** As {@link #text()}, leaving out loggers under the given prefixes (a test's own servers). */
  public String textExcept(String... loggerPrefixes) {
    StringBuilder sb = new StringBuilder();
    events:
    for (ILoggingEvent e : events()) {
      for (String p : loggerPrefixes) {
        if (e.getLoggerName().startsWith(p)) {
          continue events;
        }
      }
      sb.append(e.getLevel()).append(' ').append(e.getLoggerName()).append(' ').append(e.getFormattedMessage());
      for (var t = e.getThrowableProxy(); t != null; t = t.getCause()) {
        sb.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /** Events at {@code level} from loggers whose name ends with {@code loggerSuffix}. */
  public List<ILoggingEvent> at(Level level, String loggerSuffix) {
    return events().stream().filter(e -> e.getLevel() == level && e.getLoggerName().endsWith(loggerSuffix)).toList();
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    project.setLevel(previous);
  }
}
