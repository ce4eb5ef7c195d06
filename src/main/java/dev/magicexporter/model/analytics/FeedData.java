package dev.magicexporter.model.analytics;

import java.time.Instant;
import java.util.List;

/**
 * The last good data of one feed for one account: for a gauge feed the groups of the latest closed
 * window, for a counted feed the running totals per group of every window counted so far.
 *
 * @param window the window the groups describe: the latest window for a gauge, {@code [since,
 *     counted to)} for a counter
 * @param groups the groups, ordered by dimensions
 * @param updatedAt when this data was taken
 */
public record FeedData(AnalyticsWindow window, List<AnalyticsGroup> groups, Instant updatedAt) {
  public FeedData {
    groups = List.copyOf(groups);
  }
}
