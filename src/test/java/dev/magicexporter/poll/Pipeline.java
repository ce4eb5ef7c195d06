package dev.magicexporter.poll;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.magicexporter.client.ClientOptions;
import dev.magicexporter.app.ClientStack;
import dev.magicexporter.client.CloudflareApi;
import dev.magicexporter.client.RequestBudget;
import dev.magicexporter.client.TestClients;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Function;
import dev.magicexporter.client.Credential;
import dev.magicexporter.metrics.Metrics;
import dev.magicexporter.metrics.MetricsEndpoint;
import dev.magicexporter.metrics.connector.ConnectorMetrics;
import dev.magicexporter.store.ConnectorDirectory;
import dev.magicexporter.store.ConnectorRef;
import dev.magicexporter.store.ConnectorStore;
import dev.magicexporter.store.SnapshotStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/**
 * The connector pipeline as the daemon wires it (discovery, snapshot poller, stores, collectors,
 * metrics endpoint) against one base URL through the real client stack, or against an in-memory
 * {@link CloudflareApi}, for tests.
 */
final class Pipeline implements AutoCloseable {
  final Vertx vertx;
  final ClientStack client;
  final ConnectorDirectory directory = new ConnectorDirectory();
  final ConnectorStore connectors = new ConnectorStore();
  final SnapshotStore snapshots = new SnapshotStore(directory);
  final Metrics metrics = new Metrics(false);
  final MetricsEndpoint endpoint = new MetricsEndpoint(metrics);
  final List<String> storedCalls = new CopyOnWriteArrayList<>();
  final ConnectorDiscoveryPoller discovery;
  final SnapshotPoller poller;
  double now = 1_764_000_000;

  Pipeline(Vertx vertx, String baseUrl, String token, List<String> accounts, SnapshotPlanner planner,
      int concurrency, boolean dhcpLeaseSeries, Predicate<ConnectorRef> filter) {
    this(vertx, registry -> {
      ClientOptions o = ClientOptions.defaults(baseUrl).withRetries(0, Duration.ofMillis(1), Duration.ofMillis(1))
          .withRequestTimeout(Duration.ofSeconds(10));
      Credential c = Credential.token(token);
      return TestClients.stack(vertx, o, c, RequestBudget.create(vertx, c, o), registry);
    }, null, accounts, planner, concurrency, dhcpLeaseSeries, filter);
  }

  /** Against an in-memory API. */
  Pipeline(CloudflareApi api, List<String> accounts, SnapshotPlanner planner, int concurrency,
      Predicate<ConnectorRef> filter) {
    this(null, null, api, accounts, planner, concurrency, false, filter);
  }

  private Pipeline(Vertx vertx, Function<MeterRegistry, ClientStack> stack, CloudflareApi fake, List<String> accounts,
      SnapshotPlanner planner, int concurrency, boolean dhcpLeaseSeries, Predicate<ConnectorRef> filter) {
    this.vertx = vertx;
    this.client = stack == null ? null : stack.apply(metrics.registry());
    CloudflareApi api = client != null ? client.api() : fake;
    Map<String, CloudflareApi> clients = accounts.stream().collect(Collectors.toMap(a -> a, a -> api));
    this.discovery = new ConnectorDiscoveryPoller(clients, directory, connectors, Duration.ofMinutes(5), filter);
    SnapshotPlanner recording = new SnapshotPlanner() {
      @Override
      public Future<SnapshotPlan> plan(ConnectorRef connector) {
        return planner.plan(connector);
      }

      @Override
      public void stored(ConnectorRef connector, double t) {
        storedCalls.add(connector.connectorId() + "@" + (long) t);
        planner.stored(connector, t);
      }
    };
    this.poller = new SnapshotPoller(clients, directory, recording, snapshots,
        ConnectorSchedule.fixed(Duration.ofMinutes(1), directory, metrics.registry()), Pacer.NONE, concurrency,
        () -> now);
    new ConnectorMetrics(connectors, snapshots, dhcpLeaseSeries).registerWith(metrics);
  }

  /** Always {@code snapshots/latest}. */
  static SnapshotPlanner latest() {
    return new SnapshotPlanner() {
      @Override
      public Future<SnapshotPlan> plan(ConnectorRef connector) {
        return Future.succeededFuture(new SnapshotPlan.FetchLatest());
      }

      @Override
      public void stored(ConnectorRef connector, double t) {}
    };
  }

  Poller.PollOutcome discover() throws Exception {
    return await(discovery.poll());
  }

  Poller.PollOutcome pollSnapshots() throws Exception {
    return await(poller.poll());
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  String scrape() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    endpoint.scrape(endpoint.writerFor("text/plain"), out);
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Series lines (no comments) that contain every fragment. */
  List<String> series(String exposition, String... fragments) {
    return exposition.lines().filter(l -> !l.startsWith("#"))
        .filter(l -> {
          for (String f : fragments) {
            if (!l.contains(f)) {
              return false;
            }
          }
          return true;
        }).toList();
  }

  @Override
  public void close() throws Exception {
    if (client != null) {
      await(client.close());
    }
  }

  /** Captures what a class logs, for "logged once" and "no secret in logs" checks. */
  static final class LogCapture implements AutoCloseable {
    private final Logger logger;
    final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    LogCapture(Class<?> type) {
      logger = (Logger) LoggerFactory.getLogger(type);
      appender.start();
      logger.addAppender(appender);
    }

    List<String> messages() {
      return appender.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
    }

    @Override
    public void close() {
      logger.detachAppender(appender);
    }
  }
}
