package dev.magicexporter.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.magicexporter.config.ConfigLoader;
import dev.magicexporter.metrics.Promtool;
import dev.magicexporter.model.analytics.AnalyticsFeed;
import dev.magicexporter.model.analytics.AnalyticsGroup;
import dev.magicexporter.sim.SimOptions;
import dev.magicexporter.sim.graphql.AnalyticsSimWorld;
import dev.magicexporter.state.AnalyticsCheckpoint;
import dev.magicexporter.state.AnalyticsCheckpointCodec;
import dev.magicexporter.state.AnalyticsCheckpointStore;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The demo daemon end to end for the GraphQL analytics: the simulator's {@code /graphql}, the
 * poller, the checkpoint and the exposition. The traffic counters on {@code /metrics} are the
 * simulator's ground truth for exactly the window the checkpoint on disk says was counted, joined
 * with the tunnel ids of {@code cloudflare_tunnel_info}, the GraphQL budget's planned use is logged
 * at start and its queries are spent, and the whole exposition passes promtool.
 */
class AnalyticsDaemonTest {
  private static final String ACC = SimOptions.DEFAULT_ACCOUNT;
  private static final Pattern BYTES = Pattern.compile(
      "cloudflare_tunnel_traffic_bytes_total\\{account_id=\"([^\"]*)\",tunnel_id=\"([^\"]*)\",tunnel_type=\"([^\"]*)\","
          + "name=\"([^\"]*)\",direction=\"([^\"]*)\",on_ramp=\"\",off_ramp=\"\"} (\\S+)");

  @TempDir Path state;

  @Test
  void trafficCountersOnMetricsAreTheGroundTruthOfTheCheckpointedWindow() throws Exception {
    Map<String, String> env = Map.of(
        "MAGIC_EXPORTER_LISTEN_ADDRESS", "127.0.0.1",
        "MAGIC_EXPORTER_LISTEN_PORT", "0",
        "MAGIC_EXPORTER_ADMIN_ENABLED", "false",
        "MAGIC_EXPORTER_STATE_DIR", state.toString(),
        "MAGIC_EXPORTER_SOURCES_TUNNELS_INTERVAL", "2s",
        "MAGIC_EXPORTER_ANALYTICS_INTERVAL", "10s",
        "MAGIC_EXPORTER_ANALYTICS_INITIAL_LOOKBACK", "10m",
        "MAGIC_EXPORTER_ANALYTICS_MAX_WINDOW", "5m");
    ConfigLoader.Result r = ConfigLoader.load(new ConfigLoader.CommandLine(null, true, null, null), env);
    assertThat(r.problems()).isEmpty();
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    ((Logger) LoggerFactory.getLogger(Daemon.class)).addAppender(logs);
    Vertx vertx = Vertx.vertx();
    HttpClient http = HttpClient.newHttpClient();
    Path file = state.resolve(AnalyticsCheckpointStore.SUBDIR).resolve(ACC + ".json");
    Daemon daemon = new Daemon(vertx, r.config());
    try {
      daemon.start().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage).as("the planned GraphQL use, logged at start")
          .anySatisfy(l -> assertThat(l).matches("GraphQL analytics for credential token:\\S+: 1 account\\(s\\) x up to 5 "
              + "queries every 10s = up to 150 of 300 queries per 5m"));
      URI metrics = URI.create("http://127.0.0.1:" + daemon.metricsPort() + "/metrics");
      AnalyticsSimWorld truth = AnalyticsSimWorld.of(daemon.simulator().world());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (true) {
        // the checkpoint, the scrape, the checkpoint again: equal checkpoints mean the scrape shows them
        AnalyticsCheckpoint before = read(file);
        String text = http.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString()).body();
        AnalyticsCheckpoint after = read(file);
        AnalyticsCheckpoint.Counted c = after == null ? null : after.feed(AnalyticsFeed.TUNNEL_TRAFFIC);
        boolean caughtUp = c != null && c.countedTo() - c.since() >= 10 * 60;
        if (caughtUp && after.equals(before) && joined(text)) {
          assertMatchesTruth(text, c, truth);
          assertGraphQlBudgetSpent(text);
          assertThat(Promtool.checkMetrics(text)).isEmpty();
          return;
        }
        assertThat(System.nanoTime()).as("the daemon counted 10 minutes of traffic, joined with the tunnels, within 2 minutes").isLessThan(deadline);
        Thread.sleep(250); // polling another component's progress: nothing to await
      }
    } finally {
      ((Logger) LoggerFactory.getLogger(Daemon.class)).detachAppender(logs);
      daemon.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  /** The credential's GraphQL budget is exposed and the queries sent came out of it (all within its window). */
  private static void assertGraphQlBudgetSpent(String text) {
    assertThat(text).containsPattern("cloudflare_exporter_graphql_budget_limit_queries\\{credential=\"token:[^\"]+\"} 300");
    Matcher m = Pattern.compile("cloudflare_exporter_graphql_budget_remaining_queries\\{credential=\"token:[^\"]+\"} (\\S+)")
        .matcher(text);
    assertThat(m.find()).as("remaining GraphQL queries exposed").isTrue();
    assertThat(Double.parseDouble(m.group(1))).as("queries spent from the GraphQL budget").isLessThan(300);
  }

  /** Traffic series are exposed, all with the tunnel id of their name (the tunnel list was read too). */
  private static boolean joined(String text) {
    Matcher m = BYTES.matcher(text);
    boolean any = false;
    while (m.find()) {
      any = true;
      if (m.group(2).isEmpty()) {
        return false;
      }
    }
    return any;
  }

  private static AnalyticsCheckpoint read(Path file) {
    try {
      return Files.exists(file) ? AnalyticsCheckpointCodec.decode(Files.readAllBytes(file)) : null;
    } catch (Exception e) {
      return null; // being replaced right now: look again
    }
  }

  private static void assertMatchesTruth(String text, AnalyticsCheckpoint.Counted c, AnalyticsSimWorld truth) {
    Map<List<String>, double[]> want = truth.totals(AnalyticsFeed.TUNNEL_TRAFFIC.dataset(), ACC, c.since(), c.countedTo(),
        List.of("tunnelName", "direction"), List.of("bits"));
    Map<List<String>, Double> exposed = new HashMap<>();
    Matcher m = BYTES.matcher(text);
    while (m.find()) {
      assertThat(m.group(1)).isEqualTo(ACC);
      assertThat(m.group(2)).as("joined with a tunnel id").isNotEmpty();
      assertThat(m.group(3)).isIn("gre", "ipsec", "interconnect");
      exposed.put(List.of(m.group(4), m.group(5)), Double.parseDouble(m.group(6)));
    }
    assertThat(exposed).hasSameSizeAs(want);
    want.forEach((k, v) -> assertThat(exposed.get(k)).as("%s", k).isEqualTo(v[0] / 8));
    assertThat(c.totals()).extracting(AnalyticsGroup::dimensions).hasSize(want.size());
  }
}
