package dev.magicexporter.admin;

import dev.magicexporter.listen.AllowedHosts;
import dev.magicexporter.listen.BodyBudget;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.impl.RoutingContextInternal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How a request gets into the admin API: on its headers alone, before a byte of its body is read,
 * it must name this listener in {@code Host} (DNS rebinding), come from no other origin when it
 * writes (CSRF: {@code Origin}, {@code Sec-Fetch-Site}), and declare a JSON body; then, once
 * authenticated, its body is read under a per-request limit, a deadline and a budget shared by all
 * requests. A refusal before the body is read closes the connection, so the unread body can never
 * be taken for the next request. The request arrives paused ({@link AdminServer} pauses it) and is
 * resumed only here.
 */
final class AdminIntake {
  private final Vertx vertx;
  private final AllowedHosts hosts;
  private final BodyBudget budget;
  private final int maxBodyBytes;
  private final Duration bodyTimeout;

  AdminIntake(Vertx vertx, AdminOptions options) {
    this.vertx = vertx;
    this.hosts = new AllowedHosts(options.address(), options.intake().allowedHosts());
    this.budget = new BodyBudget(options.intake().maxBufferedBytes());
    this.maxBodyBytes = options.maxBodyBytes();
    this.bodyTimeout = options.intake().bodyTimeout();
  }

  BodyBudget budget() {
    return budget;
  }

  AllowedHosts hosts() {
    return hosts;
  }

  static boolean safe(HttpMethod m) {
    return m == HttpMethod.GET || m == HttpMethod.HEAD;
  }

  /** Host, origin and media type, from the headers alone. */
  void screen(RoutingContext rc) {
    HttpServerRequest req = rc.request();
    if (req.headers().getAll("Host").size() > 1) {
      refuse(rc, 400, AdminError.INVALID.code, "more than one Host header", AdminError.Source.header("Host"));
      return;
    }
    if (!hosts.allows(req.getHeader("Host"))) {
      refuse(rc, 403, 10403, "the Host header does not name this admin API; add the name to admin.allowed_hosts "
          + "if it is yours", AdminError.Source.header("Host"));
      return;
    }
    if (!safe(req.method()) && !sameOrigin(req)) {
      refuse(rc, 403, 10403, "cross-origin requests may not write through the admin API",
          AdminError.Source.header(req.getHeader("Origin") != null ? "Origin" : "Sec-Fetch-Site"));
      return;
    }
    if (hasBody(req) && !isJson(req.getHeader("Content-Type"))) {
      refuse(rc, 415, 10415, "request bodies must be sent as Content-Type: application/json",
          AdminError.Source.header("Content-Type"));
      return;
    }
    rc.next();
  }

  /**
   * No {@code Origin}, or one equal to this listener's own ({@code http://} + {@code Host}); and no
   * {@code Sec-Fetch-Site} other than {@code same-origin} or {@code none} (typed by the user).
   * Clients that are not browsers send neither header.
   */
  static boolean sameOrigin(HttpServerRequest req) {
    String site = req.getHeader("Sec-Fetch-Site");
    if (site != null && !site.equalsIgnoreCase("same-origin") && !site.equalsIgnoreCase("none")) {
      return false;
    }
    String origin = req.getHeader("Origin");
    if (origin == null) {
      return true;
    }
    String host = req.getHeader("Host");
    if (host == null) {
      return false;
    }
    try {
      URI o = new URI(origin.trim());
      String scheme = req.isSSL() ? "https" : "http";
      if (o.getHost() == null || !scheme.equalsIgnoreCase(o.getScheme())) {
        return false;
      }
      int port = o.getPort() >= 0 ? o.getPort() : (req.isSSL() ? 443 : 80);
      URI h = new URI(scheme + "://" + host.trim());
      int hostPort = h.getPort() >= 0 ? h.getPort() : (req.isSSL() ? 443 : 80);
      return h.getHost() != null && o.getHost().equalsIgnoreCase(h.getHost()) && port == hostPort;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  static boolean hasBody(HttpServerRequest req) {
    String cl = req.getHeader("Content-Length");
    return req.getHeader("Transfer-Encoding") != null || (cl != null && !cl.trim().equals("0"));
  }

  /** {@code application/json}, any parameters, any case. */
  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semi = contentType.indexOf(';');
    String type = (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    return type.equals("application/json");
  }

  /**
   * Reads the body of an authenticated request into the routing context (as Vert.x Web's
   * BodyHandler would), reserving its bytes from the shared budget first.
   */
  void readBody(RoutingContext rc) {
    HttpServerRequest req = rc.request();
    String te = req.getHeader("Transfer-Encoding");
    String cl = req.getHeader("Content-Length");
    if (te == null && cl == null) {
      req.resume();
      rc.next();
      return;
    }
    long declared = -1;
    if (cl != null) {
      try {
        declared = Long.parseLong(cl.trim());
      } catch (NumberFormatException e) {
        declared = -2;
      }
      if (declared < 0) {
        refuse(rc, 400, AdminError.INVALID.code, "the Content-Length header is not a number",
            AdminError.Source.header("Content-Length"));
        return;
      }
    }
    if (declared > maxBodyBytes) {
      tooLarge(rc);
      return;
    }
    Reservation held = new Reservation(budget);
    rc.addEndHandler(ar -> held.releaseAll());
    if (declared > 0 && !held.add(declared)) {
      busy(rc);
      return;
    }
    long reservedUpFront = Math.max(0, declared);
    Buffer body = Buffer.buffer((int) Math.min(Math.max(declared, 0), 64 * 1024));
    long timer = vertx.setTimer(bodyTimeout.toMillis(), id -> refuse(rc, 408, 10408,
        "the request body did not arrive within admin.body_timeout (" + bodyTimeout.toSeconds() + " s)", null));
    req.handler(chunk -> {
      if (rc.response().ended()) {
        return;
      }
      if (body.length() + chunk.length() > maxBodyBytes) {
        vertx.cancelTimer(timer);
        tooLarge(rc);
        return;
      }
      if (body.length() + chunk.length() > reservedUpFront && !held.add(chunk.length())) {
        vertx.cancelTimer(timer);
        busy(rc);
        return;
      }
      body.appendBuffer(chunk);
    });
    req.exceptionHandler(t -> vertx.cancelTimer(timer));
    req.endHandler(v -> {
      vertx.cancelTimer(timer);
      if (rc.response().ended()) {
        return;
      }
      ((RoutingContextInternal) rc).visitHandler(RoutingContextInternal.BODY_HANDLER);
      ((RoutingContextInternal) rc).setBody(body);
      rc.next();
    });
    req.resume();
  }

  private void tooLarge(RoutingContext rc) {
    refuse(rc, AdminError.BODY_TOO_LARGE.status, AdminError.BODY_TOO_LARGE.code,
        AdminError.BODY_TOO_LARGE.message + " (at most " + maxBodyBytes + " bytes)", null);
  }

  private void busy(RoutingContext rc) {
    rc.response().putHeader("Retry-After", "1");
    refuse(rc, 503, 10503, "the admin API holds too many request bodies at once (admin.max_buffered_bytes); "
        + "retry shortly", null);
  }

  /** Answers in Cloudflare's error envelope and closes the connection (its body stays unread). */
  static void refuse(RoutingContext rc, int status, int code, String message, AdminError.Source source) {
    HttpServerResponse resp = rc.response();
    if (resp.ended() || resp.closed()) {
      return;
    }
    resp.setStatusCode(status).putHeader("Content-Type", "application/json").putHeader("Connection", "close")
        .end(AdminError.body(List.of(new AdminError.Item(code, message, source))))
        .onComplete(ar -> rc.request().connection().close());
  }

  /** Bytes one request holds from the budget, given back exactly once. */
  private static final class Reservation {
    private final BodyBudget budget;
    private long held;
    private final AtomicBoolean released = new AtomicBoolean();

    Reservation(BodyBudget budget) {
      this.budget = budget;
    }

    synchronized boolean add(long n) {
      if (released.get() || !budget.tryReserve(n)) {
        return false;
      }
      held += n;
      return true;
    }

    synchronized void releaseAll() {
      if (released.compareAndSet(false, true)) {
        budget.release(held);
        held = 0;
      }
    }
  }
}
