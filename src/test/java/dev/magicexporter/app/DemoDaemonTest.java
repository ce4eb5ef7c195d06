package dev.magicexporter.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magicexporter.config.ConfigLoader;
import dev.magicexporter.metrics.FamilyCatalog;
import dev.magicexporter.metrics.family.FamilyTable;
import dev.magicexporter.metrics.self.SelfMetric;
import dev.magicexporter.metrics.self.SelfMetricTable;
import dev.magicexporter.metrics.self.SelfMetrics;
import dev.magicexporter.testing.Exposition;
import io.vertx.core.Vertx;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon in demo mode, end to end over HTTP: the README's first command, in-process. */
class DemoDaemonTest {
  @TempDir static Path state;
  static Vertx vertx;
  static Daemon daemon;
  static HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  static String base;

  @BeforeAll
  static void start() throws Exception {
    Map<String, String> env = Map.of(
        "MAGIC_EXPORTER_LISTEN_ADDRESS", "127.0.0.1",
        "MAGIC_EXPORTER_LISTEN_PORT", "0",
        "MAGIC_EXPORTER_ADMIN_PORT", "0",
        "MAGIC_EXPORTER_STATE_DIR", state.toString(),
        "MAGIC_EXPORTER_POLL_INTERVAL", "2s");
    ConfigLoader.Result r = ConfigLoader.load(new ConfigLoader.CommandLine(null, true, null, null), env);
    assertThat(r.problems()).isEmpty();
    vertx = Vertx.vertx();
    daemon = new Daemon(vertx, r.config());
    daemon.start().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    base = "http://127.0.0.1:" + daemon.metricsPort();
  }

  @AfterAll
  static void stop() throws Exception {
    daemon.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static String text(HttpResponse<byte[]> r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  static void awaitReady() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    HttpResponse<byte[]> r = get("/readyz");
    while (r.statusCode() != 200 && System.nanoTime() < deadline) {
      Thread.sleep(250);
      r = get("/readyz");
    }
    assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
  }

  @Test
  void healthzAnswersAtOnceAndReadyzAfterTheFirstCycles() throws Exception {
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
    awaitReady();
    assertThat(text(get("/readyz"))).isEqualTo("ready\n");
  }

  @Test
  void metricsCarryEverySourceAndSayTheyAreSimulated() throws Exception {
    awaitReady();
    String body = text(get("/metrics"));
    assertThat(body).contains("cloudflare_exporter_build_info{").contains("simulated=\"true\"");
    for (String family : new String[] {"cloudflare_connector_info{", "cloudflare_connector_up{",
        "cloudflare_connector_cpu_seconds_total{", "cloudflare_connector_network_receive_bytes_total{",
        "cloudflare_connector_events_total{", "cloudflare_connector_snapshots_total{",
        "cloudflare_connector_tunnel_health_state{", "cloudflare_tunnel_bgp_state{", "cloudflare_pcap_status{",
        "cloudflare_vpc_service_info{", "cloudflare_site_info{", "cloudflare_magic_objects{",
        "cloudflare_exporter_api_requests_total{", "cloudflare_exporter_poll_cycles_total{"}) {
      assertThat(body).as(family).contains(family);
    }
    assertThat(body).contains("cloudflare_account_info{account_id=\"" + dev.magicexporter.sim.SimOptions.DEFAULT_ACCOUNT
        + "\",account_name=\"demo\"} 1");
    assertThat(body).doesNotContain(dev.magicexporter.sim.SimOptions.DEFAULT_TOKEN);
  }

  /**
   * Every family the daemon exposes under {@code cloudflare_} is in the generated reference: an
   * object family of a table or one of the daemon's own metrics ({@link SelfMetrics}), with the
   * declared type and help. A meter registered under a name nobody declared fails here.
   */
  @Test
  void everyExposedFamilyIsInTheMetricsReference() throws Exception {
    awaitReady();
    Map<String, String> declared = new TreeMap<>();
    for (FamilyTable<?> t : FamilyCatalog.tables()) {
      t.families().forEach(f -> declared.put(f.name(), f.help()));
    }
    Map<String, SelfMetric> self = new TreeMap<>();
    for (SelfMetricTable t : SelfMetrics.TABLES) {
      for (SelfMetric m : t.metrics()) {
        m.exposedNames().forEach(n -> {
          self.put(n, m);
          declared.put(n, m.help());
        });
      }
    }
    String body = text(get("/metrics"));
    Map<String, Exposition.Family> exposed = Exposition.families(body);
    Set<String> undeclared = new TreeSet<>();
    for (Exposition.Family f : exposed.values()) {
      String name = f.name();
      if (name.startsWith("cloudflare_") && !declared.containsKey(name)) {
        undeclared.add(name);
      }
    }
    assertThat(undeclared).as("exposed families missing from docs/metrics.md (declare them in SelfMetrics "
        + "or a family table)").isEmpty();
    assertThat(exposed.keySet().stream().filter(n -> n.startsWith(SelfMetric.PREFIX)).count())
        .as("the demo exposes the daemon's own metrics").isGreaterThan(40);
    for (Map.Entry<String, SelfMetric> e : self.entrySet()) {
      Exposition.Family f = exposed.get(e.getKey());
      if (f == null) {
        continue; // registered on demand (a retry, an error, a web config file): not every one is in the demo
      }
      SelfMetric m = e.getValue();
      String exposedType = e.getKey().endsWith("_max") ? "gauge"
          : m.type() == SelfMetric.Type.INFO ? "gauge" : m.type().docName();
      assertThat(f.meta()).as(e.getKey()).contains("# TYPE " + e.getKey() + " " + exposedType);
      if (!e.getKey().endsWith("_max")) {
        assertThat(f.meta()).as(e.getKey()).contains("# HELP " + e.getKey() + " " + escapedHelp(m.help()));
      }
    }
  }

  private static String escapedHelp(String help) {
    return help.replace("\\", "\\\\").replace("\n", "\\n");
  }

  @Test
  void openMetricsByNegotiationAndGzipWhenAsked() throws Exception {
    HttpResponse<byte[]> om = get("/metrics", "Accept", "application/openmetrics-text; version=1.0.0; charset=utf-8");
    assertThat(om.headers().firstValue("Content-Type").orElse("")).startsWith("application/openmetrics-text");
    assertThat(text(om).strip()).endsWith("# EOF");

    HttpResponse<byte[]> plain = get("/metrics");
    assertThat(plain.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    assertThat(text(plain)).doesNotContain("# EOF");

    HttpResponse<byte[]> gz = get("/metrics", "Accept-Encoding", "gzip");
    assertThat(gz.headers().firstValue("Content-Encoding")).hasValue("gzip");
    String unzipped = new String(new GZIPInputStream(new ByteArrayInputStream(gz.body())).readAllBytes(),
        StandardCharsets.UTF_8);
    assertThat(unzipped).contains("cloudflare_exporter_build_info");
  }

  @Test
  void theWholeExpositionIsPromtoolCleanPlainAndGzip() throws Exception {
    awaitReady();
    // Everything: JVM and self-metrics from the registry, every object family, both encodings.
    String plain = text(get("/metrics"));
    assertThat(plain).contains("process_cpu_seconds_total ").contains("jvm_available_processors ")
        .doesNotContain("process_cpu_time_ns_total").doesNotContain("system_cpu_count");
    assertThat(dev.magicexporter.metrics.Promtool.checkMetrics(plain)).isEmpty();
    HttpResponse<byte[]> gz = get("/metrics", "Accept-Encoding", "gzip");
    assertThat(gz.headers().firstValue("Content-Encoding")).hasValue("gzip");
    String unzipped = dev.magicexporter.testing.Exposition.gunzip(gz.body());
    assertThat(dev.magicexporter.testing.Exposition.families(unzipped).keySet())
        .containsAll(dev.magicexporter.testing.Exposition.families(plain).keySet());
    assertThat(dev.magicexporter.metrics.Promtool.checkMetrics(unzipped)).isEmpty();
  }

  @Test
  void adminApiServesTheSimulatedAccountAndTheStatus() throws Exception {
    awaitReady();
    String admin = "http://127.0.0.1:" + daemon.adminPort();
    HttpResponse<String> tunnels = http.send(HttpRequest.newBuilder(URI.create(admin + "/client/v4/accounts/"
        + dev.magicexporter.sim.SimOptions.DEFAULT_ACCOUNT + "/magic/gre_tunnels")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(tunnels.statusCode()).isEqualTo(200);
    assertThat(tunnels.body()).contains("\"success\":true").contains("gre_tunnels")
        .doesNotContain(dev.magicexporter.sim.SimOptions.DEFAULT_TOKEN);
    HttpResponse<String> status = http.send(HttpRequest.newBuilder(URI.create(admin + "/status")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(status.statusCode()).isEqualTo(200);
    assertThat(status.body()).contains("snapshots").contains("events").contains("connectors");
  }

  @Test
  void landingPageLinksEverythingAndFlagsDemoMode() throws Exception {
    String page = text(get("/"));
    assertThat(page).contains("href=\"/metrics\"").contains("href=\"/healthz\"").contains("href=\"/readyz\"")
        .contains("Demo mode");
  }
}
