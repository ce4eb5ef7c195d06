package dev.magicexporter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magicexporter.model.Event;
import dev.magicexporter.model.EventKinds;
import dev.magicexporter.state.CheckpointStore;
import dev.magicexporter.state.TestStores;
import dev.magicexporter.state.EventKey;
import dev.magicexporter.state.TestClock;
import dev.magicexporter.store.ConnectorDirectory;
import dev.magicexporter.store.ConnectorRef;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectorEventsCollectorTest {
  private static final double NOW = 1_700_000_000;
  private static final ConnectorRef C1 = new ConnectorRef("acc", "c1");
  private static final ConnectorRef C2 = new ConnectorRef("acc", "c2");
  private static final ConnectorRef GONE = new ConnectorRef("acc", "gone");
  private static Vertx vertx;

  @TempDir Path dir;
  private final TestClock.Manual clock = TestClock.at(NOW);
  private final ConnectorDirectory directory = new ConnectorDirectory();

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() throws Exception {
    await(vertx.close());
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private String scrape(boolean gaps) throws Exception {
    CheckpointStore store = TestStores.open(vertx, dir, clock, Duration.ofHours(1), Duration.ofMinutes(10),
        directory, new SimpleMeterRegistry());
    directory.replace(Set.of("acc"), Set.of(C1, C2, GONE));
    await(store.update(C1, c -> c.withEvents(c.events().startingAt(EventKey.before(NOW - 3600))
            .count(List.of(new Event(NOW - 99, "Init", 0L, NOW - 100), new Event(NOW - 49, "Init", 0L, NOW - 50),
                new Event(NOW - 9, "Self Destruct", 0L, NOW - 10)))
            .next().completeWindow(NOW - 30, 60))
        .withSnapshots(c.snapshots().listed(List.of(NOW - 400, NOW - 340, NOW - 60), NOW - 30))));
    await(store.update(GONE, c -> c.withSnapshots(c.snapshots().stored(NOW))));
    directory.replace(Set.of("acc"), Set.of(C1, C2));
    Metrics metrics = new Metrics(false);
    metrics.register(new ConnectorEventsCollector(store, directory, clock, gaps).familyCollector());
    MetricsEndpoint endpoint = new MetricsEndpoint(metrics);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    endpoint.scrape(endpoint.writerFor("text/plain; version=0.0.4"), out);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void everyConnectorHasEveryKnownKindFromTheFirstScrapeAndUnknownKindsUnderTheirOwnName() throws Exception {
    String text = scrape(true);
    for (String kind : EventKinds.KNOWN) {
      assertThat(text).contains("cloudflare_connector_events_total{account_id=\"acc\",connector_id=\"c2\",kind=\""
          + kind + "\"} 0\n");
    }
    assertThat(text)
        .contains("# TYPE cloudflare_connector_events_total counter\n")
        .contains("cloudflare_connector_events_total{account_id=\"acc\",connector_id=\"c1\",kind=\"Init\"} 2\n")
        .contains("cloudflare_connector_events_total{account_id=\"acc\",connector_id=\"c1\",kind=\"Self_Destruct\"} 1\n")
        .contains("cloudflare_connector_event_last_timestamp_seconds{account_id=\"acc\",connector_id=\"c1\",kind=\"Init\"} 1699999950\n")
        .contains("cloudflare_connector_events_newest_timestamp_seconds{account_id=\"acc\",connector_id=\"c1\"} 1699999990\n")
        .contains("cloudflare_connector_events_lag_seconds{account_id=\"acc\",connector_id=\"c1\"} 30\n")
        .contains("cloudflare_connector_snapshots_total{account_id=\"acc\",connector_id=\"c1\"} 3\n")
        .contains("cloudflare_connector_snapshots_total{account_id=\"acc\",connector_id=\"c2\"} 0\n")
        .contains("cloudflare_connector_snapshot_gaps_total{account_id=\"acc\",connector_id=\"c1\"} 1\n")
        .doesNotContain("connector_id=\"gone\"")
        .doesNotContain("cloudflare_connector_events_lag_seconds{account_id=\"acc\",connector_id=\"c2\"}")
        .doesNotContain("cloudflare_connector_events_newest_timestamp_seconds{account_id=\"acc\",connector_id=\"c2\"}");
    assertThat(text.lines().filter(l -> l.startsWith("cloudflare_connector_events_total{"))).hasSize(33);
  }

  @Test
  void gapsAreOnlyExportedWhenTheStrategyCanSeeThem() throws Exception {
    assertThat(scrape(false)).doesNotContain("snapshot_gaps");
  }

  @Test
  void theExpositionPassesPromtool() throws Exception {
    assertThat(Promtool.checkMetrics(scrape(true))).isEmpty();
  }
}
