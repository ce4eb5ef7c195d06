package dev.magicexporter.admin;

import dev.magicexporter.client.Json;
import dev.magicexporter.listen.ConnectionGuard;
import dev.magicexporter.listen.ListenerLimits;
import dev.magicexporter.listen.Listeners;
import dev.magicexporter.logging.LogLimiter;
import dev.magicexporter.metrics.self.SelfMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The embedded admin API on its own listener: Cloudflare's paths under {@code /client/v4} (so any
 * Cloudflare client can be pointed here), {@code GET /status} (JSON) and {@code GET /status.html}.
 * Every path needs an admin token unless none is configured, which is allowed on loopback only.
 * Requests are screened on their headers before any body is read ({@link AdminIntake}: Host,
 * origin, media type, then the token), and the listener caps its connections ({@link Listeners}).
 * Deploy with {@code vertx.deployVerticle(server)}.
 */
public final class AdminServer extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);
  private static final LogLimiter ERRORS = new LogLimiter(Duration.ofMinutes(1));
  private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
  private static final Set<String> STATUS_PATHS = Set.of("/status", "/status.html");

  private final AdminOptions options;
  private final AdminAuth auth;
  private final ResponseCache cache;
  private final AdminApi api;
  private final DaemonStatus status;
  private final MeterRegistry registry;
  private AdminIntake intake;
  private ConnectionGuard guard;
  private HttpServer server;

  /**
   * @param upstreams each configured account id and the upstream (daemon client) it is reached
   *     through; requests for any other account get 404
   * @param status the daemon's pollers, checkpoints and budgets for {@code /status}
   * @param registry where the admin self-metrics go ({@code Metrics.registry()})
   */
  public AdminServer(AdminOptions options, Map<String, Upstream> upstreams, DaemonStatus status,
      MeterRegistry registry) {
    this.options = options;
    this.auth = new AdminAuth(options.tokens());
    this.cache = new ResponseCache(options.cacheTtl(), options.cacheTtls(), options.cacheMaxBytes());
    this.api = new AdminApi(new RouteTable(), upstreams, cache, options.strictFields());
    this.status = status;
    this.registry = registry;
    cache.bindTo(registry);
  }

  /**
   * Refuses an open (tokenless) API on anything but loopback; a host name is resolved for the
   * check, so {@code localhost} is fine and {@code 0.0.0.0} is not.
   */
  static void checkExposure(String address, boolean open) {
    if (!open) {
      return;
    }
    boolean loopback;
    try {
      loopback = InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      loopback = false;
    }
    if (!loopback) {
      throw new IllegalStateException("refusing to start the admin API on " + address
          + " without an admin token: anyone who can reach it could change the Cloudflare account. "
          + "Set admin.token (MAGIC_EXPORTER_ADMIN_TOKEN) and/or admin.read_token "
          + "(MAGIC_EXPORTER_ADMIN_READ_TOKEN), or listen on 127.0.0.1.");
    }
  }

  @Override
  public Future<?> start() {
    try {
      checkExposure(options.address(), auth.open());
    } catch (IllegalStateException e) {
      return Future.failedFuture(e);
    }
    intake = new AdminIntake(vertx, options);
    Router router = Router.router(vertx);
    router.route().handler(this::countRequest);
    // Everything up to readBody works on the headers alone: the request stays paused, so a
    // caller without a token, from another origin or with too large a body never gets a byte of
    // its body buffered.
    router.route().handler(intake::screen);
    router.route().handler(this::authenticate);
    router.route().handler(intake::readBody);
    router.get("/status").handler(this::statusJson);
    router.get("/status.html").handler(this::statusPage);
    router.route(AdminApi.BASE + "/*").handler(api::handle);
    router.route().last().handler(rc -> AdminError.NO_ROUTE.send(rc.response()));
    router.errorHandler(400, rc -> AdminError.INVALID.send(rc.response(),
        java.util.List.of(AdminError.INVALID.item("the request URI is not properly encoded", null))));
    router.errorHandler(413, rc -> AdminError.BODY_TOO_LARGE.send(rc.response()));
    router.errorHandler(500, rc -> {
      ERRORS.log(LOG, Level.ERROR, "admin-500", "admin API failed on {} {}", rc.request().method(),
          rc.currentRoute() == null ? "-" : rc.currentRoute().getPath(), rc.failure());
      AdminError.INTERNAL.send(rc.response());
    });
    ListenerLimits limits = limits();
    HttpServerOptions serverOptions = Listeners.options(limits);
    guard = Listeners.guard(limits, registry);
    return Listeners.listen(Listeners.create(vertx, serverOptions, guard, req -> {
      req.pause();
      router.handle(req);
    }), guard, options.port(), options.address())
        .onSuccess(s -> {
          server = s;
          LOG.info("admin API listening on http://{}:{}{} ({}; at most {} connections, Host names {} and IP literals)",
              options.address(), s.actualPort(), AdminApi.BASE,
              auth.open() ? "open, loopback only" : options.tokens().size() + " token(s)", limits.maxConnections(),
              intake.hosts().names());
        });
  }

  private ListenerLimits limits() {
    return new ListenerLimits("admin", options.intake().maxConnections(), options.intake().idleTimeout());
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  /** The port actually bound (useful with port 0). */
  public int actualPort() {
    return server.actualPort();
  }

  /** Open connections now (for tests and the status page). */
  public int openConnections() {
    return guard == null ? 0 : guard.openConnections();
  }

  /** Request body bytes held now across all requests. */
  public long bufferedBodyBytes() {
    return intake == null ? 0 : intake.budget().used();
  }

  public ResponseCache cache() {
    return cache;
  }

  private void authenticate(RoutingContext rc) {
    boolean read = AdminIntake.safe(rc.request().method());
    var who = auth.authenticate(rc.request().getHeader("Authorization"), read);
    if (who.isEmpty()) {
      // Basic for the HTML page, so that a browser asks for the token; Basic never authorises a write.
      boolean basicPage = read && rc.request().path().endsWith(".html");
      rc.response().putHeader("WWW-Authenticate", basicPage
          ? "Basic realm=\"magic-exporter admin\", charset=\"UTF-8\"" : "Bearer realm=\"magic-exporter admin\"");
      String why = !read && AdminAuth.isBasic(rc.request().getHeader("Authorization"))
          ? "writes need Authorization: Bearer <token>; Basic credentials authorise reads only"
          : AdminError.UNAUTHENTICATED.message;
      // The body is not read: close, so that it cannot be taken for the next request.
      AdminIntake.refuse(rc, AdminError.UNAUTHENTICATED.status, AdminError.UNAUTHENTICATED.code, why, null);
      return;
    }
    rc.put(AdminApi.PRINCIPAL, who.get());
    rc.next();
  }

  private void statusJson(RoutingContext rc) {
    try {
      rc.response().putHeader("Content-Type", "application/json")
          .end(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report()));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      rc.fail(e);
    }
  }

  private void statusPage(RoutingContext rc) {
    rc.response().putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Content-Security-Policy", StatusPage.CSP)
        .putHeader("X-Content-Type-Options", "nosniff")
        .end(StatusPage.render(report()));
  }

  private Map<String, Object> report() {
    return StatusReport.build(status, cache, Instant.now());
  }

  /** {@code cloudflare_exporter_admin_requests_total{method,route,code}}; route is the template. */
  private void countRequest(RoutingContext rc) {
    HttpMethod m = rc.request().method();
    rc.addEndHandler(ar -> {
      Object route = rc.get(AdminApi.ROUTE);
      String path = rc.request().path();
      String label = route != null ? route.toString() : STATUS_PATHS.contains(path) ? path : "unmatched";
      SelfMetrics.ADMIN_REQUESTS.counter(registry, METHODS.contains(m.name()) ? m.name() : "OTHER", label,
          Integer.toString(rc.response().getStatusCode())).increment();
    });
    rc.next();
  }
}
