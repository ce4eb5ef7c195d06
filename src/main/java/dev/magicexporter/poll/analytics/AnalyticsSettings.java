package dev.magicexporter.poll.analytics;

import java.time.Duration;

/**
 * How the analytics feeds are polled (config {@code analytics.*}).
 *
 * @param interval time between two polls of an account
 * @param delay only minutes that ended at least this long ago are read (they must be complete)
 * @param initialLookback on the first start, counters begin this long before the first closed minute
 * @param maxWindow widest window one query counts; longer gaps are caught up in steps
 * @param limit the {@code limit} argument of every dataset node
 * @param dataCenterSeries export per-data-center health series
 */
public record AnalyticsSettings(Duration interval, Duration delay, Duration initialLookback, Duration maxWindow,
    int limit, boolean dataCenterSeries) {
  public AnalyticsSettings {
    if (delay.toSeconds() < 60 || maxWindow.toSeconds() < 60 || limit < 1) {
      throw new IllegalArgumentException("analytics: delay and max window of at least a minute, a positive limit");
    }
  }
}
