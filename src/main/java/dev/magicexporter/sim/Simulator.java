package dev.magicexporter.sim;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Cloudflare v4 API look-alike on loopback: same paths (under {@code /client/v4}), envelopes,
 * paging and auth as the seed text, served from a deterministic world. Used by {@code --demo},
 * by tests and benchmarks, and alone through {@code simulate}.
 */
public final class Simulator {
  private static final Logger LOG = LoggerFactory.getLogger(Simulator.class);
  public static final String BASE_PATH = "/client/v4";

  private final Vertx vertx;
  private final SimOptions options;
  private final SimContext ctx;
  private final List<SimModule> modules;
  private HttpServer server;

  public Simulator(Vertx vertx, SimOptions options, SimClock clock, List<SimModule> modules) {
    this.vertx = vertx;
    this.options = options;
    this.ctx = new SimContext(options, clock);
    this.modules = List.copyOf(modules);
  }

  public SimContext context() {
    return ctx;
  }

  /** Starts listening; the future gives the actual port (useful with port 0). */
  public Future<Integer> start() {
    Router root = Router.router(vertx);
    Router api = Router.router(vertx);
    api.route().handler(rc -> {
      String auth = rc.request().getHeader("Authorization");
      if (auth == null || !auth.equals("Bearer " + options.apiToken())) {
        ctx.error(rc, 403, 10000, "Authentication error");
        return;
      }
      rc.next();
    });
    for (SimModule m : modules) {
      m.mount(api, ctx);
    }
    api.route().last().handler(rc -> ctx.error(rc, 404, 7003, "Could not route to " + rc.normalizedPath()
        + ", perhaps your object identifier is invalid?"));
    root.route(BASE_PATH + "/*").subRouter(api);
    return vertx.createHttpServer().requestHandler(root).listen(options.port(), options.host())
        .map(s -> {
          server = s;
          LOG.info("simulated Cloudflare API listening on http://{}:{}{}", options.host(), s.actualPort(), BASE_PATH);
          return s.actualPort();
        });
  }

  /** The base URL a client should use, e.g. {@code http://127.0.0.1:40123/client/v4}. */
  public String baseUrl() {
    return "http://" + options.host() + ":" + server.actualPort() + BASE_PATH;
  }

  public Future<Void> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
