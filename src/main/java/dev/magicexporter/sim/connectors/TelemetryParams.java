package dev.magicexporter.sim.connectors;

import dev.magicexporter.sim.SimContext;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * The query of a telemetry list: {@code from} and {@code to} (required, seconds since the epoch,
 * both inclusive), {@code limit} (default {@link #DEFAULT_LIMIT}, at most {@link #MAX_LIMIT}; more
 * is capped) and {@code cursor}. {@link #parse} answers 400 itself on bad input.
 */
record TelemetryParams(double from, double to, int limit, TelemetryCursor.Position after) {
  private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");
  static final int DEFAULT_LIMIT = SimWorld.DEFAULT_PAGE_LIMIT;
  static final int MAX_LIMIT = SimWorld.MAX_PAGE_LIMIT;

  static Optional<TelemetryParams> parse(RoutingContext rc, SimContext ctx, char list, long connectorKey) {
    Double from = number(rc, ctx, "from", true);
    if (from == null) {
      return Optional.empty();
    }
    Double to = number(rc, ctx, "to", true);
    if (to == null) {
      return Optional.empty();
    }
    if (from > to) {
      ctx.badRequest(rc, "'from' (" + rc.queryParams().get("from") + ") is after 'to' (" + rc.queryParams().get("to") + ")");
      return Optional.empty();
    }
    int limit = DEFAULT_LIMIT;
    String l = rc.queryParams().get("limit");
    if (l != null) {
      try {
        limit = Integer.parseInt(l.trim());
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1) {
        ctx.badRequest(rc, "'limit' must be a whole number from 1 to " + MAX_LIMIT);
        return Optional.empty();
      }
      limit = Math.min(limit, MAX_LIMIT);
    }
    TelemetryCursor.Position after = null;
    String cursor = rc.queryParams().get("cursor");
    if (cursor != null && !cursor.isEmpty()) {
      after = TelemetryCursor.decode(cursor, list, connectorKey).orElse(null);
      if (after == null) {
        ctx.badRequest(rc, "'cursor' is not a cursor of this list");
        return Optional.empty();
      }
    }
    return Optional.of(new TelemetryParams(from, to, limit, after));
  }

  private static Double number(RoutingContext rc, SimContext ctx, String name, boolean required) {
    String v = rc.queryParams().get(name);
    if (v == null || v.isBlank()) {
      if (required) {
        ctx.badRequest(rc, "'" + name + "' is required (seconds since the Unix epoch)");
      }
      return null;
    }
    if (NUMBER.matcher(v.trim()).matches()) {
      double d = Double.parseDouble(v.trim());
      if (Double.isFinite(d)) {
        return d;
      }
    }
    ctx.badRequest(rc, "'" + name + "' must be a number (seconds since the Unix epoch)");
    return null;
  }

  /** Parses a whole number of seconds from a path segment like {@code 1700000000} or {@code 1700000000.0}. */
  static Long wholeSeconds(String s) {
    if (!NUMBER.matcher(s).matches()) {
      return null;
    }
    double d = Double.parseDouble(s);
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? (long) d : null;
  }
}
