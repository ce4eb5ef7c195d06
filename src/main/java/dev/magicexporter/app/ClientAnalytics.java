package dev.magicexporter.app;

import dev.magicexporter.client.PassThrough;
import dev.magicexporter.client.graphql.GraphQlCall;
import dev.magicexporter.model.analytics.AnalyticsAnswer;
import dev.magicexporter.model.analytics.DatasetLimits;
import dev.magicexporter.model.analytics.FeedQuery;
import dev.magicexporter.poll.analytics.AnalyticsClient;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;

/**
 * The analytics poller's typed client over an account's {@link ClientStack}: the GraphQL
 * request goes through the same credential, request budget, retries and self-metrics as every
 * REST call.
 */
final class ClientAnalytics implements AnalyticsClient {
  private final PassThrough client;

  ClientAnalytics(ClientStack stack) {
    this.client = stack.passThrough();
  }

  @Override
  public Future<AnalyticsAnswer> analytics(String accountId, List<FeedQuery> queries) {
    return GraphQlCall.analytics(client::send, accountId, queries);
  }

  @Override
  public Future<Map<String, DatasetLimits>> datasetLimits(String accountId, List<String> datasets) {
    return GraphQlCall.datasetLimits(client::send, accountId, datasets);
  }
}
