package dev.magicexporter.poll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magicexporter.metrics.Promtool;
import dev.magicexporter.sim.SimClock;
import dev.magicexporter.sim.SimModules;
import dev.magicexporter.sim.SimOptions;
import dev.magicexporter.sim.Simulator;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Discovery and snapshots against the built-in simulator over real HTTP, then one full scrape. */
class SnapshotPipelineSimulatorTest {
  static final double T0 = 1_764_000_000;
  Vertx vertx;
  Simulator sim;
  SimClock.Manual clock = new SimClock.Manual(T0);

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    sim = new Simulator(vertx, SimOptions.defaults().withPort(0).withConnectors(4), clock, SimModules.defaults());
    sim.start().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    sim.stop().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  Pipeline pipeline(boolean dhcpLeaseSeries) {
    return new Pipeline(vertx, sim.baseUrl(), SimOptions.DEFAULT_TOKEN, List.of(SimOptions.DEFAULT_ACCOUNT),
        Pipeline.latest(), 2, dhcpLeaseSeries, r -> true);
  }

  @Test
  void everyConnectorIsExportedAndTheWholeExpositionIsPromtoolClean() throws Exception {
    try (Pipeline p = pipeline(true)) {
      assertThat(p.discover().items()).isEqualTo(4);
      Poller.PollOutcome outcome = p.pollSnapshots();
      assertThat(outcome.errors()).isZero();
      assertThat(p.snapshots.size()).isEqualTo(4);
      String text = p.scrape();
      for (String id : sim.world().connectorIds(SimOptions.DEFAULT_ACCOUNT)) {
        String labels = "connector_id=\"" + id + "\"";
        assertThat(p.series(text, "cloudflare_connector_up{", labels)).singleElement().asString().endsWith(" 1");
        assertThat(p.series(text, "cloudflare_connector_info{", labels)).hasSize(1);
        assertThat(p.series(text, "cloudflare_connector_cpu_seconds_total{", labels)).hasSizeGreaterThan(1);
        assertThat(p.series(text, "cloudflare_connector_snapshot_timestamp_seconds{", labels)).hasSize(1);
      }
      assertThat(p.storedCalls).hasSize(4);
      assertThat(Promtool.checkMetrics(text)).isEmpty();
      assertThat(text.lines().filter(l -> !l.startsWith("#")).count()).as("series").isGreaterThan(4 * 150);
    }
  }

  @Test
  void openMetricsScrapeEndsWithEof() throws Exception {
    try (Pipeline p = pipeline(false)) {
      p.discover();
      p.pollSnapshots();
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      p.endpoint.scrape(p.endpoint.writerFor("application/openmetrics-text; version=1.0.0"), out);
      String om = out.toString(java.nio.charset.StandardCharsets.UTF_8);
      assertThat(om).endsWith("# EOF\n").contains("# TYPE cloudflare_connector_cpu_seconds counter")
          .contains("# TYPE cloudflare_connector info");
    }
  }
}
