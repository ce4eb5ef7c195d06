package dev.magicexporter.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real Prometheus server (Debian's {@code /usr/bin/prometheus}, or {@code $PROMETHEUS}) on
 * loopback, for end-to-end tests: started with a given configuration and a private TSDB
 * directory, queried over its HTTP API, stopped with {@code POST /-/quit}. Fails (never skips)
 * when the binary is missing: CI installs Debian's {@code prometheus} package.
 */
final class PrometheusServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final Path log;
  private final URI base;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private PrometheusServer(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.base = URI.create("http://127.0.0.1:" + port);
  }

  static Path binary() {
    String env = System.getenv("PROMETHEUS");
    Path p = Path.of(env != null && !env.isBlank() ? env : "/usr/bin/prometheus");
    if (!Files.isExecutable(p)) {
      throw new AssertionError("prometheus not found at " + p
          + "; install it with `apt-get install -y prometheus` (.ci/run does) or set PROMETHEUS");
    }
    return p;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  /** Starts Prometheus with {@code configYaml} in {@code workDir} and waits until it is ready. */
  static PrometheusServer start(Path workDir, String configYaml, Duration readyWithin)
      throws IOException, InterruptedException {
    Path binary = binary();
    Path config = workDir.resolve("prometheus.yml");
    Files.writeString(config, configYaml);
    Path data = Files.createDirectories(workDir.resolve("data"));
    Path log = workDir.resolve("prometheus.log");
    int port = freePort();
    Process p = new ProcessBuilder(binary.toString(),
        "--config.file=" + config,
        "--web.listen-address=127.0.0.1:" + port,
        "--storage.tsdb.path=" + data,
        "--web.enable-lifecycle",
        "--log.level=warn")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    PrometheusServer server = new PrometheusServer(p, log, port);
    server.awaitReady(readyWithin);
    return server;
  }

  private void awaitReady(Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("prometheus exited with " + process.exitValue() + ":\n" + logTail());
      }
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/-/ready"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new AssertionError("prometheus not ready within " + within + ":\n" + logTail());
  }

  /** The {@code data} of a successful API answer; an {@link ApiError} with Prometheus' message otherwise. */
  JsonNode api(String path, Map<String, String> params) throws IOException, InterruptedException {
    String query = params.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    // Queries go as form posts (long expressions), the other endpoints take GET only.
    boolean form = path.equals("/api/v1/query") || path.equals("/api/v1/query_range");
    HttpRequest req = form
        ? HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(query)).build()
        : HttpRequest.newBuilder(URI.create(base.resolve(path) + (query.isEmpty() ? "" : "?" + query)))
            .timeout(Duration.ofSeconds(20)).GET().build();
    HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
    JsonNode body;
    try {
      body = JSON.readTree(r.body());
    } catch (IOException e) {
      throw new ApiError("HTTP " + r.statusCode() + ", not JSON: " + r.body());
    }
    if (!"success".equals(body.path("status").asText())) {
      throw new ApiError(body.path("errorType").asText() + ": " + body.path("error").asText());
    }
    return body.path("data");
  }

  /** An instant query at the server's now. */
  JsonNode query(String expr) throws IOException, InterruptedException {
    return api("/api/v1/query", Map.of("query", expr));
  }

  /** A range query over the last {@code range}, one point per {@code step}. */
  JsonNode queryRange(String expr, Duration range, Duration step) throws IOException, InterruptedException {
    long end = System.currentTimeMillis() / 1000;
    Map<String, String> p = new LinkedHashMap<>();
    p.put("query", expr);
    p.put("start", Long.toString(end - range.toSeconds()));
    p.put("end", Long.toString(end));
    p.put("step", step.toSeconds() + "s");
    return api("/api/v1/query_range", p);
  }

  /** What Grafana's {@code label_values(selector, label)} gives. */
  List<String> labelValues(String label, String selector) throws IOException, InterruptedException {
    Map<String, String> p = selector == null ? Map.of() : Map.of("match[]", selector);
    List<String> out = new ArrayList<>();
    api("/api/v1/label/" + label + "/values", p).forEach(v -> out.add(v.asText()));
    return out;
  }

  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Stops the server with {@code POST /-/quit}; kills it if it has not exited 20 s later. */
  @Override
  public void close() throws InterruptedException {
    try {
      http.send(HttpRequest.newBuilder(base.resolve("/-/quit")).timeout(Duration.ofSeconds(5))
          .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
    } catch (IOException alreadyGone) {
      // exited already: nothing to stop
    }
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Prometheus refused a request; the message is its own. */
  static final class ApiError extends IOException {
    ApiError(String message) {
      super(message);
    }
  }
}
