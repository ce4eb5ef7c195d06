package dev.magicexporter.poll.source;

import dev.magicexporter.state.TestClock;
import dev.magicexporter.client.ClientOptions;
import dev.magicexporter.app.ClientStack;
import dev.magicexporter.client.RequestBudget;
import dev.magicexporter.client.TestClients;
import dev.magicexporter.client.Credential;
import dev.magicexporter.metrics.Metrics;
import dev.magicexporter.metrics.MetricsEndpoint;
import dev.magicexporter.metrics.family.FamilyCollector;
import dev.magicexporter.metrics.family.FamilyWriter;
import dev.magicexporter.metrics.family.TextFormat;
import dev.magicexporter.metrics.magic.MagicCollectors;
import dev.magicexporter.poll.Poller;
import dev.magicexporter.store.MagicStores;
import dev.magicexporter.testing.SimHarness;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The account-level sources wired as the daemon wires them: clients to a base URL, stores,
 * health, pollers, collectors registered on a {@link Metrics}; and helpers to poll and scrape.
 */
final class MagicRig implements AutoCloseable {
  static final String TOKEN = "rig-token-0123456789";

  final Vertx vertx;
  final Metrics metrics = new Metrics(false);
  final MagicStores stores = new MagicStores();
  final SourceHealth health = new SourceHealth(metrics.registry());
  final TestClock.Manual clock = TestClock.at(Instant.parse("2024-06-01T12:00:00Z"));
  final ClientStack client;
  final MagicPollers pollers;
  final MagicCollectors collectors;

  MagicRig(Vertx vertx, String baseUrl, List<String> accounts, MagicPollers.Settings settings, boolean routeSeries,
      String token) {
    this.vertx = vertx;
    ClientOptions o = ClientOptions.defaults(baseUrl);
    ClientOptions options = new ClientOptions(baseUrl, Duration.ofSeconds(5), 0, Duration.ofMillis(10),
        Duration.ofMillis(20), o.budgetRequests(), o.budgetWindow(), o.adminShare(), o.maxPages());
    Credential credential = Credential.token(token);
    this.client = TestClients.stack(vertx, options, credential, RequestBudget.create(vertx, credential, options),
        metrics.registry());
    List<AccountTarget> targets = accounts.stream().map(a -> new AccountTarget(a, client.api())).toList();
    this.pollers = new MagicPollers(targets, stores, health, settings, clock);
    this.collectors = new MagicCollectors(stores, routeSeries);
    collectors.register(metrics);
  }

  MagicRig(Vertx vertx, String baseUrl, List<String> accounts, boolean routeSeries) {
    this(vertx, baseUrl, accounts, MagicPollers.Settings.defaults(), routeSeries, TOKEN);
  }

  Poller poller(String name) {
    return pollers.pollers().stream().filter(p -> p.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no poller " + name));
  }

  /** Runs one cycle and returns its outcome, or null when the cycle failed. */
  Poller.PollOutcome poll(String name) {
    try {
      return SimHarness.await(poller(name).poll());
    } catch (IllegalStateException e) {
      return null;
    }
  }

  void pollAll() {
    for (Poller p : pollers.pollers()) {
      poll(p.name());
    }
  }

  /** The families of these sources only, in Prometheus text. */
  String families() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    FamilyWriter w = new FamilyWriter(TextFormat.PROMETHEUS, out);
    for (FamilyCollector<?> c : collectors.collectors()) {
      c.write(w);
    }
    w.finish();
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The whole /metrics exposition (self-metrics included), in Prometheus text. */
  String scrape() {
    try {
      MetricsEndpoint endpoint = new MetricsEndpoint(metrics);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      endpoint.scrape(endpoint.writerFor("text/plain"), out);
      return out.toString(StandardCharsets.UTF_8);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    SimHarness.await(client.close());
  }
}
