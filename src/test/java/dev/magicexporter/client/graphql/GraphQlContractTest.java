package dev.magicexporter.client.graphql;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.magicexporter.client.ApiException;
import dev.magicexporter.client.ClientOptions;
import dev.magicexporter.client.Credential;
import dev.magicexporter.client.Json;
import dev.magicexporter.client.CloudflareApi;
import dev.magicexporter.client.TestClients;
import dev.magicexporter.model.analytics.AnalyticsAnswer;
import dev.magicexporter.model.analytics.AnalyticsFeed;
import dev.magicexporter.model.analytics.AnalyticsGroup;
import dev.magicexporter.model.analytics.AnalyticsWindow;
import dev.magicexporter.model.analytics.DatasetLimits;
import dev.magicexporter.model.analytics.FeedAnswer;
import dev.magicexporter.model.analytics.FeedQuery;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The GraphQL request and its answers against a WireMock Cloudflare: the exact request (path,
 * credential, body, aliases, variables, selections), and every shape of answer Cloudflare's
 * "Error responses" page describes: partial data with per-node errors, a refused document, an
 * exhausted quota, HTTP errors, and bodies that are not a GraphQL envelope.
 */
class GraphQlContractTest {
  private static final String ACC = "023e105f4ecef8ad9ca31a8372d0c353";
  private static final String TOKEN = "graphql-secret-token-123";
  private static final long T = 1_764_000_000L;
  private static final List<FeedQuery> QUERIES = List.of(
      new FeedQuery(AnalyticsFeed.TUNNEL_TRAFFIC, new AnalyticsWindow(T - 600, T - 300), 10_000),
      new FeedQuery(AnalyticsFeed.TUNNEL_HEALTH, new AnalyticsWindow(T - 360, T - 300), 500));

  private WireMockServer wm;
  private Vertx vertx;
  private CloudflareApi client;

  @BeforeEach
  void start() {
    wm = new WireMockServer(options().dynamicPort());
    wm.start();
    vertx = Vertx.vertx();
    client = client(Credential.token(TOKEN));
  }

  private CloudflareApi client(Credential c) {
    return TestClients.stack(vertx, ClientOptions.defaults("http://127.0.0.1:" + wm.port() + "/client/v4")
        .withRetries(0, Duration.ofMillis(1), Duration.ofMillis(1)), c).api();
  }

  @AfterEach
  void stop() throws Exception {
    wm.stop();
    vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private static <T> T await(Future<T> f) throws Exception {
    try {
      return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception ex ? ex : e;
    }
  }

  private AnalyticsAnswer ask(String body) throws Exception {
    wm.stubFor(post(urlEqualTo("/client/v4/graphql")).willReturn(okJson(body)));
    return await(client.analytics(ACC, QUERIES));
  }

  @Test
  void oneRequestCarriesEveryFeedUnderItsAliasWithItsOwnWindow() throws Exception {
    ask("{\"data\":{\"viewer\":{\"accounts\":[{\"tunnel_traffic\":[],\"tunnel_health\":[]}]}},\"errors\":null}");
    List<LoggedRequest> sent = wm.findAll(postRequestedFor(urlEqualTo("/client/v4/graphql")));
    assertThat(sent).hasSize(1);
    LoggedRequest r = sent.get(0);
    assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(r.getHeader("Content-Type")).startsWith("application/json");
    wm.verify(postRequestedFor(urlEqualTo("/client/v4/graphql"))
        .withRequestBody(matchingJsonPath("$.operationName", equalTo("MagicExporterAnalytics")))
        .withRequestBody(matchingJsonPath("$.variables", equalToJson("""
            {"accountTag": "%s",
             "tunnel_traffic_start": "2025-11-24T15:50:00Z", "tunnel_traffic_end": "2025-11-24T15:55:00Z",
             "tunnel_health_start": "2025-11-24T15:54:00Z", "tunnel_health_end": "2025-11-24T15:55:00Z"}"""
            .formatted(ACC)))));
    String query = Json.MAPPER.readTree(r.getBodyAsString()).get("query").asText();
    assertThat(query)
        .startsWith("query MagicExporterAnalytics($accountTag: string!, $tunnel_traffic_start: Time!, "
            + "$tunnel_traffic_end: Time!, $tunnel_health_start: Time!, $tunnel_health_end: Time!) {")
        .contains("accounts(filter: {accountTag: $accountTag}) {")
        .contains("tunnel_traffic: magicTransitTunnelTrafficAdaptiveGroups(limit: 10000, filter: "
            + "{datetime_geq: $tunnel_traffic_start, datetime_lt: $tunnel_traffic_end}) {")
        .contains("sum { bits packets }\n        dimensions { tunnelName direction onRamp offRamp }")
        .contains("tunnel_health: magicTransitTunnelHealthChecksAdaptiveGroups(limit: 500, filter: "
            + "{datetime_geq: $tunnel_health_start, datetime_lt: $tunnel_health_end}) {")
        .contains("count\n        avg { tunnelState }\n        dimensions { tunnelName edgeColoName }")
        .doesNotContain(ACC); // values travel as variables
  }

  @Test
  void theLegacyKeyIsSentAsForEveryOtherCall() throws Exception {
    client = client(Credential.legacy("legacy-key-456", "ops@example.com"));
    ask("{\"data\":{\"viewer\":{\"accounts\":[{\"tunnel_traffic\":[],\"tunnel_health\":[]}]}},\"errors\":null}");
    LoggedRequest r = wm.findAll(postRequestedFor(urlEqualTo("/client/v4/graphql"))).get(0);
    assertThat(r.getHeader("X-Auth-Key")).isEqualTo("legacy-key-456");
    assertThat(r.getHeader("X-Auth-Email")).isEqualTo("ops@example.com");
  }

  @Test
  void groupsAreReadByTheFeedTableWithAbsentValuesAsNaN() throws Exception {
    AnalyticsAnswer a = ask("""
        {"data":{"viewer":{"accounts":[{
          "tunnel_traffic":[{"sum":{"bits":8000,"packets":"12"},
                             "dimensions":{"tunnelName":"GRE_1","direction":"ingress","onRamp":null}}],
          "tunnel_health":[{"count":4,"avg":{"tunnelState":0.5},"dimensions":{"tunnelName":"GRE_1","edgeColoName":"ORD"}},
                           {"count":2,"avg":null,"dimensions":{"tunnelName":"GRE_2","edgeColoName":"AMS"}}]}]}},
         "errors":null}""");
    FeedAnswer traffic = a.feed(AnalyticsFeed.TUNNEL_TRAFFIC);
    assertThat(traffic.ok()).isTrue();
    assertThat(traffic.groups()).containsExactly(
        new AnalyticsGroup(List.of("GRE_1", "ingress", "", ""), List.of(8000.0, 12.0)));
    List<AnalyticsGroup> health = a.feed(AnalyticsFeed.TUNNEL_HEALTH).groups();
    assertThat(health.get(0)).isEqualTo(new AnalyticsGroup(List.of("GRE_1", "ORD"), List.of(4.0, 0.5)));
    assertThat(health.get(1).value(1)).isNaN();
  }

  @Test
  void aNodeErrorFailsThatFeedOnlyWithThePermissionHint() throws Exception {
    AnalyticsAnswer a = ask("""
        {"data":{"viewer":{"accounts":[{"tunnel_traffic":[],"tunnel_health":null}]}},
         "errors":[{"message":"does not have access to the path","path":["viewer","accounts","0","tunnel_health"],
                    "extensions":{"timestamp":"2025-11-24T16:00:00Z"}}]}""");
    assertThat(a.feed(AnalyticsFeed.TUNNEL_TRAFFIC).ok()).isTrue();
    FeedAnswer health = a.feed(AnalyticsFeed.TUNNEL_HEALTH);
    assertThat(health.ok()).isFalse();
    ApiException e = GraphQlErrors.exception(health.errors());
    assertThat(e).isInstanceOf(ApiException.Authentication.class);
    assertThat(e.kind()).isEqualTo("auth");
    assertThat(e.status()).isEqualTo(200);
    assertThat(e.getMessage()).contains("does not have access to the path", "Account Analytics Read")
        .doesNotContain(TOKEN);
  }

  @Test
  void aRefusedDocumentFailsTheNamedFeedAndVoidsTheOthers() throws Exception {
    AnalyticsAnswer a = ask("""
        {"data":null,"errors":[{"message":"Cannot query field \\"onRamp\\" on type \\"Dimensions\\"",
          "path":["viewer","accounts","0","tunnel_traffic","dimensions","onRamp"]}]}""");
    assertThat(a.feed(AnalyticsFeed.TUNNEL_TRAFFIC).collateral()).isFalse();
    assertThat(GraphQlErrors.exception(a.feed(AnalyticsFeed.TUNNEL_TRAFFIC).errors()).kind()).isEqualTo("validation");
    assertThat(a.feed(AnalyticsFeed.TUNNEL_HEALTH).collateral()).isTrue();
  }

  @Test
  void anExhaustedQuotaFailsEveryFeedAsThrottled() throws Exception {
    AnalyticsAnswer a = ask("{\"data\":null,\"errors\":[{\"message\":\"rate limiter budget depleted, please try "
        + "again after 5 minutes\",\"path\":null,\"extensions\":{\"timestamp\":\"2025-11-24T16:00:00Z\"}}]}");
    for (FeedQuery q : QUERIES) {
      FeedAnswer f = a.feed(q.feed());
      assertThat(f.collateral()).isFalse();
      ApiException e = GraphQlErrors.exception(f.errors());
      assertThat(e).isInstanceOf(ApiException.Throttled.class);
      assertThat(e.getMessage()).contains("HTTP 200", "budget depleted");
    }
  }

  @Test
  void aLookBackErrorSaysHowFarBack() throws Exception {
    AnalyticsAnswer a = ask("""
        {"data":{"viewer":{"accounts":[{"tunnel_traffic":null,"tunnel_health":[]}]}},
         "errors":[{"message":"cannot request data older than 2678400s","path":["viewer","accounts","0","tunnel_traffic"]}]}""");
    assertThat(GraphQlErrors.lookback(a.feed(AnalyticsFeed.TUNNEL_TRAFFIC).errors())).hasValue(2_678_400);
  }

  @Test
  void httpErrorsFailTheWholeRequestTyped() throws Exception {
    wm.stubFor(post(urlEqualTo("/client/v4/graphql")).willReturn(aResponse().withStatus(403)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"success\":false,\"errors\":[{\"code\":10000,\"message\":\"Authentication error\"}],"
            + "\"messages\":[],\"result\":null}")));
    assertThatThrownBy(() -> await(client.analytics(ACC, QUERIES)))
        .isInstanceOf(ApiException.Authentication.class)
        .hasMessageContaining("10000: Authentication error").hasMessageContaining("Account Analytics Read")
        .hasMessageNotContaining(TOKEN);
    wm.resetAll();
    wm.stubFor(post(urlEqualTo("/client/v4/graphql")).willReturn(aResponse().withStatus(503).withBody("<html>")));
    assertThatThrownBy(() -> await(client.analytics(ACC, QUERIES)))
        .isInstanceOf(ApiException.Server.class);
  }

  @Test
  void bodiesThatAreNotAGraphQlEnvelopeAreMalformed() throws Exception {
    for (String body : List.of("<html>502 Bad gateway</html>", "[]", "{\"data\":[]}", "{\"data\":null,\"errors\":null}",
        "{\"data\":{\"viewer\":{\"accounts\":[{\"tunnel_traffic\":{},\"tunnel_health\":[]}]}}}",
        "{\"data\":{\"viewer\":{\"accounts\":[{\"tunnel_traffic\":[{\"sum\":{\"bits\":\"lots\"}}],"
            + "\"tunnel_health\":[]}]}}}")) {
      wm.resetAll();
      wm.stubFor(post(urlEqualTo("/client/v4/graphql")).willReturn(aResponse().withStatus(200).withBody(body)));
      assertThatThrownBy(() -> await(client.analytics(ACC, QUERIES))).as(body)
          .isInstanceOf(ApiException.Malformed.class);
    }
  }

  @Test
  void theSettingsNodeGivesTheDatasetLimits() throws Exception {
    wm.stubFor(post(urlEqualTo("/client/v4/graphql")).willReturn(okJson("""
        {"data":{"viewer":{"accounts":[{"settings":{
          "magicTransitTunnelTrafficAdaptiveGroups":{"enabled":true,"notOlderThan":2678400,"maxDuration":86400,
                                                     "maxPageSize":10000},
          "magicFirewallSamplesAdaptiveGroups":{"enabled":false,"notOlderThan":0,"maxDuration":0,"maxPageSize":0}}}]}},
         "errors":null}""")));
    Map<String, DatasetLimits> limits = await(client.analyticsLimits(ACC,
        List.of("magicTransitTunnelTrafficAdaptiveGroups", "magicFirewallSamplesAdaptiveGroups")));
    assertThat(limits).containsOnlyKeys("magicTransitTunnelTrafficAdaptiveGroups");
    assertThat(limits.get("magicTransitTunnelTrafficAdaptiveGroups")).isEqualTo(new DatasetLimits(2_678_400, 86_400, 10_000));
    String query = Json.MAPPER.readTree(wm.findAll(postRequestedFor(urlEqualTo("/client/v4/graphql"))).get(0)
        .getBodyAsString()).get("query").asText();
    assertThat(query).contains("settings {", "magicFirewallSamplesAdaptiveGroups { enabled notOlderThan maxDuration "
        + "maxPageSize }");
  }
}
