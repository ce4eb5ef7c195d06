package dev.magicexporter.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.magicexporter.client.RequestBudget;
import dev.magicexporter.config.ConfigLoader;
import dev.magicexporter.poll.ConnectorSchedule;
import dev.magicexporter.sim.SimClock;
import dev.magicexporter.sim.SimOptions;
import dev.magicexporter.sim.Simulator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The daemon end to end against the built-in simulator: ready without waiting for a poll cycle,
 * with every connector's series, and polite when someone else spends the credential's limit.
 * Each test waits for conditions; the timeouts only matter when the behaviour is wrong, and they
 * are far below the configured poll intervals, which the old scheduler had to wait for.
 */
class FirstPassEndToEndTest {
  private static final Pattern UP = Pattern.compile("^cloudflare_connector_up\\{[^}]*connector_id=\"([^\"]+)\"", Pattern.MULTILINE);
  private static final Pattern LAG =
      Pattern.compile("^cloudflare_connector_events_lag_seconds\\{[^}]*connector_id=\"([^\"]+)\"", Pattern.MULTILINE);

  @TempDir Path state;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private Vertx vertx;
  private Daemon daemon;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    if (daemon != null) {
      await(daemon.stop());
    }
    await(vertx.close());
  }

  private Daemon daemon(boolean demo, Map<String, String> extra) throws Exception {
    Map<String, String> env = new HashMap<>(Map.of(
        "MAGIC_EXPORTER_LISTEN_ADDRESS", "127.0.0.1",
        "MAGIC_EXPORTER_LISTEN_PORT", "0",
        "MAGIC_EXPORTER_ADMIN_PORT", "0",
        "MAGIC_EXPORTER_STATE_DIR", state.toString()));
    env.putAll(extra);
    ConfigLoader.Result r = ConfigLoader.load(new ConfigLoader.CommandLine(null, demo, null, null), env);
    assertThat(r.problems()).isEmpty();
    daemon = new Daemon(vertx, r.config());
    await(daemon.start());
    return daemon;
  }

  @Test
  void theDemoIsReadyWithItsSeriesAlthoughPollIntervalIsTenMinutes() throws Exception {
    Daemon d = daemon(true, Map.of("MAGIC_EXPORTER_POLL_INTERVAL", "10m"));
    awaitReady(d, Duration.ofSeconds(120));
    String metrics = get(d, "/metrics").body();
    assertThat(ids(UP, metrics)).hasSize(3);
    assertThat(ids(LAG, metrics)).hasSize(3);
  }

  @Test
  void twoHundredConnectorsHaveEverySeriesWhenReady() throws Exception {
    Daemon d = daemon(true, Map.of("MAGIC_EXPORTER_POLL_INTERVAL", "5m", "MAGIC_EXPORTER_DEMO_CONNECTORS", "200"));
    awaitReady(d, Duration.ofSeconds(170));
    String metrics = get(d, "/metrics").body();
    assertThat(ids(UP, metrics)).hasSize(200);
    assertThat(ids(LAG, metrics)).hasSize(200);
    assertThat(metrics).contains("cloudflare_exporter_snapshot_age_seconds{");
    assertThat(d.simulator().stats().responses(429)).isZero();
  }

  @Test
  void whenSomeoneElseSpendsTheLimitThe429sLowerThePlanInsteadOfStorming() throws Exception {
    // The credential allows 200 per 10 s and the exporter plans for half; but someone else spends
    // so much that Cloudflare (the simulator) accepts only 40 per 10 s from us.
    SimOptions opts = SimOptions.defaults().withPort(0).withConnectors(30).withRateLimit(40, Duration.ofSeconds(10));
    Simulator sim = Simulator.withDefaultModules(vertx, opts, SimClock.system());
    await(sim.start());
    try (LogCapture budgetLog = new LogCapture(RequestBudget.class);
        LogCapture scheduleLog = new LogCapture(ConnectorSchedule.class)) {
      Daemon d = daemon(false, Map.of(
          "CLOUDFLARE_BASE_URL", sim.baseUrl(),
          "CLOUDFLARE_API_TOKEN", opts.apiToken(),
          "CLOUDFLARE_ACCOUNT_ID", opts.accountIds().get(0),
          "MAGIC_EXPORTER_POLL_INTERVAL", "5s",
          "MAGIC_EXPORTER_CLOUDFLARE_BUDGET_REQUESTS", "200",
          "MAGIC_EXPORTER_CLOUDFLARE_BUDGET_WINDOW", "10s"));
      awaitTrue(() -> budgetLog.contains("another user of the credential is spending its limit; allowing 50 "
          + "instead of 100 per window"), Duration.ofSeconds(120));
      // The plan follows the lowered allowance: 30 connectors (37.5 requests) and the sources (0.43/s)
      // fit in poll_interval with the whole plan (8.1/s: 4.6 s), no longer with half of it (3.4/s: 11 s).
      awaitTrue(() -> scheduleLog.contains("poll_interval 5.0s cannot be met"), Duration.ofSeconds(120));
      awaitReady(d, Duration.ofSeconds(300));
      // No storm: each episode (a 429 or a Ratelimit header saying nothing is left) is one pause, in
      // which at most the requests already in flight are refused.
      long refused = sim.stats().responses(429);
      assertThat(refused).isLessThanOrEqualTo(4L * budgetLog.count("another user of the credential"));
      assertThat(ids(UP, get(d, "/metrics").body())).hasSize(30);
    } finally {
      await(daemon.stop());
      daemon = null;
      await(sim.stop());
    }
  }

  private HttpResponse<String> get(Daemon d, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + d.metricsPort() + path))
        .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private void awaitReady(Daemon d, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    HttpResponse<String> r = get(d, "/readyz");
    while (r.statusCode() != 200 && System.nanoTime() < deadline) {
      Thread.sleep(200);
      r = get(d, "/readyz");
    }
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  private static Set<String> ids(Pattern p, String exposition) {
    Set<String> ids = new HashSet<>();
    Matcher m = p.matcher(exposition);
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }

  private static void awaitTrue(java.util.function.BooleanSupplier condition, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition reached in time").isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  /** Collects what a class logs while open. */
  private static final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    LogCapture(Class<?> type) {
      logger = (Logger) LoggerFactory.getLogger(type);
      appender.start();
      logger.addAppender(appender);
    }

    boolean contains(String text) {
      return count(text) > 0;
    }

    long count(String text) {
      synchronized (appender.list) {
        return appender.list.stream().filter(e -> e.getFormattedMessage().contains(text)).count();
      }
    }

    @Override
    public void close() {
      logger.detachAppender(appender);
    }
  }
}
