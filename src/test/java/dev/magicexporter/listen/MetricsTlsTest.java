package dev.magicexporter.listen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.magicexporter.app.HttpEndpoints;
import dev.magicexporter.metrics.Metrics;
import dev.magicexporter.metrics.MetricsEndpoint;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.bcrypt.BCrypt;

/** Issue 16 item 1 in-process: TLS, mutual TLS and basic auth from the web config file, and its reload. */
class MetricsTlsTest {
  private final Vertx vertx = Vertx.vertx();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private HttpEndpoints http;

  @AfterEach
  void stop() throws Exception {
    if (http != null) {
      http.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private int start(Path file) throws Exception {
    WebSecurity security = new WebSecurity(vertx, file, WebConfig.load(file), registry);
    http = new HttpEndpoints(vertx, new MetricsEndpoint(new Metrics(false)), () -> null, "t", false,
        HttpEndpoints.DEFAULT_LIMITS, registry).withSecurity(security);
    http.start("127.0.0.1", 0).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    return http.actualPort();
  }

  private static int get(SSLContext ctx, int port, String path, String user, String password) throws Exception {
    HttpClient c = HttpClient.newBuilder().sslContext(ctx).version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(30)).build();
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(60));
    if (user != null) {
      b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
          .getBytes(StandardCharsets.UTF_8)));
    }
    return c.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void metricsNeedTlsAndThePasswordProbesNeedOnlyTls(@TempDir Path tmp) throws Exception {
    TestCertificates certs = TestCertificates.create(tmp);
    Path file = tmp.resolve("web.yml");
    Files.writeString(file, """
        tls_server_config: {cert_file: test-only-server.crt, key_file: test-only-server.key}
        basic_auth_users: {prometheus: '%s'}
        """.formatted(BCrypt.hashpw("scrape-secret", BCrypt.gensalt(4))));
    int port = start(file);
    SSLContext ctx = certs.clientContext(false);
    assertThat(get(ctx, port, "/metrics", null, null)).isEqualTo(401);
    assertThat(get(ctx, port, "/metrics", "prometheus", "wrong")).isEqualTo(401);
    assertThat(get(ctx, port, "/metrics", "nobody", "scrape-secret")).isEqualTo(401);
    assertThat(get(ctx, port, "/metrics", "prometheus", "scrape-secret")).isEqualTo(200);
    assertThat(get(ctx, port, "/", null, null)).isEqualTo(401);
    assertThat(get(ctx, port, "/healthz", null, null)).isEqualTo(200);
    assertThat(get(ctx, port, "/readyz", null, null)).isEqualTo(200);
    // Plain HTTP on the TLS port gets no metrics.
    RawHttp.Answer plain = RawHttp.get(port, "/metrics");
    assertThat(plain.text()).doesNotContain("# HELP");
  }

  @Test
  void aChangedFileIsPickedUpAndABrokenOneKeepsTheLastGood(@TempDir Path tmp) throws Exception {
    TestCertificates certs = TestCertificates.create(tmp);
    Path file = tmp.resolve("web.yml");
    String tls = "tls_server_config: {cert_file: test-only-server.crt, key_file: test-only-server.key}\n";
    Files.writeString(file, tls + "basic_auth_users: {alice: '" + BCrypt.hashpw("a-pass", BCrypt.gensalt(4)) + "'}\n");
    int port = start(file);
    SSLContext ctx = certs.clientContext(false);
    assertThat(get(ctx, port, "/metrics", "alice", "a-pass")).isEqualTo(200);

    Files.writeString(file, tls + "basic_auth_users: {bob: '" + BCrypt.hashpw("b-pass", BCrypt.gensalt(4)) + "'}\n");
    waitFor(() -> get(ctx, port, "/metrics", "bob", "b-pass") == 200);
    assertThat(get(ctx, port, "/metrics", "alice", "a-pass")).isEqualTo(401);

    Files.writeString(file, tls + "basic_auth_users: {bob: not-a-hash}\n");
    waitFor(() -> registry.get("cloudflare_exporter_web_config_last_reload_successful").gauge().value() == 0);
    assertThat(get(ctx, port, "/metrics", "bob", "b-pass")).isEqualTo(200);
  }

  @Test
  void mutualTlsRefusesAClientWithoutACertificateFromTheCa(@TempDir Path tmp) throws Exception {
    TestCertificates certs = TestCertificates.create(tmp);
    Path file = tmp.resolve("web.yml");
    Files.writeString(file, "tls_server_config: {cert_file: test-only-server.crt, key_file: test-only-server.key, "
        + "client_ca_file: test-only-ca.crt, client_auth_type: RequireAndVerifyClientCert}\n");
    int port = start(file);
    assertThat(get(certs.clientContext(true), port, "/metrics", null, null)).isEqualTo(200);
    assertThatThrownBy(() -> get(certs.clientContext(false), port, "/metrics", null, null))
        .isInstanceOf(java.io.IOException.class);
  }

  private interface Check {
    boolean ok() throws Exception;
  }

  private static void waitFor(Check c) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!c.ok()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not reached");
      }
      Thread.sleep(100);
    }
  }
}
