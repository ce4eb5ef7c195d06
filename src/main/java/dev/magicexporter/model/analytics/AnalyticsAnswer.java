package dev.magicexporter.model.analytics;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * A GraphQL response, per feed asked: every feed of the request has an answer, ok or failed, so
 * that one feed's error never hides another's data.
 */
public record AnalyticsAnswer(Map<AnalyticsFeed, FeedAnswer> feeds) {
  public AnalyticsAnswer {
    EnumMap<AnalyticsFeed, FeedAnswer> m = new EnumMap<>(AnalyticsFeed.class);
    m.putAll(feeds);
    feeds = Collections.unmodifiableMap(m);
  }

  public FeedAnswer feed(AnalyticsFeed feed) {
    return feeds.get(feed);
  }
}
