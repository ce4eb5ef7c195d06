package dev.magicexporter.model.analytics;

/**
 * One dataset node of a GraphQL request: which feed, over which window, with which {@code limit}.
 * Its alias in the request is the feed's {@link AnalyticsFeed#id()}.
 */
public record FeedQuery(AnalyticsFeed feed, AnalyticsWindow window, int limit) {
  public FeedQuery {
    if (feed == null || window == null || limit < 1) {
      throw new IllegalArgumentException("a feed query needs a feed, a window and a positive limit");
    }
  }
}
