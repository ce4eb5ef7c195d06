package dev.magicexporter.listen;

import dev.magicexporter.logging.LogLimiter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * What every listener of the daemon shares, so that none of them trusts its peers: server
 * options (idle timeout, HTTP/1.1 only), the connection cap ({@link ConnectionGuard}), strict
 * request framing ({@link StrictHttp1Decoder}), a plain 400 for a request target that is not a
 * path, and rate-limited logging of connection errors.
 */
public final class Listeners {
  private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);
  private static final LogLimiter LIMIT = new LogLimiter(Duration.ofMinutes(1));

  private Listeners() {}

  /** Base options of a listener with these limits; callers add TLS or compression. */
  public static HttpServerOptions options(ListenerLimits limits) {
    return new HttpServerOptions()
        .setIdleTimeout((int) Math.min(Integer.MAX_VALUE, limits.idleTimeout().toMillis()))
        .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
        // HTTP/1.1 only: one request at a time per connection keeps the connection cap meaningful.
        .setHttp2ClearTextEnabled(false)
        .setDecompressionSupported(false);
  }

  /**
   * Creates the server: connections go through the guard, requests through {@code handler} once
   * their target is known to be a path.
   */
  public static HttpServer create(io.vertx.core.Vertx vertx, HttpServerOptions options, ConnectionGuard guard,
      Handler<HttpServerRequest> handler) {
    HttpServer server = vertx.createHttpServer(options);
    server.connectionHandler(c -> {
      StrictHttp1Decoder.install(c, options);
      guard.accept(c);
    });
    server.exceptionHandler(t -> LIMIT.log(LOG, Level.DEBUG, "connection-error",
        "a listener connection failed: {}", String.valueOf(t)));
    server.requestHandler(req -> {
      guard.requestStarted(req);
      if (!hasPathTarget(req)) {
        badRequest(req, "the request target must be a path such as /metrics");
        return;
      }
      handler.handle(req);
    });
    return server;
  }

  /**
   * A plain-text 400 that closes the connection: what follows a malformed request on the same
   * connection cannot be trusted to be framed as the peer meant.
   */
  public static void badRequest(HttpServerRequest req, String why) {
    var resp = req.response();
    if (resp.ended() || resp.closed()) {
      return;
    }
    resp.setStatusCode(400).putHeader("Content-Type", "text/plain; charset=utf-8")
        .putHeader("Connection", "close").end("400 Bad Request: " + why + "\n")
        .onComplete(ar -> req.connection().close());
  }

  /** Origin-form ({@code /path?query}) or absolute-form ({@code http://host/path}) with a path. */
  static boolean hasPathTarget(HttpServerRequest req) {
    String uri = req.uri();
    if (uri == null || uri.isEmpty()) {
      return false;
    }
    if (uri.charAt(0) == '/') {
      return true;
    }
    try {
      String path = req.path();
      return (uri.regionMatches(true, 0, "http://", 0, 7) || uri.regionMatches(true, 0, "https://", 0, 8))
          && path != null && path.startsWith("/");
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * Binds the server and puts an {@link AcceptGate} in front of it, allowing the guard's cap plus a
   * quarter (at least 8) for connections that arrive to evict idle ones.
   */
  public static Future<HttpServer> listen(HttpServer server, ConnectionGuard guard, int port, String address) {
    return server.listen(port, address).onSuccess(s -> {
      int room = Math.max(8, guard.maxConnections() / 4);
      AcceptGate.install(s, new AcceptGate(guard.maxConnections() + room, guard::refusedAtAccept));
    });
  }

  /** A guard registered on {@code registry}. */
  public static ConnectionGuard guard(ListenerLimits limits, MeterRegistry registry) {
    return new ConnectionGuard(limits, registry);
  }
}
