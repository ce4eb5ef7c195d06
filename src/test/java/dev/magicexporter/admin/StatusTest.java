package dev.magicexporter.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magicexporter.metrics.Promtool;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /status} (JSON) and {@code /status.html}, rendered in headless Chromium, and the admin self-metrics. */
class StatusTest {
  static final Instant T = Instant.parse("2026-11-25T12:00:00Z");
  static final String HOSTILE = "<script>alert('x')</script>&\"";

  static DaemonStatus status() {
    return new DaemonStatus(
        () -> List.of(
            new DaemonStatus.Poller("connectors", Duration.ofSeconds(60), T, T, null, null, 42, 7),
            new DaemonStatus.Poller("tunnels", Duration.ofSeconds(30), T, T.minusSeconds(90), T, HOSTILE, 3, 9),
            new DaemonStatus.Poller("pcaps", Duration.ofMinutes(5), null, null, null, null, 0, 0)),
        () -> List.of(new DaemonStatus.Checkpoint(Samples.ACCOUNT, "c1", "events", "t=1700000000.5 n=3", T)),
        () -> List.of(new DaemonStatus.Budget("token:…abcd", 1200, Duration.ofMinutes(5), 100, 1100, 120)));
  }

  @Test
  void statusJsonHasPollersCheckpointsBudgetsAndCache() {
    try (AdminHarness h = new AdminHarness(AdminHarness.defaultOptions(), status())) {
      h.get("/accounts/" + Samples.ACCOUNT + "/magic/routes");
      h.get("/accounts/" + Samples.ACCOUNT + "/magic/routes");
      AdminHarness.Resp r = h.call(io.vertx.core.http.HttpMethod.GET, "/status", AdminHarness.READ_TOKEN, null);
      assertThat(r.status()).isEqualTo(200);
      JsonObject s = r.json();
      JsonArray pollers = s.getJsonArray("pollers");
      assertThat(pollers).hasSize(3);
      JsonObject tunnels = pollers.getJsonObject(1);
      assertThat(tunnels.getString("name")).isEqualTo("tunnels");
      assertThat(tunnels.getString("state")).isEqualTo("failing");
      assertThat(tunnels.getDouble("interval_seconds")).isEqualTo(30.0);
      assertThat(tunnels.getString("last_error")).isEqualTo(HOSTILE);
      assertThat(tunnels.getInteger("items_seen")).isEqualTo(3);
      assertThat(pollers.getJsonObject(0).getString("state")).isEqualTo("ok");
      assertThat(pollers.getJsonObject(0).getString("last_success")).isEqualTo("2026-11-25T12:00:00Z");
      assertThat(pollers.getJsonObject(2).getString("state")).isEqualTo("pending");
      assertThat(s.getJsonArray("checkpoints").getJsonObject(0).getString("position")).isEqualTo("t=1700000000.5 n=3");
      assertThat(s.getJsonArray("budgets").getJsonObject(0).getInteger("remaining")).isEqualTo(1100);
      JsonObject cache = s.getJsonObject("admin_cache");
      assertThat(cache.getLong("hits")).isEqualTo(1);
      assertThat(cache.getLong("misses")).isEqualTo(1);
    }
  }

  @Test
  void theHtmlPageEscapesEveryValueAndAllowsNoScript() {
    try (AdminHarness h = new AdminHarness(AdminHarness.defaultOptions(), status())) {
      AdminHarness.Resp r = h.call(io.vertx.core.http.HttpMethod.GET, "/status.html", AdminHarness.READ_TOKEN, null);
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.headers().get("Content-Type")).startsWith("text/html");
      assertThat(r.headers().get("Content-Security-Policy")).contains("default-src 'none'");
      assertThat(r.text()).doesNotContain("<script>").contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;");
    }
  }

  @Test
  void headlessChromiumRendersThePollersTable(@TempDir Path tmp) throws Exception {
    Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    if (!Files.isExecutable(chromium)) {
      throw new AssertionError("chromium not found at " + chromium
          + "; install it with `apt-get install -y chromium` or set CHROMIUM");
    }
    // Basic credentials in the URL, as a browser user would type them once.
    try (AdminHarness h = new AdminHarness(AdminHarness.defaultOptions(), status())) {
      String url = "http://viewer:" + AdminHarness.READ_TOKEN + "@127.0.0.1:" + h.server.actualPort() + "/status.html";
      String dom = dumpDom(chromium, tmp, url);
      assertThat(dom).contains("<table id=\"pollers\">");
      String pollers = dom.substring(dom.indexOf("<table id=\"pollers\">"));
      pollers = pollers.substring(0, pollers.indexOf("</table>"));
      assertThat(pollers.split("<tr>", -1)).hasSize(1 + 1 + 3);
      assertThat(pollers).contains("connectors").contains("tunnels").contains("pcaps")
          .contains("class=\"failing\"").contains("&lt;script&gt;");
      assertThat(dom).contains("<table id=\"checkpoints\">").contains("t=1700000000.5 n=3")
          .contains("<table id=\"budgets\">").contains("token:…abcd").contains("<table id=\"cache\">");
      // The hostile error stayed text: Chromium built no script element from it.
      assertThat(dom).doesNotContain("<script>");
    }
  }

  static String dumpDom(Path chromium, Path tmp, String url) throws IOException, InterruptedException {
    return dumpDom(chromium, tmp, url, List.of());
  }

  /** As {@link #dumpDom}, dumping once the page's scripts and requests have settled (virtual time). */
  static String dumpDomAfterScripts(Path chromium, Path tmp, String url) throws IOException, InterruptedException {
    return dumpDom(chromium, tmp, url, List.of("--virtual-time-budget=30000"));
  }

  private static String dumpDom(Path chromium, Path tmp, String url, List<String> extra)
      throws IOException, InterruptedException {
    List<String> cmd = new java.util.ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--user-data-dir=" + tmp.resolve("profile")));
    cmd.addAll(extra);
    cmd.addAll(List.of("--dump-dom", url));
    Process p = new ProcessBuilder(cmd)
        .redirectError(tmp.resolve("chromium.log").toFile()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish in 120 s");
    }
    assertThat(p.exitValue()).as("chromium exit; log: %s", Files.readString(tmp.resolve("chromium.log"))).isZero();
    return out;
  }

  @Test
  void adminSelfMetricsPassPromtool() throws Exception {
    PrometheusMeterRegistry reg = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (AdminHarness h = new AdminHarness(AdminHarness.defaultOptions(), status(), reg, null)) {
      h.get("/accounts/" + Samples.ACCOUNT + "/magic/routes");
      h.get("/accounts/" + Samples.ACCOUNT + "/magic/routes");
      h.write(io.vertx.core.http.HttpMethod.POST, "/accounts/" + Samples.ACCOUNT + "/magic/routes", "{}");
      h.get("/nowhere");
      String text = reg.scrape();
      assertThat(text)
          .contains("cloudflare_exporter_admin_cache_requests_total{result=\"hit\"} 1.0")
          .contains("cloudflare_exporter_admin_cache_requests_total{result=\"miss\"} 1.0")
          .contains("cloudflare_exporter_admin_cache_invalidations_total")
          .contains("cloudflare_exporter_admin_cache_evictions_total")
          .contains("cloudflare_exporter_admin_cache_entries")
          .contains("cloudflare_exporter_admin_cache_size_bytes ")
          .contains("cloudflare_exporter_admin_requests_total{code=\"400\",method=\"POST\","
              + "route=\"/accounts/{account_id}/magic/routes\"} 1.0")
          .contains("cloudflare_exporter_admin_requests_total{code=\"404\",method=\"GET\",route=\"unmatched\"} 1.0");
      assertThat(Promtool.checkMetrics(text)).isEmpty();
    }
  }
}
