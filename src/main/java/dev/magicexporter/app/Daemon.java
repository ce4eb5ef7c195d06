package dev.magicexporter.app;

import dev.magicexporter.config.ExporterConfig;
import dev.magicexporter.metrics.Metrics;
import dev.magicexporter.metrics.MetricsEndpoint;
import dev.magicexporter.poll.PollScheduler;
import dev.magicexporter.sim.SimClock;
import dev.magicexporter.sim.SimOptions;
import dev.magicexporter.sim.Simulator;
import io.micrometer.core.instrument.Gauge;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the daemon from a validated configuration: (in demo mode) the simulator, one API client
 * per credential, the pollers on the scheduler, the metrics listener and the admin API.
 */
public final class Daemon {
  private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);

  private final Vertx vertx;
  private final ExporterConfig config;
  private final Metrics metrics = new Metrics();
  private final PollScheduler scheduler;
  private Simulator simulator;
  private HttpEndpoints http;

  public Daemon(Vertx vertx, ExporterConfig config) {
    this.vertx = vertx;
    this.config = config;
    this.scheduler = new PollScheduler(vertx, metrics);
  }

  public Metrics metrics() {
    return metrics;
  }

  public PollScheduler scheduler() {
    return scheduler;
  }

  /** The metrics listener's port (useful when configured as 0). */
  public int metricsPort() {
    return http.actualPort();
  }

  public Future<Void> start() {
    Gauge.builder(Metrics.SELF_PREFIX + "build_info", () -> 1)
        .description("Build of the exporter; simulated=\"true\" when the data comes from the built-in simulator.")
        .tags("version", Version.get(), "java_version", System.getProperty("java.version"),
            "simulated", Boolean.toString(config.demo()))
        .register(metrics.registry());
    Future<String> baseUrl = config.demo() ? startSimulator() : Future.succeededFuture(config.cloudflare().baseUrl());
    return baseUrl.compose(url -> {
      http = new HttpEndpoints(vertx, new MetricsEndpoint(metrics), this::notReadyReason, Version.get(), config.demo());
      return http.start(config.listenAddress(), config.listenPort());
    }).map(server -> {
      LOG.info("magic-exporter {} serving metrics on http://{}:{}/metrics", Version.get(),
          config.listenAddress(), server.actualPort());
      scheduler.start();
      return null;
    });
  }

  private Future<String> startSimulator() {
    SimOptions opts = SimOptions.defaults().withConnectors(config.demoWorld().connectors())
        .withSeed(config.demoWorld().seed());
    simulator = Simulator.withDefaultModules(vertx, opts, SimClock.system());
    return simulator.start().map(port -> {
      LOG.warn("DEMO MODE: all data is SIMULATED by the built-in Cloudflare simulator at {}; "
          + "nothing here comes from a real Cloudflare account", simulator.baseUrl());
      return simulator.baseUrl();
    });
  }

  private String notReadyReason() {
    if (!scheduler.allCompletedOnce()) {
      return "waiting for the first poll cycle of every source";
    }
    return null;
  }

  public Future<Void> stop() {
    scheduler.stop();
    Future<Void> h = http == null ? Future.succeededFuture() : http.stop();
    return h.compose(v -> simulator == null ? Future.succeededFuture() : simulator.stop());
  }
}
