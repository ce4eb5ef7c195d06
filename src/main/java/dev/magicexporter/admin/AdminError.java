package dev.magicexporter.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.magicexporter.client.Json;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The admin API's own answers in Cloudflare's v4 error envelope
 * ({@code {"result":null,"success":false,"errors":[{code,message,source}],"messages":[]}}), one
 * row per kind of refusal. {@code source} is {@code pointer} for a body field (a JSON pointer),
 * {@code parameter} for a path or query value and {@code header} for a header (JSON:API names).
 * Messages never contain a submitted value.
 */
public enum AdminError {
  UNAUTHENTICATED(401, 10000, "Authentication error: a valid admin token is required"),
  FORBIDDEN(403, 10000, "Authentication error: this admin token may only read"),
  NO_ROUTE(404, 7003, "No route for that URI"),
  UNKNOWN_ACCOUNT(404, 7003, "Could not route to the account: it is not one this daemon manages"),
  METHOD_NOT_ALLOWED(405, 10405, "Method not allowed for this route"),
  INVALID(400, 1001, "Invalid request"),
  MALFORMED_JSON(400, 6007, "Malformed JSON in request body"),
  BODY_TOO_LARGE(413, 6008, "Request body too large"),
  THROTTLED(429, 971, "Upstream request budget exhausted; retry later"),
  UPSTREAM_FAILED(502, 10502, "Cloudflare could not be reached"),
  UPSTREAM_TIMEOUT(504, 10504, "Cloudflare did not answer in time"),
  INTERNAL(500, 10500, "Internal error");

  public final int status;
  public final int code;
  public final String message;

  AdminError(int status, int code, String message) {
    this.status = status;
    this.code = code;
    this.message = message;
  }

  /** Where an error points: a body field, a path or query parameter, or a header. */
  public record Source(String kind, String name) {
    public static Source pointer(String p) {
      return new Source("pointer", p);
    }

    public static Source parameter(String p) {
      return new Source("parameter", p);
    }

    public static Source header(String h) {
      return new Source("header", h);
    }
  }

  /** One entry of the {@code errors} list. */
  public record Item(int code, String message, Source source) {}

  public Item item() {
    return new Item(code, message, null);
  }

  public Item item(String detail, Source source) {
    return new Item(code, detail, source);
  }

  public void send(HttpServerResponse resp) {
    send(resp, List.of(item()));
  }

  public void send(HttpServerResponse resp, List<Item> items) {
    if (resp.ended() || resp.closed()) {
      return;
    }
    resp.setStatusCode(status).putHeader("Content-Type", "application/json").end(body(items));
  }

  public static String body(List<Item> items) {
    try {
      return Json.MAPPER.writeValueAsString(envelope(items));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an error envelope of strings and numbers always serialises", e);
    }
  }

  /** The error envelope as a map, for servers that serialise it themselves (the simulator). */
  public static Map<String, Object> envelope(List<Item> items) {
    List<Map<String, Object>> errors = new ArrayList<>();
    for (Item i : items) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("code", i.code());
      e.put("message", i.message());
      if (i.source() != null) {
        e.put("source", Map.of(i.source().kind(), i.source().name()));
      }
      errors.add(e);
    }
    Map<String, Object> env = new LinkedHashMap<>();
    env.put("result", null);
    env.put("success", false);
    env.put("errors", errors);
    env.put("messages", List.of());
    return env;
  }
}
