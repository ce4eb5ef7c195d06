package dev.magicexporter.app;

import dev.magicexporter.listen.ConnectionGuard;
import dev.magicexporter.listen.ListenerLimits;
import dev.magicexporter.listen.Listeners;
import dev.magicexporter.listen.WebSecurity;
import dev.magicexporter.metrics.MetricsEndpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The metrics listener: {@code /metrics} (Prometheus text or OpenMetrics by {@code Accept}, gzip
 * when asked), {@code /healthz}, {@code /readyz} and a landing page. Rendering reads memory only
 * and runs off the event loop, so a large scrape never delays polling.
 */
public final class HttpEndpoints {
  /** Why the daemon is not ready yet, or null when it is. */
  public interface Readiness extends Supplier<String> {}

  private final Vertx vertx;
  private final MetricsEndpoint metrics;
  private final Readiness readiness;
  private final String version;
  private final boolean demo;
  private final ListenerLimits limits;
  private final MeterRegistry registry;
  private ConnectionGuard guard;
  private WebSecurity security;
  private HttpServer server;

  /**
   * @param limits connection cap and idle timeout ({@code listen_max_connections}, {@code listen_idle_timeout})
   * @param registry where the listener's connection metrics go
   */
  public HttpEndpoints(Vertx vertx, MetricsEndpoint metrics, Readiness readiness, String version, boolean demo,
      ListenerLimits limits, MeterRegistry registry) {
    this.vertx = vertx;
    this.metrics = metrics;
    this.readiness = readiness;
    this.version = version;
    this.demo = demo;
    this.limits = limits;
    this.registry = registry;
  }

  /** The defaults of {@code listen_max_connections} and {@code listen_idle_timeout}. */
  public static final ListenerLimits DEFAULT_LIMITS = new ListenerLimits("metrics", 256, Duration.ofMinutes(2));

  /**
   * TLS and basic auth from the web config file ({@code --web.config.file}); before {@link #start}.
   * Basic auth guards {@code /metrics} and the landing page; {@code /healthz} and {@code /readyz}
   * stay open for probes (TLS, when on, covers every path).
   */
  public HttpEndpoints withSecurity(WebSecurity s) {
    this.security = s;
    return this;
  }

  public Future<HttpServer> start(String address, int port) {
    Router router = Router.router(vertx);
    if (security != null) {
      router.get("/metrics").handler(security::authenticate);
      router.get("/").handler(security::authenticate);
    }
    router.get("/metrics").handler(this::metrics);
    router.get("/healthz").handler(rc -> rc.response().putHeader("Content-Type", "text/plain").end("ok\n"));
    router.get("/readyz").handler(this::ready);
    router.get("/").handler(this::landing);
    // A path Vert.x Web cannot decode (bad percent-encoding) is the caller's fault: a plain 400, no ERROR line.
    router.errorHandler(400, rc -> Listeners.badRequest(rc.request(), "the request URI is not properly encoded"));
    HttpServerOptions opts = Listeners.options(limits).setCompressionSupported(true).setCompressionLevel(4);
    if (security != null) {
      opts = security.apply(opts);
    }
    guard = Listeners.guard(limits, registry);
    return Listeners.listen(Listeners.create(vertx, opts, guard, router), guard, port, address)
        .onSuccess(s -> {
          server = s;
          if (security != null) {
            security.watch(s);
          }
        });
  }

  /** Open connections now. */
  public int openConnections() {
    return guard == null ? 0 : guard.openConnections();
  }

  public int actualPort() {
    return server.actualPort();
  }

  public Future<Void> stop() {
    if (security != null) {
      security.stop();
    }
    return server == null ? Future.succeededFuture() : server.close();
  }

  private void metrics(RoutingContext rc) {
    ExpositionFormatWriter writer = metrics.writerFor(rc.request().getHeader("Accept"));
    // Gzip scrapes are assembled from pre-compressed members; setting Content-Encoding keeps
    // the server's own compressor (still used for deflate-only clients) from compressing again.
    boolean gzip = MetricsEndpoint.acceptsGzip(rc.request().getHeader("Accept-Encoding"));
    HttpServerResponse response = rc.response().setChunked(true).putHeader("Content-Type", writer.getContentType())
        .putHeader("Vary", "Accept-Encoding");
    if (gzip) {
      response.putHeader("Content-Encoding", "gzip");
    }
    vertx.executeBlocking(() -> {
      try (ResponseOutputStream out = new ResponseOutputStream(response)) {
        if (gzip) {
          metrics.scrapeGzip(writer, out);
        } else {
          metrics.scrape(writer, out);
        }
      }
      return null;
    }, false).onComplete(ar -> {
      if (ar.succeeded()) {
        response.end();
      } else if (!response.headWritten()) {
        response.setChunked(false).setStatusCode(500).putHeader("Content-Type", "text/plain")
            .end("scrape failed: " + ar.cause().getClass().getSimpleName() + "\n");
      } else {
        // Half a scrape must not look like a whole one: cut the connection.
        response.reset();
      }
    });
  }

  private void ready(RoutingContext rc) {
    String why = readiness.get();
    if (why == null) {
      rc.response().putHeader("Content-Type", "text/plain").end("ready\n");
    } else {
      rc.response().setStatusCode(503).putHeader("Content-Type", "text/plain").end("not ready: " + why + "\n");
    }
  }

  private void landing(RoutingContext rc) {
    String banner = demo
        ? "<p style=\"background:#fde68a;padding:.5em\"><b>Demo mode:</b> all data comes from the built-in"
            + " simulator, not from Cloudflare.</p>"
        : "";
    rc.response().putHeader("Content-Type", "text/html; charset=utf-8").end("<!doctype html>\n<html><head>"
        + "<meta charset=\"utf-8\"><title>magic-exporter</title></head><body>"
        + "<h1>magic-exporter " + version + "</h1>" + banner
        + "<p>Prometheus exporter for Cloudflare Magic Transit and Magic WAN.</p><ul>"
        + "<li><a href=\"/metrics\">/metrics</a>: metrics for Prometheus</li>"
        + "<li><a href=\"/healthz\">/healthz</a>: the process is alive</li>"
        + "<li><a href=\"/readyz\">/readyz</a>: configuration valid and the first poll cycle finished</li>"
        + "</ul></body></html>\n");
  }
}
