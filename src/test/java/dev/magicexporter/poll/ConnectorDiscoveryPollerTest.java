package dev.magicexporter.poll;

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
  void anAccountWhoseListFailsKeepsItsConnectorsAndOnlyAllFailingFailsTheCycle() throws Exception {
    listConnectors(ACC, "c1");
    listConnectors("acc2", "d1", "d2");
    try (Pipeline p = pipeline(r -> true, ACC, "acc2");
        Pipeline.LogCapture log = new Pipeline.LogCapture(ConnectorDiscoveryPoller.class)) {
      assertThat(p.discover()).isEqualTo(new Poller.PollOutcome(3, 0));
      wm.stubFor(get(urlPathEqualTo("/client/v4/accounts/acc2/magic/connectors"))
          .willReturn(aResponse().withStatus(500).withBody("down")));
      assertThat(p.discover()).isEqualTo(new Poller.PollOutcome(1, 1));
      p.discover();
      assertThat(p.directory.connectors()).extracting(ConnectorRef::connectorId).containsExactly("c1", "d1", "d2");
      assertThat(log.messages().stream().filter(m -> m.startsWith("WARN"))).hasSize(1);
      wm.stubFor(get(urlPathEqualTo(CONNECTORS)).willReturn(aResponse().withStatus(500).withBody("down")));
      assertThatThrownBy(p::discover).isInstanceOf(ExecutionException.class).hasMessageContaining("500");
      assertThat(p.directory.connectors()).hasSize(3);
    }
  }

  @Test
  void theShardFilterDecidesWhichConnectorsThisReplicaOwns() throws Exception {
    listConnectors(ACC, "c1", "c2", "c3");
    try (Pipeline p = pipeline(r -> !r.connectorId().equals("c2"), ACC)) {
      p.discover();
      assertThat(p.directory.connectors()).extracting(ConnectorRef::connectorId).containsExactly("c1", "c3");
      assertThat(p.scrape()).doesNotContain("connector_id=\"c2\"");
    }
  }
}
