package dev.magicexporter.sim;

import dev.magicexporter.client.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What every {@link SimModule} shares: options, clock and the v4 envelope. */
public final class SimContext {
  private final SimOptions options;
  private final SimClock clock;

  public SimContext(SimOptions options, SimClock clock) {
    this.options = options;
    this.clock = clock;
  }

  public SimOptions options() {
    return options;
  }

  public SimClock clock() {
    return clock;
  }

  /** True when {@code id} is one of the simulated accounts. */
  public boolean knowsAccount(String id) {
    return options.accountIds().contains(id);
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

  public void send(RoutingContext rc, int status, Object body) {
    try {
      String json = Json.MAPPER.writeValueAsString(body);
      rc.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(json);
    } catch (JsonProcessingException e) {
      rc.fail(e);
    }
  }
}
