package dev.magicexporter.sim;

import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;

/**
 * Injects the faults of {@link SimOptions} into the request stream: Cloudflare's global rate limit
 * (a fixed window on the simulator clock; once over it, every request gets 429 until the window
 * ends), a share of 5xx answers and a share of malformed bodies. Which request gets a 5xx or a
 * malformed body is drawn from the seed and the request's arrival number, so a run that sends
 * the same requests in the same order meets the same faults.
 */
final class FaultInjector {
  private static final long SALT_5XX = SimHash.of("server-error");
  private static final long SALT_MALFORMED = SimHash.of("malformed");
  private static final int[] SERVER_STATUSES = {500, 502, 503, 504};
  private static final FaultKind[] MALFORMED = {
      FaultKind.MALFORMED_TRUNCATED, FaultKind.MALFORMED_HTML, FaultKind.MALFORMED_SHAPE};

  private final SimOptions options;
  private final SimClock clock;
  private final SimStats stats;
  private long window = Long.MIN_VALUE;
  private long used;

  FaultInjector(SimOptions options, SimClock clock, SimStats stats) {
    this.options = options;
    this.clock = clock;
    this.stats = stats;
  }

  /** Counts the request against the rate limit; answers 429 and returns true when over it. */
  boolean rateLimited(RoutingContext rc, SimContext ctx) {
    int limit = options.rateLimitRequests();
    if (limit <= 0) {
      return false;
    }
    double windowSeconds = Math.max(1, options.rateLimitWindow().toMillis() / 1000.0);
    double now = clock.nowSeconds();
    long current = (long) Math.floor(now / windowSeconds);
    long count;
    synchronized (this) {
      if (current != window) {
        window = current;
        used = 0;
      }
      count = ++used;
    }
    double resetIn = (current + 1) * windowSeconds - now;
    long reset = Math.max(1, (long) Math.ceil(resetIn));
    rc.response().putHeader("Ratelimit", "\"default\";r=" + Math.max(0, limit - count) + ";t=" + reset);
    rc.response().putHeader("Ratelimit-Policy", "\"default\";q=" + limit + ";w=" + (long) windowSeconds);
    if (count <= limit) {
      return false;
    }
    stats.fault(FaultKind.RATE_LIMITED);
    stats.answered(null, 429);
    rc.response().putHeader("Retry-After", Long.toString(reset));
    sendJson(rc, 429, SimErrors.RATE_LIMITED, SimErrors.RATE_LIMITED_MESSAGE);
    return true;
  }

  /** Answers a 5xx and returns true for the drawn share of requests. */
  boolean serverError(RoutingContext rc, long sequence) {
    if (options.serverErrorRate() <= 0) {
      return false;
    }
    long h = SimHash.of(options.seed(), SALT_5XX, sequence);
    if (SimHash.unit(h) >= options.serverErrorRate()) {
      return false;
    }
    int status = SERVER_STATUSES[SimHash.below(SimHash.of(h, 1), SERVER_STATUSES.length)];
    stats.fault(FaultKind.SERVER_ERROR);
    stats.answered(null, status);
    if (status == 502 || status == 504) {
      rc.response().setStatusCode(status).putHeader("Content-Type", "text/html; charset=UTF-8")
          .end(HtmlPages.page(status, status == 502 ? "Bad gateway" : "Gateway time-out"));
    } else {
      sendJson(rc, status, SimErrors.INTERNAL, status == 503 ? "Service temporarily unavailable" : "Internal server error");
    }
    return true;
  }

  /** The malformed-body fault drawn for this request, or null. */
  FaultKind malformed(long sequence) {
    if (options.malformedRate() <= 0) {
      return null;
    }
    long h = SimHash.of(options.seed(), SALT_MALFORMED, sequence);
    if (SimHash.unit(h) >= options.malformedRate()) {
      return null;
    }
    return MALFORMED[SimHash.below(SimHash.of(h, 1), MALFORMED.length)];
  }

  private static void sendJson(RoutingContext rc, int status, int code, String message) {
    String body = SimContext.json(
        SimContext.envelope(false, null, null, List.of(Map.of("code", code, "message", message))));
    rc.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
  }
}
