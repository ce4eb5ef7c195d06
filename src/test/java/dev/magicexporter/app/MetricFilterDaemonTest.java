package dev.magicexporter.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magicexporter.config.ConfigLoader;
import dev.magicexporter.metrics.Promtool;
import dev.magicexporter.testing.Exposition;
import dev.magicexporter.testing.LogCapture;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo daemon with metric filters from the environment: the scrape, /status and the start-up log. */
class MetricFilterDaemonTest {
  @TempDir Path state;

  @Test
  void filtersApplyToBothEncodingsAndAreListedInStatusAndLog() throws Exception {
    Map<String, String> env = Map.of(
        "MAGIC_EXPORTER_LISTEN_ADDRESS", "127.0.0.1",
        "MAGIC_EXPORTER_LISTEN_PORT", "0",
        "MAGIC_EXPORTER_ADMIN_PORT", "0",
        "MAGIC_EXPORTER_STATE_DIR", state.toString(),
        "MAGIC_EXPORTER_POLL_INTERVAL", "2s",
        "MAGIC_EXPORTER_METRICS_DENYLIST", "^cloudflare_connector_disk_,^jvm_",
        "MAGIC_EXPORTER_METRICS_LABEL_DENYLIST", "serial_number,device");
    ConfigLoader.Result r = ConfigLoader.load(new ConfigLoader.CommandLine(null, true, null, null), env);
    assertThat(r.problems()).isEmpty();
    Vertx vertx = Vertx.vertx();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    try (LogCapture log = new LogCapture()) {
      Daemon daemon = new Daemon(vertx, r.config());
      daemon.start().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      try {
        String base = "http://127.0.0.1:" + daemon.metricsPort();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        String plain = "";
        // Discovery exports connector_info before the first snapshot arrives: wait for both.
        while (!(plain.contains("cloudflare_connector_info{")
            && plain.contains("cloudflare_connector_network_receive_bytes_total{")) && System.nanoTime() < deadline) {
          Thread.sleep(250);
          plain = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
              HttpResponse.BodyHandlers.ofString()).body();
        }
        byte[] gz = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).header("Accept-Encoding", "gzip")
            .build(), HttpResponse.BodyHandlers.ofByteArray()).body();
        for (String text : new String[] {plain, Exposition.gunzip(gz)}) {
          assertThat(text).contains("cloudflare_connector_info{").doesNotContain("serial_number=")
              .doesNotContain("cloudflare_connector_disk_").doesNotContain("\njvm_")
              // device identifies network devices: it stays there (removing it would merge series)
              .contains("cloudflare_connector_network_receive_bytes_total{").contains("device=\"");
          assertThat(Exposition.families(text)).containsKey("cloudflare_connector_filesystem_info");
          assertThat(Promtool.checkMetrics(text)).isEmpty();
        }
        String status = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.adminPort()
            + "/status")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(status).contains("\"metric_filter\"").contains("^cloudflare_connector_disk_")
            .contains("cloudflare_connector_network_operstate");
        assertThat(log.text()).contains("metric filter denylist '^jvm_': excludes")
            .contains("metric filter label_denylist 'device': dropped from");
      } finally {
        daemon.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }
}
