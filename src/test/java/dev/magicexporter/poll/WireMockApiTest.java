package dev.magicexporter.poll;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A WireMock Cloudflare for poller tests: the failure paths a simulator rarely shows. */
abstract class WireMockApiTest {
  static final String ACC = "acc1";
  static final String SECRET = "LK-SUPERSECRET-1234";
  static final String CONNECTORS = "/client/v4/accounts/" + ACC + "/magic/connectors";

  WireMockServer wm;
  Vertx vertx;

  @BeforeEach
  void start() {
    wm = new WireMockServer(options().dynamicPort());
    wm.start();
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    wm.stop();
    vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  static String resource(String path) throws IOException {
    try (InputStream in = WireMockApiTest.class.getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static String connector(String id) {
    return "{\"id\":\"" + id + "\",\"activated\":true,\"interrupt_window_days_of_week\":[\"Sunday\",\"Monday\"],"
        + "\"interrupt_window_duration_hours\":2,\"interrupt_window_embargo_dates\":[],"
        + "\"interrupt_window_hour_of_day\":3,\"last_updated\":\"2025-11-24T15:00:00Z\",\"notes\":\"rack 4\","
        + "\"timezone\":\"Europe/Paris\",\"device\":{\"id\":\"dev-" + id + "\",\"serial_number\":\"SN-" + id + "\"},"
        + "\"last_heartbeat\":\"2025-11-24T15:59:50.5Z\",\"last_seen_version\":\"2025.10.1\","
        + "\"license_key\":\"" + SECRET + "\"}";
  }

  void listConnectors(String account, String... ids) {
    List<String> items = new ArrayList<>();
    for (String id : ids) {
      items.add(connector(id));
    }
    wm.stubFor(get(urlPathEqualTo("/client/v4/accounts/" + account + "/magic/connectors"))
        .willReturn(okJson("{\"success\":true,\"errors\":[],\"messages\":[],\"result\":[" + String.join(",", items) + "]}")));
  }

  static String latestPath(String id) {
    return CONNECTORS + "/" + id + "/telemetry/snapshots/latest";
  }

  void latest(String id, String body) {
    wm.stubFor(get(urlPathEqualTo(latestPath(id))).willReturn(okJson(body)));
  }

  static String latestOf(String snapshotJson) {
    return "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{\"count\":1,\"items\":[" + snapshotJson + "]}}";
  }

  Pipeline pipeline(SnapshotPlanner planner, int concurrency, String... accounts) {
    return new Pipeline(vertx, "http://127.0.0.1:" + wm.port() + "/client/v4", "test-token", List.of(accounts.length == 0 ? new String[] {ACC} : accounts),
        planner, concurrency, false, r -> true);
  }
}
