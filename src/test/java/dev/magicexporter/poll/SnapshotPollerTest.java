package dev.magicexporter.poll;

import dev.magicexporter.client.ApiException;
import dev.magicexporter.client.FakeCloudflareApi;
import dev.magicexporter.model.Connector;
import dev.magicexporter.model.Snapshot;
import dev.magicexporter.model.SnapshotNumber;
import java.util.ArrayList;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.magicexporter.store.ConnectorRef;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Snapshot polling against WireMock: failures, plans, concurrency. */
class SnapshotPollerTest extends WireMockApiTest {
  @Test
  void parseFailureKeepsLastGoodDataIsCountedAndLoggedOncePerConnector() throws Exception {
    listConnectors(ACC, "c1", "c2");
    latest("c1", resource("/snapshots/latest-all-fields.json"));
    latest("c2", latestOf("{\"t\": 1764000000, \"cpu_count\": 2}"));
    try (Pipeline p = pipeline(Pipeline.latest(), 2);
        Pipeline.LogCapture log = new Pipeline.LogCapture(SnapshotPoller.class)) {
      p.discover();
      p.pollSnapshots();
      String good = p.scrape();
      List<String> before = p.series(good, "connector_id=\"c1\"", "cloudflare_connector_memory_free_bytes");
      assertThat(before).hasSize(1);

      latest("c1", latestOf("{\"t\": 1764000060, \"cpu_count\": {\"oops\": 1}}"));
      Poller.PollOutcome second = p.pollSnapshots();
      p.pollSnapshots();
      assertThat(second.errors()).isEqualTo(1);
      String text = p.scrape();
      assertThat(p.series(text, "connector_id=\"c1\"", "cloudflare_connector_memory_free_bytes")).isEqualTo(before);
      assertThat(p.series(text, "cloudflare_exporter_snapshot_parse_errors_total{", "connector_id=\"c1\""))
          .containsExactly("cloudflare_exporter_snapshot_parse_errors_total{account_id=\"acc1\",connector_id=\"c1\"} 2");
      assertThat(p.series(text, "cloudflare_connector_up{", "connector_id=\"c1\"")).singleElement().asString().endsWith(" 0");
      assertThat(p.series(text, "cloudflare_connector_up{", "connector_id=\"c2\"")).singleElement().asString().endsWith(" 1");
      assertThat(p.series(text, "cloudflare_exporter_snapshot_parse_errors_total{", "connector_id=\"c2\""))
          .singleElement().asString().endsWith(" 0");
      List<String> warnings = log.messages().stream().filter(m -> m.startsWith("WARN")).toList();
      assertThat(warnings).hasSize(1);
      assertThat(warnings.get(0)).contains("c1", "could not be parsed", "cpu_count", "keeping the snapshot of t=1717171717");

      latest("c1", latestOf("{\"t\": 1764000120, \"cpu_count\": 8}"));
      p.pollSnapshots();
      String recovered = p.scrape();
      assertThat(p.series(recovered, "cloudflare_connector_up{", "connector_id=\"c1\"")).singleElement().asString().endsWith(" 1");
      assertThat(p.series(recovered, "cloudflare_connector_cpus{", "connector_id=\"c1\"")).singleElement().asString().endsWith(" 8");
      assertThat(p.series(recovered, "connector_id=\"c1\"", "memory_free_bytes")).as("absent in the new snapshot").isEmpty();
      assertThat(log.messages().stream().filter(m -> m.contains("recovered"))).hasSize(1);
    }
  }

  @Test
  void oneFailingConnectorNeverStopsTheOthersAndFailuresAreCountedByKind() throws Exception {
    FakeCloudflareApi api = connectors("c1", "c2", "c3")
        .fail("latest", ACC + "/c1", new ApiException.NotFound(List.of()))
        .answer("latest", ACC + "/c2", Optional.of(snapshot(1764000000)))
        .fail("latest", ACC + "/c3", new ApiException.Server(500, List.of()));
    try (Pipeline p = new Pipeline(api, List.of(ACC), Pipeline.latest(), 1, r -> true)) {
      p.discover();
      Poller.PollOutcome outcome = p.pollSnapshots();
      assertThat(outcome.items()).isEqualTo(3);
      assertThat(outcome.errors()).isEqualTo(2);
      String text = p.scrape();
      assertThat(p.series(text, "cloudflare_exporter_snapshot_fetch_errors_total{"))
          .containsExactly(
              "cloudflare_exporter_snapshot_fetch_errors_total{account_id=\"acc1\",connector_id=\"c1\",kind=\"not_found\"} 1",
              "cloudflare_exporter_snapshot_fetch_errors_total{account_id=\"acc1\",connector_id=\"c3\",kind=\"server\"} 1");
      assertThat(p.series(text, "cloudflare_connector_snapshot_timestamp_seconds{"))
          .containsExactly("cloudflare_connector_snapshot_timestamp_seconds{account_id=\"acc1\",connector_id=\"c2\"} 1764000000");
      assertThat(p.series(text, "cloudflare_exporter_snapshot_last_success_timestamp_seconds{"))
          .containsExactly("cloudflare_exporter_snapshot_last_success_timestamp_seconds{account_id=\"acc1\",connector_id=\"c2\"} 1764000000");
    }
  }

  @Test
  void aConnectorWithoutSnapshotYetIsUpWithoutSeriesFromASnapshot() throws Exception {
    FakeCloudflareApi api = connectors("c1").answer("latest", ACC + "/c1", Optional.empty());
    try (Pipeline p = new Pipeline(api, List.of(ACC), Pipeline.latest(), 1, r -> true)) {
      p.discover();
      assertThat(p.pollSnapshots().errors()).isZero();
      String text = p.scrape();
      assertThat(p.series(text, "cloudflare_connector_up{")).singleElement().asString().endsWith(" 1");
      assertThat(p.series(text, "cloudflare_connector_snapshot_timestamp_seconds{")).isEmpty();
      assertThat(p.storedCalls).isEmpty();
    }
  }

  @Test
  void missingFieldsProduceNoSeriesAndUnknownFieldsAreIgnored() throws Exception {
    listConnectors(ACC, "c1");
    latest("c1", latestOf("{\"t\": 1764000000, \"cpu_count\": 2, \"new_in_2030\": {\"x\": [1, 2]},"
        + " \"disks\": [{\"name\": \"sda\", \"reads\": 7, \"brand_new\": true}]}"));
    try (Pipeline p = pipeline(Pipeline.latest(), 1)) {
      p.discover();
      p.pollSnapshots();
      List<String> fromSnapshot = p.series(p.scrape(), "connector_id=\"c1\"").stream()
          .filter(l -> !l.startsWith("cloudflare_exporter_") && !l.startsWith("cloudflare_connector_up{")
              && !l.startsWith("cloudflare_connector_info{") && !l.startsWith("cloudflare_connector_activated{")
              && !l.startsWith("cloudflare_connector_last_") && !l.startsWith("cloudflare_connector_interrupt_window_"))
          .toList();
      assertThat(fromSnapshot).containsExactlyInAnyOrder(
          "cloudflare_connector_snapshot_timestamp_seconds{account_id=\"acc1\",connector_id=\"c1\"} 1764000000",
          "cloudflare_connector_cpus{account_id=\"acc1\",connector_id=\"c1\"} 2",
          "cloudflare_connector_disk_info{account_id=\"acc1\",connector_id=\"c1\",device=\"sda\",major=\"\",minor=\"\"} 1",
          "cloudflare_connector_disk_reads_completed_total{account_id=\"acc1\",connector_id=\"c1\",device=\"sda\"} 7");
    }
  }

  @Test
  void fetchAtRequestsThePlannedTimeAsAPlainDecimal() throws Exception {
    listConnectors(ACC, "c1");
    String path = CONNECTORS + "/c1/telemetry/snapshots/1764000000.5";
    wm.stubFor(get(urlPathEqualTo(path)).willReturn(okJson(
        "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{\"t\":1764000000.5,\"cpu_count\":4}}")));
    SnapshotPlanner at = new SnapshotPlanner() {
      @Override
      public Future<SnapshotPlan> plan(ConnectorRef connector) {
        return Future.succeededFuture(new SnapshotPlan.FetchAt(1764000000.5));
      }

      @Override
      public void stored(ConnectorRef connector, double t) {}
    };
    try (Pipeline p = pipeline(at, 1)) {
      p.discover();
      assertThat(p.pollSnapshots().errors()).isZero();
      wm.verify(1, getRequestedFor(urlPathEqualTo(path)));
      assertThat(p.storedCalls).containsExactly("c1@1764000000");
      assertThat(p.series(p.scrape(), "cloudflare_connector_snapshot_timestamp_seconds{"))
          .containsExactly("cloudflare_connector_snapshot_timestamp_seconds{account_id=\"acc1\",connector_id=\"c1\"} 1764000000.5");
    }
  }

  @Test
  void nothingNewFetchesNothingAndKeepsTheConnectorUp() throws Exception {
    FakeCloudflareApi api = connectors("c1");
    SnapshotPlanner none = new SnapshotPlanner() {
      @Override
      public Future<SnapshotPlan> plan(ConnectorRef connector) {
        return Future.succeededFuture(new SnapshotPlan.NothingNew());
      }

      @Override
      public void stored(ConnectorRef connector, double t) {}
    };
    try (Pipeline p = new Pipeline(api, List.of(ACC), none, 1, r -> true)) {
      p.discover();
      assertThat(p.pollSnapshots().errors()).isZero();
      assertThat(api.calls).containsExactly("connectors " + ACC);
      assertThat(p.series(p.scrape(), "cloudflare_connector_up{")).singleElement().asString().endsWith(" 1");
    }
  }

  @Test
  void atMostConcurrencyConnectorsAreInFlight() throws Exception {
    String[] ids = new String[10];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = "c" + i;
    }
    FakeCloudflareApi api = connectors(ids);
    List<Promise<SnapshotPlan>> pending = new CopyOnWriteArrayList<>();
    AtomicInteger planned = new AtomicInteger();
    SnapshotPlanner manual = new SnapshotPlanner() {
      @Override
      public Future<SnapshotPlan> plan(ConnectorRef connector) {
        planned.incrementAndGet();
        Promise<SnapshotPlan> promise = Promise.promise();
        pending.add(promise);
        return promise.future();
      }

      @Override
      public void stored(ConnectorRef connector, double t) {}
    };
    try (Pipeline p = new Pipeline(api, List.of(ACC), manual, 3, r -> true)) {
      p.discover();
      Future<Poller.PollOutcome> cycle = p.poller.poll();
      int completed = 0;
      while (completed < ids.length) {
        int inFlight = planned.get() - completed;
        assertThat(inFlight).isBetween(1, 3);
        assertThat(planned.get()).isEqualTo(Math.min(ids.length, completed + 3));
        pending.get(completed++).complete(new SnapshotPlan.NothingNew());
      }
      Poller.PollOutcome outcome = Pipeline.await(cycle);
      assertThat(outcome.items()).isEqualTo(10);
      assertThat(outcome.errors()).isZero();
    }
  }

  @Test
  void plannerFailureMarksOnlyThatConnectorDown() throws Exception {
    FakeCloudflareApi api = connectors("c1", "c2").answer("latest", ACC + "/c2", Optional.of(snapshot(1764000000)));
    SnapshotPlanner flaky = new SnapshotPlanner() {
      @Override
      public Future<SnapshotPlan> plan(ConnectorRef connector) {
        if (connector.connectorId().equals("c1")) {
          throw new IllegalStateException("planner broke");
        }
        return Future.succeededFuture(new SnapshotPlan.FetchLatest());
      }

      @Override
      public void stored(ConnectorRef connector, double t) {}
    };
    try (Pipeline p = new Pipeline(api, List.of(ACC), flaky, 2, r -> true)) {
      p.discover();
      assertThat(p.pollSnapshots().errors()).isEqualTo(1);
      String text = p.scrape();
      assertThat(p.series(text, "cloudflare_connector_up{", "connector_id=\"c1\"")).singleElement().asString().endsWith(" 0");
      assertThat(p.series(text, "cloudflare_exporter_snapshot_fetch_errors_total{", "connector_id=\"c1\"", "kind=\"internal\""))
          .hasSize(1);
      assertThat(p.series(text, "cloudflare_connector_up{", "connector_id=\"c2\"")).singleElement().asString().endsWith(" 1");
    }
  }

  /** An in-memory API that lists {@code ids} as the connectors of {@link #ACC}. */
  private static FakeCloudflareApi connectors(String... ids) {
    List<Connector> list = new ArrayList<>();
    for (String id : ids) {
      list.add(new Connector(id, true, null, null, null, null, null, null, null, null, null, null));
    }
    return new FakeCloudflareApi().answer("connectors", ACC, list);
  }

  private static Snapshot snapshot(double t) {
    return Snapshot.builder().set(SnapshotNumber.T, t).build();
  }
}
