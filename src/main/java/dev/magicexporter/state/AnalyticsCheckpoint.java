package dev.magicexporter.state;

import dev.magicexporter.model.analytics.AnalyticsFeed;
import dev.magicexporter.model.analytics.AnalyticsGroup;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the counted analytics feeds of one account have counted, durably: per feed, the time it
 * has counted up to and the running totals per group. A window {@code [a, b)} is counted exactly
 * when the checkpoint that moves {@code countedTo} from {@code a} to {@code b} is the one that
 * adds its sums to the totals: both change in one atomic file write (format in
 * {@link AnalyticsCheckpointCodec}), so after any crash the file holds either both or neither.
 */
public record AnalyticsCheckpoint(String accountId, Map<AnalyticsFeed, Counted> feeds) {

  /**
   * One counted feed.
   *
   * @param since start of the first window counted (the totals cover {@code [since, countedTo)})
   * @param countedTo end (exclusive) of the last window counted, whole minutes
   * @param skippedSeconds time that could not be counted because it had passed out of the dataset's
   *     look-back when the exporter got to it (it was down for longer than that)
   * @param totals running totals per group, in the feed's dimension and aggregate order, sorted
   */
  public record Counted(long since, long countedTo, long skippedSeconds, List<AnalyticsGroup> totals) {
    public Counted {
      if (countedTo < since || skippedSeconds < 0) {
        throw new IllegalArgumentException("counted to " + countedTo + " before since " + since);
      }
      totals = List.copyOf(totals);
    }
  }

  public AnalyticsCheckpoint {
    EnumMap<AnalyticsFeed, Counted> m = new EnumMap<>(AnalyticsFeed.class);
    m.putAll(feeds);
    for (AnalyticsFeed f : m.keySet()) {
      if (!f.counted()) {
        throw new IllegalArgumentException(f.id() + " is not a counted feed");
      }
    }
    feeds = Collections.unmodifiableMap(m);
  }

  public static AnalyticsCheckpoint empty(String accountId) {
    return new AnalyticsCheckpoint(accountId, Map.of());
  }

  /** The feed's state, or null before it counted anything. */
  public Counted feed(AnalyticsFeed feed) {
    return feeds.get(feed);
  }

  public AnalyticsCheckpoint with(AnalyticsFeed feed, Counted counted) {
    EnumMap<AnalyticsFeed, Counted> m = new EnumMap<>(AnalyticsFeed.class);
    m.putAll(feeds);
    m.put(feed, counted);
    return new AnalyticsCheckpoint(accountId, m);
  }
}
