package dev.magicexporter.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.magicexporter.sim.SimClock;
import dev.magicexporter.sim.SimOptions;
import dev.magicexporter.sim.Simulator;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against the built-in simulator: the same contract, end to end over real HTTP. */
class ClientAgainstSimulatorTest {
  static final long T0 = 1_764_000_000L;
  static final String ACCOUNT = SimOptions.DEFAULT_ACCOUNT;

  Vertx vertx;
  Simulator sim;
  SimClock.Manual clock = new SimClock.Manual(T0);

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    sim = Simulator.withDefaultModules(vertx, SimOptions.defaults().withPort(0).withConnectors(3), clock);
    sim.start().await(20, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    sim.stop().await(10, TimeUnit.SECONDS);
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private TestClient client(String token) {
    ClientOptions o = ClientOptions.defaults(sim.baseUrl()).withRetries(1, Duration.ofMillis(5), Duration.ofMillis(5));
    Credential c = Credential.token(token);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    return TestClient.of(vertx, o, c, RequestBudget.create(vertx, c, o).bindTo(registry), registry);
  }

  @Test
  void listsConnectorsAndPagesTheirEventsThroughTheCursor() throws Exception {
    TestClient c = client(SimOptions.DEFAULT_TOKEN);
    clock.advance(6 * 3600);

    ApiResponse<JsonNode> connectors = c.send(ApiRequest.get("/accounts/{account_id}/magic/connectors")
        .withPath("account_id", ACCOUNT), ResultDecoder.tree()).await(20, TimeUnit.SECONDS);
    assertThat(connectors.result().size()).isEqualTo(3);
    String id = connectors.result().get(0).path("id").asText();

    List<JsonNode> events = new ArrayList<>();
    List<Integer> pageSizes = new ArrayList<>();
    c.forEachCursorPage(ApiRequest.get("/accounts/{account_id}/magic/connectors/{connector_id}/telemetry/events")
            .withPath("account_id", ACCOUNT).withPath("connector_id", id)
            .withQuery("from", ApiRequest.decimal(T0)).withQuery("to", ApiRequest.decimal(T0 + 6 * 3600))
            .withQuery("limit", "5").withPriority(Priority.TELEMETRY),
        ResultDecoder.cursorPage(ResultDecoder.tree()), page -> {
          events.addAll(page.items());
          pageSizes.add(page.items().size());
          return Future.succeededFuture();
        }).await(20, TimeUnit.SECONDS);

    assertThat(pageSizes).isNotEmpty().allMatch(n -> n <= 5);
    Set<String> keys = new HashSet<>();
    events.forEach(e -> keys.add(e.path("t").asText() + "." + e.path("n").asText()));
    assertThat(keys).as("no event is handed out twice across pages").hasSize(events.size());
  }

  @Test
  void aWrongTokenIsAnAuthenticationErrorWithAHint() {
    TestClient c = client("not-the-simulated-token");
    Throwable t = c.send(ApiRequest.get("/accounts/{account_id}/magic/connectors").withPath("account_id", ACCOUNT),
        ResultDecoder.tree()).toCompletionStage().toCompletableFuture().handle((v, e) -> e).join();
    assertThat(t).isInstanceOf(ApiException.Authentication.class)
        .hasMessageContaining("Magic WAN Read").hasMessageNotContaining("not-the-simulated-token");
  }
}
