package dev.magicexporter.poll.analytics;

import dev.magicexporter.app.ClientStack;
import dev.magicexporter.client.PassThrough;
import dev.magicexporter.client.graphql.GraphQlCall;
import dev.magicexporter.model.analytics.AnalyticsAnswer;
import dev.magicexporter.model.analytics.DatasetLimits;
import dev.magicexporter.model.analytics.FeedQuery;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;

/** The analytics poller's client over a composed {@link ClientStack} (budget, retries) and real HTTP. */
final class SimulatorAnalyticsClient implements AnalyticsClient {
  private final PassThrough client;

  SimulatorAnalyticsClient(ClientStack stack) {
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
