package dev.magicexporter.sim;

import dev.magicexporter.sim.connectors.SimWorld;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Cloudflare v4 API look-alike on loopback: same paths (under {@code /client/v4}), envelopes,
 * paging and auth as the seed text, served from a deterministic {@link SimWorld}. Used by
 * {@code --demo}, by tests and benchmarks, and alone through {@code simulate}
 * ({@link SimulatorMain}).
 *
 * <p>Every request passes, in order: added latency, authentication (403, code 10000), the rate
 * limit (429, code 971), drawn 5xx faults, the unknown-account check (404, code 7003), then the
 * modules; a malformed-body fault, when drawn, is applied to the module's 2xx answer.
 */
public final class Simulator {
  private static final Logger LOG = LoggerFactory.getLogger(Simulator.class);
  public static final String BASE_PATH = "/client/v4";
  private static final String SEQUENCE_KEY = "sim.sequence";

  private final Vertx vertx;
  private final SimOptions options;
  private final SimContext ctx;
  private final List<SimModule> modules;
  private final FaultInjector faults;
  private HttpServer server;

  public Simulator(Vertx vertx, SimOptions options, SimClock clock, List<SimModule> modules) {
    this.vertx = vertx;
    this.options = options;
    this.ctx = new SimContext(new SimWorld(options, clock), new SimStats());
    this.modules = List.copyOf(modules);
    this.faults = new FaultInjector(options, clock, ctx.stats());
  }

  /** A simulator serving every module of {@link SimModules#defaults()}. */
  public static Simulator withDefaultModules(Vertx vertx, SimOptions options, SimClock clock) {
    return new Simulator(vertx, options, clock, SimModules.defaults());
  }

  public SimContext context() {
    return ctx;
  }

  /** The shared world: ground truth for tests. */
  public SimWorld world() {
    return ctx.world();
  }

  /** What was served so far. */
  public SimStats stats() {
    return ctx.stats();
  }

  /** Starts listening; the future gives the actual port (useful with port 0). */
  public Future<Integer> start() {
    Router root = Router.router(vertx);
    Router api = Router.router(vertx);
    api.route().handler(this::admit);
    api.route().handler(this::authenticate);
    api.route().handler(this::injectFaults);
    api.route("/accounts/:account_id/*").handler(rc -> {
      if (!ctx.knowsAccount(rc.pathParam("account_id"))) {
        ctx.error(rc, 404, SimErrors.NO_ROUTE, SimErrors.noRoute(rc.normalizedPath()));
        return;
      }
      rc.next();
    });
    for (SimModule m : modules) {
      m.mount(api, ctx);
    }
    api.route().last().handler(rc -> ctx.error(rc, 404, SimErrors.NO_ROUTE, SimErrors.noRoute(rc.normalizedPath())));
    api.route().failureHandler(rc -> {
      LOG.warn("simulator failed on {} {}", rc.request().method(), rc.normalizedPath(), rc.failure());
      int status = rc.statusCode() >= 400 ? rc.statusCode() : 500;
      if (!rc.response().ended()) {
        ctx.error(rc, status, SimErrors.INTERNAL, "Internal server error");
      }
    });
    root.route(BASE_PATH + "/*").subRouter(api);
    return vertx.createHttpServer().requestHandler(root).listen(options.port(), options.host())
        .map(s -> {
          server = s;
          LOG.info("simulated Cloudflare API listening on http://{}:{}{}", options.host(), s.actualPort(), BASE_PATH);
          return s.actualPort();
        });
  }

  private void admit(RoutingContext rc) {
    rc.put(SEQUENCE_KEY, ctx.stats().arrive());
    long delay = options.latency().toMillis();
    if (delay > 0) {
      vertx.setTimer(delay, id -> rc.next());
    } else {
      rc.next();
    }
  }

  private void authenticate(RoutingContext rc) {
    String auth = rc.request().getHeader("Authorization");
    if (auth == null || !auth.equals("Bearer " + options.apiToken())) {
      ctx.error(rc, 403, SimErrors.AUTHENTICATION, SimErrors.AUTHENTICATION_MESSAGE);
      return;
    }
    rc.next();
  }

  private void injectFaults(RoutingContext rc) {
    long sequence = rc.get(SEQUENCE_KEY);
    if (faults.rateLimited(rc, ctx) || faults.serverError(rc, sequence)) {
      return;
    }
    FaultKind malformed = faults.malformed(sequence);
    if (malformed != null) {
      rc.put(SimContext.MALFORMED_KEY, malformed);
    }
    rc.next();
  }

  /** The base URL a client should use, e.g. {@code http://127.0.0.1:40123/client/v4}. */
  public String baseUrl() {
    return "http://" + options.host() + ":" + server.actualPort() + BASE_PATH;
  }

  /** The port listened on (after {@link #start()}). */
  public int port() {
    return server.actualPort();
  }

  public Future<Void> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
