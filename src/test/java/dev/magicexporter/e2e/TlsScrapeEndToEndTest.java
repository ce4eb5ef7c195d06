package dev.magicexporter.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.magicexporter.app.Daemon;
import dev.magicexporter.config.ConfigLoader;
import dev.magicexporter.listen.TestCertificates;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * Issue 16 item 1 end to end: the daemon (demo mode) with an exporter-toolkit web config file
 * (TLS with a throwaway CA, a bcrypt basic auth user), scraped by a real Prometheus with
 * {@code scheme: https}, {@code tls_config.ca_file} and {@code basic_auth}; a second job with a
 * wrong password must be down with a 401.
 */
@Tag("e2e")
class TlsScrapeEndToEndTest {
  @Test
  void prometheusScrapesOverTlsWithBasicAuth(@TempDir Path tmp) throws Exception {
    TestCertificates certs = TestCertificates.create(Files.createDirectories(tmp.resolve("certs")));
    Path web = tmp.resolve("web-config.yml");
    Files.writeString(web, """
        tls_server_config:
          cert_file: certs/test-only-server.crt
          key_file: certs/test-only-server.key
          min_version: TLS12
        basic_auth_users:
          prometheus: '%s'
        """.formatted(BCrypt.hashpw("test-only-scrape-password", BCrypt.gensalt(10))));
    Map<String, String> env = new LinkedHashMap<>();
    env.put("MAGIC_EXPORTER_LISTEN_ADDRESS", "127.0.0.1");
    env.put("MAGIC_EXPORTER_LISTEN_PORT", "0");
    env.put("MAGIC_EXPORTER_ADMIN_ENABLED", "false");
    env.put("MAGIC_EXPORTER_STATE_DIR", tmp.resolve("state").toString());
    env.put("MAGIC_EXPORTER_POLL_INTERVAL", "2s");
    ConfigLoader.Result loaded = ConfigLoader.load(
        new ConfigLoader.CommandLine(null, true, null, null, web), env);
    assertThat(loaded.problems()).isEmpty();
    Vertx vertx = Vertx.vertx();
    Daemon daemon = new Daemon(vertx, loaded.config());
    PrometheusServer prometheus = null;
    try {
      daemon.start().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      String job = """
            - job_name: %s
              scheme: https
              tls_config:
                ca_file: "%s"
              basic_auth:
                username: prometheus
                password: %s
              static_configs:
                - targets: ["127.0.0.1:%d"]
          """;
      String config = "global:\n  scrape_interval: 1s\nscrape_configs:\n"
          + job.formatted("tls", certs.caCert(), "test-only-scrape-password", daemon.metricsPort())
          + job.formatted("wrong-password", certs.caCert(), "not-the-password", daemon.metricsPort());
      prometheus = PrometheusServer.start(Files.createDirectories(tmp.resolve("prometheus")), config,
          Duration.ofSeconds(60));
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      JsonNode up;
      JsonNode series;
      String wrongError;
      while (true) {
        up = prometheus.query("up{job=\"tls\"} == 1").path("result");
        series = prometheus.query("count({job=\"tls\", __name__=~\"cloudflare_.*\"})").path("result");
        wrongError = lastError(prometheus, "wrong-password");
        if (up.size() == 1 && series.size() == 1 && wrongError.contains("401")) {
          break;
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError("Prometheus did not scrape over TLS with basic auth: up=" + up + " series=" + series
              + " wrong-password lastError=" + wrongError + "\ntargets: " + prometheus.api("/api/v1/targets", Map.of()));
        }
        Thread.sleep(500);
      }
      assertThat(prometheus.query("up{job=\"wrong-password\"} == 0").path("result")).hasSize(1);
    } finally {
      if (prometheus != null) {
        prometheus.close();
      }
      daemon.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private static String lastError(PrometheusServer p, String job) throws Exception {
    for (JsonNode t : p.api("/api/v1/targets", Map.of()).path("activeTargets")) {
      if (job.equals(t.path("labels").path("job").asText())) {
        return t.path("lastError").asText();
      }
    }
    return "";
  }
}
