package dev.magicexporter.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magicexporter.config.ConfigLoader;
import dev.magicexporter.sim.SimClock;
import dev.magicexporter.sim.SimOptions;
import dev.magicexporter.sim.Simulator;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas sharing one credential (each given half of the budget) against one simulator
 * whose rate limit is the whole budget: every connector is exported by exactly one replica, no
 * replica spends more than its share, and the simulator never has to answer 429.
 */
class ShardedDaemonsTest {
  private static final int CONNECTORS = 300;
  private static final int SHARDS = 2;
  private static final int BUDGET_PER_REPLICA = 600;
  private static final Duration WINDOW = Duration.ofSeconds(10);
  private static final Pattern UP = Pattern.compile("^cloudflare_connector_up\\{[^}]*connector_id=\"([^\"]+)\"",
      Pattern.MULTILINE);

  @TempDir Path state;

  @Test
  void coverageIsDisjointAndCompleteAndEveryReplicaStaysInItsBudget() throws Exception {
    Vertx vertx = Vertx.vertx();
    SimOptions opts = SimOptions.defaults().withPort(0).withConnectors(CONNECTORS)
        .withRateLimit(BUDGET_PER_REPLICA * SHARDS, WINDOW);
    Simulator sim = Simulator.withDefaultModules(vertx, opts, SimClock.system());
    await(sim.start().mapEmpty());
    List<Daemon> daemons = new ArrayList<>();
    long started = System.nanoTime();
    try {
      for (int i = 0; i < SHARDS; i++) {
        Path dir = Files.createDirectories(state.resolve("shard" + i));
        Map<String, String> env = new HashMap<>(Map.of(
            "CLOUDFLARE_BASE_URL", sim.baseUrl(),
            "CLOUDFLARE_API_TOKEN", opts.apiToken(),
            "CLOUDFLARE_ACCOUNT_ID", opts.accountIds().get(0),
            "MAGIC_EXPORTER_LISTEN_ADDRESS", "127.0.0.1",
            "MAGIC_EXPORTER_LISTEN_PORT", "0",
            "MAGIC_EXPORTER_ADMIN_PORT", "0",
            "MAGIC_EXPORTER_STATE_DIR", dir.toString(),
            "MAGIC_EXPORTER_POLL_INTERVAL", "1s",
            "MAGIC_EXPORTER_SHARD", Integer.toString(i),
            "MAGIC_EXPORTER_TOTAL_SHARDS", Integer.toString(SHARDS)));
        // The credential's whole limit: each replica takes 1/SHARDS of it without being told.
        env.put("MAGIC_EXPORTER_CLOUDFLARE_BUDGET_REQUESTS", Integer.toString(BUDGET_PER_REPLICA * SHARDS));
        env.put("MAGIC_EXPORTER_CLOUDFLARE_BUDGET_SHARE", "1");
        env.put("MAGIC_EXPORTER_CLOUDFLARE_BUDGET_WINDOW", WINDOW.toSeconds() + "s");
        ConfigLoader.Result r = ConfigLoader.load(new ConfigLoader.CommandLine(null, false, null, null), env);
        assertThat(r.problems()).isEmpty();
        Daemon d = new Daemon(vertx, r.config());
        daemons.add(d);
        await(d.start());
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      List<Set<String>> exported;
      do {
        Thread.sleep(500);
        exported = new ArrayList<>();
        for (Daemon d : daemons) {
          exported.add(connectorIds(scrape(d)));
        }
      } while (exported.stream().mapToInt(Set::size).sum() < CONNECTORS && System.nanoTime() < deadline);

      Set<String> all = new HashSet<>();
      for (Set<String> s : exported) {
        Set<String> shared = new HashSet<>(s);
        shared.retainAll(all);
        assertThat(shared).as("replicas share no connector").isEmpty();
        assertThat(s).as("each replica has its share").isNotEmpty();
        all.addAll(s);
      }
      assertThat(all).hasSize(CONNECTORS);
      // With its connectors known, every replica's schedule is budget-limited (longer than the 1 s
      // poll_interval). No upper bound: the plan polls troubled connectors every round, and a snapshot
      // older than two cycles makes a connector troubled, so on a loaded machine the cycle grows.
      for (Daemon d : daemons) {
        assertThat(d.metrics().registry().get("cloudflare_exporter_schedule_cycle_seconds").gauge().value())
            .as("a budget-limited cycle").isGreaterThan(1.0);
      }

      for (Daemon d : daemons) {
        double sent = d.metrics().registry().find(dev.magicexporter.metrics.self.SelfMetrics.API_REQUESTS.name()).counters().stream()
            .mapToDouble(Counter::count).sum();
        // A sliding window of W never lets more than its limit start in any W, so over any time T at most
        // limit * (T / W + 1): true however slow this machine is, unlike a bound on time.
        double windows = (System.nanoTime() - started) / (double) WINDOW.toNanos() + 1;
        assertThat(sent).as("requests of one replica within its share of the budget").isPositive()
            .isLessThanOrEqualTo(BUDGET_PER_REPLICA * windows);
      }
      assertThat(sim.stats().responses(429)).as("the simulator never throttled").isZero();
    } finally {
      for (Daemon d : daemons) {
        await(d.stop());
      }
      await(sim.stop());
      await(vertx.close());
    }
  }

  private static String scrape(Daemon d) throws Exception {
    // HTTP/1.1: the JDK client otherwise offers an h2c upgrade, which a multi-megabyte answer can garble.
    java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
        .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
    java.net.http.HttpRequest req = java.net.http.HttpRequest.newBuilder(
        java.net.URI.create("http://127.0.0.1:" + d.metricsPort() + "/metrics")).build();
    return http.send(req, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
  }

  private static Set<String> connectorIds(String exposition) {
    Set<String> ids = new HashSet<>();
    Matcher m = UP.matcher(exposition);
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }

  private static void await(io.vertx.core.Future<Void> f) throws Exception {
    f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
