package dev.magicexporter.model.analytics;

import java.time.Instant;

/**
 * A half-open time range {@code [start, end)} in seconds since the epoch, as the queries filter it
 * ({@code datetime_geq: start, datetime_lt: end}).
 */
public record AnalyticsWindow(long start, long end) {
  public AnalyticsWindow {
    if (end <= start) {
      throw new IllegalArgumentException("empty window [" + start + ", " + end + ")");
    }
  }

  public long seconds() {
    return end - start;
  }

  /** Whole minutes at both ends. */
  public boolean minuteAligned() {
    return start % 60 == 0 && end % 60 == 0;
  }

  @Override
  public String toString() {
    return "[" + Instant.ofEpochSecond(start) + ", " + Instant.ofEpochSecond(end) + ")";
  }
}
