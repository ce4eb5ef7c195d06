package dev.magicexporter.model.analytics;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The last good data of every feed of one account. A feed that failed keeps what it had; a feed
 * that never succeeded is absent (and has no series).
 */
public record AccountAnalytics(Map<AnalyticsFeed, FeedData> feeds) {
  public static final AccountAnalytics EMPTY = new AccountAnalytics(Map.of());

  public AccountAnalytics {
    EnumMap<AnalyticsFeed, FeedData> m = new EnumMap<>(AnalyticsFeed.class);
    m.putAll(feeds);
    feeds = Collections.unmodifiableMap(m);
  }

  /** The data of {@code feed}, or null. */
  public FeedData feed(AnalyticsFeed feed) {
    return feeds.get(feed);
  }

  /** A copy with {@code feed} replaced. */
  public AccountAnalytics with(AnalyticsFeed feed, FeedData data) {
    EnumMap<AnalyticsFeed, FeedData> m = new EnumMap<>(AnalyticsFeed.class);
    m.putAll(feeds);
    m.put(feed, data);
    return new AccountAnalytics(m);
  }
}
