package dev.magicexporter.poll.analytics;

import dev.magicexporter.model.analytics.AnalyticsAnswer;
import dev.magicexporter.model.analytics.DatasetLimits;
import dev.magicexporter.model.analytics.FeedQuery;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;

/**
 * The GraphQL Analytics API as the analytics poller sees it: typed questions in, typed answers
 * out, no paths or JSON. A failed Future means the whole request failed (HTTP error, network,
 * malformed body); GraphQL errors of single feeds come back inside the {@link AnalyticsAnswer}.
 */
public interface AnalyticsClient {
  /** One request carrying every query of one account. */
  Future<AnalyticsAnswer> analytics(String accountId, List<FeedQuery> queries);

  /** The node limits of {@code datasets} (the settings node). */
  Future<Map<String, DatasetLimits>> datasetLimits(String accountId, List<String> datasets);
}
