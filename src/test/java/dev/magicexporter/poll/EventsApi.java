package dev.magicexporter.poll;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.magicexporter.client.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Bodies of the telemetry list endpoints, for WireMock stubs. */
final class EventsApi {
  private EventsApi() {}

  static String path(String account, String connector) {
    return "/accounts/" + account + "/magic/connectors/" + connector + "/telemetry/events";
  }

  static String snapshotsPath(String account, String connector) {
    return "/accounts/" + account + "/magic/connectors/" + connector + "/telemetry/snapshots";
  }

  static Map<String, Object> ev(String k, double t, long n) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("a", t + 2);
    m.put("k", k);
    m.put("n", n);
    m.put("t", t);
    return m;
  }

  static Map<String, Object> snap(double t) {
    return Map.of("a", t + 1, "t", t);
  }

  /** A telemetry page envelope; a null cursor marks the last page. */
  static String page(String cursor, List<?> items) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("count", items.size());
    result.put("items", new ArrayList<>(items));
    if (cursor != null) {
      result.put("cursor", cursor);
    }
    Map<String, Object> env = new LinkedHashMap<>();
    env.put("result", result);
    env.put("success", true);
    env.put("errors", List.of());
    env.put("messages", List.of());
    try {
      return Json.MAPPER.writeValueAsString(env);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String page(String cursor, Object... items) {
    return page(cursor, List.of(items));
  }
}
