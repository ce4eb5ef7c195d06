package dev.magicexporter.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.magicexporter.client.Json;
import dev.magicexporter.sim.connectors.SimConnector;
import dev.magicexporter.sim.connectors.SimWorld;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What every {@link SimModule} shares: the world (options, clock, accounts, connectors), the
 * v4 envelope, and the bookkeeping of answers. Modules answer through {@link #ok}, {@link #error}
 * or {@link #send}, so that every answer is counted in {@link SimStats} and can be corrupted when
 * a malformed-body fault was drawn for the request.
 */
public final class SimContext {
  /** Routing-context key of the malformed-body fault drawn for a request, if any. */
  static final String MALFORMED_KEY = "sim.malformed";

  private final SimWorld world;
  private final SimStats stats;

  public SimContext(SimOptions options, SimClock clock) {
    this(new SimWorld(options, clock), new SimStats());
  }

  public SimContext(SimWorld world, SimStats stats) {
    this.world = world;
    this.stats = stats;
  }

  public SimOptions options() {
    return world.options();
  }

  public SimClock clock() {
    return world.clock();
  }

  public SimWorld world() {
    return world;
  }

  public SimStats stats() {
    return stats;
  }

  /** True when {@code id} is one of the simulated accounts. */
  public boolean knowsAccount(String id) {
    return world.knowsAccount(id);
  }

  /**
   * The connector named by the path parameters {@code account_id} and {@code connector_id}; when
   * there is none, answers 404 and returns empty.
   */
  public Optional<SimConnector> connector(RoutingContext rc) {
    Optional<SimConnector> c = world.findConnector(rc.pathParam("account_id"), rc.pathParam("connector_id"));
    if (c.isEmpty()) {
      error(rc, 404, SimErrors.NO_ROUTE, SimErrors.noRoute(rc.normalizedPath()));
    }
    return c;
  }

  /** 200 with {@code {success:true, errors:[], messages:[], result}}. */
  public void ok(RoutingContext rc, Object result) {
    send(rc, 200, envelope(true, result, null, List.of()));
  }

  /** 200 with a result and a {@code result_info}. */
  public void ok(RoutingContext rc, Object result, Map<String, Object> resultInfo) {
    send(rc, 200, envelope(true, result, resultInfo, List.of()));
  }

  /** An error envelope with one error. */
  public void error(RoutingContext rc, int status, int code, String message) {
    send(rc, status, envelope(false, null, null, List.of(Map.of("code", code, "message", message))));
  }

  /** 400 with {@link SimErrors#BAD_REQUEST}. */
  public void badRequest(RoutingContext rc, String message) {
    error(rc, 400, SimErrors.BAD_REQUEST, message);
  }

  /** The v4 envelope as a map (null values kept: {@code "result": null}). */
  public static Map<String, Object> envelope(boolean success, Object result, Map<String, Object> resultInfo,
      List<?> errors) {
    Map<String, Object> env = new LinkedHashMap<>();
    env.put("result", result);
    if (resultInfo != null) {
      env.put("result_info", resultInfo);
    }
    env.put("success", success);
    env.put("errors", errors);
    env.put("messages", List.of());
    return env;
  }

  /** Sends {@code body} as JSON, counted by route and status, corrupted if a fault says so. */
  public void send(RoutingContext rc, int status, Object body) {
    FaultKind malformed = status / 100 == 2 ? rc.get(MALFORMED_KEY) : null;
    stats.answered(routeOf(rc), status);
    try {
      if (malformed == FaultKind.MALFORMED_HTML) {
        stats.fault(malformed);
        rc.response().setStatusCode(200).putHeader("Content-Type", "text/html; charset=UTF-8")
            .end(HtmlPages.page(502, "Bad gateway"));
        return;
      }
      if (malformed == FaultKind.MALFORMED_SHAPE && body instanceof Map<?, ?> env && env.containsKey("result")) {
        stats.fault(malformed);
        Map<Object, Object> wrong = new LinkedHashMap<>(env);
        wrong.put("result", env.get("result") instanceof List<?> ? Map.of("unexpected", "object") : List.of("unexpected"));
        body = wrong;
      }
      byte[] json = Json.MAPPER.writeValueAsBytes(body);
      if (malformed == FaultKind.MALFORMED_TRUNCATED) {
        stats.fault(malformed);
        json = java.util.Arrays.copyOf(json, Math.max(1, json.length * 2 / 3));
      }
      rc.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(Buffer.buffer(json));
    } catch (JsonProcessingException e) {
      rc.fail(e);
    }
  }

  /**
   * A time in seconds with milliseconds, written as a plain decimal ({@code 1700000000.123}):
   * a double would be written in E notation.
   */
  public static BigDecimal seconds(double value) {
    return BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_EVEN);
  }

  /** {@code value} as JSON with the API's mapper. */
  static String json(Object value) {
    try {
      return Json.MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The route template that answered, e.g. {@code GET /accounts/{account_id}/magic/connectors}. */
  static String routeOf(RoutingContext rc) {
    Route r = rc.currentRoute();
    String path = r == null ? null : r.getPath();
    if (path == null) {
      return null;
    }
    return rc.request().method().name() + " " + path.replaceAll(":([A-Za-z0-9_]+)", "{$1}");
  }
}
