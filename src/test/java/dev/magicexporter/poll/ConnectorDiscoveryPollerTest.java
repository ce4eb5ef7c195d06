package dev.magicexporter.poll;

import dev.magicexporter.client.ApiException;
import dev.magicexporter.client.FakeCloudflareApi;
import dev.magicexporter.model.Connector;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.magicexporter.store.ConnectorRef;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class ConnectorDiscoveryPollerTest extends WireMockApiTest {
  Pipeline pipeline(java.util.function.Predicate<ConnectorRef> filter, String... accounts) {
    return new Pipeline(vertx, "http://127.0.0.1:" + wm.port() + "/client/v4", "test-token", List.of(accounts),
        Pipeline.latest(), 2, false, filter);
  }

  @Test
  void connectorsAreExportedAndTheLicenseKeyNeverAppears() throws Exception {
    listConnectors(ACC, "c1", "c2");
    latest("c1", latestOf("{\"t\": 1764000000}"));
    latest("c2", latestOf("{\"t\": 1764000000}"));
    try (Pipeline p = pipeline(r -> true, ACC);
        Pipeline.LogCapture discoveryLog = new Pipeline.LogCapture(ConnectorDiscoveryPoller.class);
        Pipeline.LogCapture pollerLog = new Pipeline.LogCapture(SnapshotPoller.class)) {
      assertThat(p.discover()).isEqualTo(new Poller.PollOutcome(2, 0));
      p.pollSnapshots();
      String text = p.scrape();
      assertThat(p.series(text, "cloudflare_connector_info{", "connector_id=\"c1\"")).containsExactly(
          "cloudflare_connector_info{account_id=\"acc1\",connector_id=\"c1\",device_id=\"dev-c1\","
              + "serial_number=\"SN-c1\",version=\"2025.10.1\",timezone=\"Europe/Paris\"} 1");
      assertThat(p.series(text, "cloudflare_connector_last_heartbeat_timestamp_seconds{", "connector_id=\"c1\""))
          .singleElement().asString().endsWith(" 1763999990.5");
      assertThat(p.series(text, "cloudflare_connector_activated{", "connector_id=\"c2\"")).singleElement().asString()
          .endsWith(" 1");
      assertThat(p.series(text, "cloudflare_connector_interrupt_window_duration_seconds{", "connector_id=\"c2\""))
          .singleElement().asString().endsWith(" 7200");
      assertThat(p.series(text, "cloudflare_connector_interrupt_window_info{", "connector_id=\"c2\""))
          .singleElement().asString().contains("days_of_week=\"Sunday,Monday\"");
      assertThat(text).doesNotContain(SECRET).doesNotContain("license").doesNotContain("rack 4");
      assertThat(p.connectors.get(new ConnectorRef(ACC, "c1")).toString()).doesNotContain(SECRET);
      assertThat(discoveryLog.messages()).noneMatch(m -> m.contains(SECRET));
      assertThat(pollerLog.messages()).noneMatch(m -> m.contains(SECRET));
    }
  }

  @Test
  void aConnectorThatDisappearsLosesAllItsSeriesAtTheNextDiscovery() throws Exception {
    listConnectors(ACC, "c1", "c2");
    latest("c1", resource("/snapshots/latest-all-fields.json"));
    latest("c2", latestOf("{\"t\": 1764000000}"));
    try (Pipeline p = pipeline(r -> true, ACC)) {
      p.discover();
      p.pollSnapshots();
      assertThat(p.series(p.scrape(), "connector_id=\"c1\"")).hasSizeGreaterThan(300);
      listConnectors(ACC, "c2");
      assertThat(p.discover().items()).isEqualTo(1);
      String text = p.scrape();
      assertThat(text).doesNotContain("connector_id=\"c1\"");
      assertThat(p.series(text, "connector_id=\"c2\"")).isNotEmpty();
      assertThat(p.pollSnapshots().items()).isEqualTo(1);
      assertThat(p.scrape()).doesNotContain("connector_id=\"c1\"");
    }
  }

  @Test
  void anAnswerWithoutResultIsMalformedAndKeepsTheConnectorsAndTheirSeries() throws Exception {
    listConnectors(ACC, "c1", "c2");
    latest("c1", latestOf("{\"t\": 1764000000}"));
    latest("c2", latestOf("{\"t\": 1764000000}"));
    try (Pipeline p = pipeline(r -> true, ACC);
        Pipeline.LogCapture log = new Pipeline.LogCapture(ConnectorDiscoveryPoller.class)) {
      p.discover();
      p.pollSnapshots();
      List<String> before = p.series(p.scrape(), "cloudflare_connector_", "connector_id=");
      for (String broken : List.of("{\"success\":true,\"errors\":[],\"messages\":[],\"result\":null}",
          "{\"success\":true,\"errors\":[],\"messages\":[]}")) {
        wm.stubFor(get(urlPathEqualTo(CONNECTORS)).willReturn(okJson(broken)));
        assertThatThrownBy(p::discover).hasMessageContaining("no result");
        String text = p.scrape();
        assertThat(p.directory.connectors()).extracting(ConnectorRef::connectorId).containsExactly("c1", "c2");
        assertThat(p.series(text, "cloudflare_connector_", "connector_id=")).isEqualTo(before);
      }
      assertThat(p.series(p.scrape(), "cloudflare_exporter_api_errors_total{", "kind=\"malformed\"",
          "endpoint=\"/accounts/{account_id}/magic/connectors\"")).singleElement().asString().endsWith(" 2.0");
      assertThat(log.messages().stream().filter(m -> m.startsWith("WARN"))).singleElement().asString()
          .contains("keeping its last known connectors", "no result");
    }
  }

  @Test
  void anAccountWhoseListFailsKeepsItsConnectorsAndOnlyAllFailingFailsTheCycle() throws Exception {
    FakeCloudflareApi api = new FakeCloudflareApi()
        .answer("connectors", ACC, List.of(connectorObject("c1")))
        .answer("connectors", "acc2", List.of(connectorObject("d1"), connectorObject("d2")));
    try (Pipeline p = new Pipeline(api, List.of(ACC, "acc2"), Pipeline.latest(), 2, r -> true);
        Pipeline.LogCapture log = new Pipeline.LogCapture(ConnectorDiscoveryPoller.class)) {
      assertThat(p.discover()).isEqualTo(new Poller.PollOutcome(3, 0));
      api.fail("connectors", "acc2", new ApiException.Server(500, List.of()));
      assertThat(p.discover()).isEqualTo(new Poller.PollOutcome(1, 1));
      p.discover();
      assertThat(p.directory.connectors()).extracting(ConnectorRef::connectorId).containsExactly("c1", "d1", "d2");
      assertThat(log.messages().stream().filter(m -> m.startsWith("WARN"))).hasSize(1);
      api.fail("connectors", ACC, new ApiException.Malformed(200, "no result in the answer", null));
      assertThatThrownBy(p::discover).as("every account failed").isInstanceOf(ExecutionException.class);
      assertThat(p.directory.connectors()).hasSize(3);
      assertThat(p.connectors.get(new ConnectorRef("acc2", "d2"))).isNotNull();
    }
  }

  @Test
  void theShardFilterDecidesWhichConnectorsThisReplicaOwns() throws Exception {
    FakeCloudflareApi api = new FakeCloudflareApi()
        .answer("connectors", ACC, List.of(connectorObject("c1"), connectorObject("c2"), connectorObject("c3")));
    try (Pipeline p = new Pipeline(api, List.of(ACC), Pipeline.latest(), 2, r -> !r.connectorId().equals("c2"))) {
      p.discover();
      assertThat(p.directory.connectors()).extracting(ConnectorRef::connectorId).containsExactly("c1", "c3");
      assertThat(p.scrape()).doesNotContain("connector_id=\"c2\"");
    }
  }

  private static Connector connectorObject(String id) {
    return new Connector(id, true, new Connector.Device("dev-" + id, "SN-" + id), List.of(), 2.0, List.of(), 3.0,
        null, "2025.10.1", null, null, "UTC");
  }
}
