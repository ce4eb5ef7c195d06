package dev.magicexporter.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.magicexporter.admin.AdminError.Item;
import dev.magicexporter.admin.AdminError.Source;
import dev.magicexporter.admin.Route.Body;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Checks one request against its {@link Route}'s rules: path values, query parameters, the
 * route's headers and the body, before anything goes upstream. What the reference states is
 * refused; advice, unknown fields and fields the reference only returns are not (see
 * {@link Validator}): the latter are dropped from the body that goes upstream, the others travel
 * with it and come back as warnings.
 */
public final class RequestCheck {
  private RequestCheck() {}

  /**
   * The outcome: on success the validated parts (query pairs in order, the route's headers, the
   * body or null, and its JSON); otherwise the error kind and its entries.
   */
  public record Checked(AdminError error, List<Item> problems, List<Map.Entry<String, String>> query,
      Map<String, String> headers, Buffer body, JsonNode json, List<Item> warnings) {
    public boolean ok() {
      return error == null;
    }

    /** Whether a route header (lower case) is set to {@code true}. */
    public boolean headerTrue(String name) {
      return "true".equals(headers.get(name));
    }

    /** The value of a query parameter, or null. */
    public String queryValue(String name) {
      for (Map.Entry<String, String> q : query) {
        if (q.getKey().equals(name)) {
          return q.getValue();
        }
      }
      return null;
    }
  }

  /** Problems with path values (each named in {@code source.parameter}). */
  public static List<Item> path(Map<String, String> values) {
    List<Item> problems = new ArrayList<>();
    for (Map.Entry<String, String> v : values.entrySet()) {
      Schema rule = RouteTable.PATH_PARAMS.getOrDefault(v.getKey(), ResourceRules.IDENTIFIER);
      for (Validator.Problem p : Validator.validateText(rule, v.getValue())) {
        problems.add(AdminError.INVALID.item(v.getKey() + " " + p.message(), Source.parameter(v.getKey())));
      }
    }
    return problems;
  }

  /**
   * Checks query, headers and body; {@code earlier} problems (of the path) are reported with the
   * query's and headers' ones.
   *
   * @param body the raw body, or null/empty when there is none
   */
  public static Checked request(Route route, List<Item> earlier, String rawQuery, MultiMap headers, Buffer body) {
    return request(route, earlier, rawQuery, headers, body, false);
  }

  /**
   * @param strictFields refuse body fields the reference does not know ({@code admin.strict_fields})
   *     instead of forwarding them with a warning
   */
  public static Checked request(Route route, List<Item> earlier, String rawQuery, MultiMap headers, Buffer body,
      boolean strictFields) {
    List<Item> problems = new ArrayList<>(earlier);
    List<Map.Entry<String, String>> query = query(route, rawQuery, problems);
    Map<String, String> hs = headers(route, headers, problems);
    if (!problems.isEmpty()) {
      return new Checked(AdminError.INVALID, problems, query, hs, null, null, List.of());
    }
    Buffer b = body == null || body.length() == 0 ? null : body;
    Body rule = route.body();
    if (b == null) {
      if (rule.mode() == Body.Mode.REQUIRED) {
        return invalid(AdminError.INVALID, "a JSON body is required", query, hs);
      }
      return new Checked(null, List.of(), query, hs, null, null, List.of());
    }
    if (rule.mode() == Body.Mode.NONE) {
      return invalid(AdminError.INVALID, "this endpoint takes no body", query, hs);
    }
    JsonNode json = RequestParts.json(b);
    if (json == null) {
      return invalid(AdminError.MALFORMED_JSON,
          "the body is not one JSON document (duplicate keys and trailing data are refused)", query, hs);
    }
    Validator.Result found = Validator.check(rule.schema(), json, "", h -> "true".equals(hs.get(h)), strictFields);
    if (found.ok()) {
      List<Item> warnings = new ArrayList<>(items(found.warnings()));
      if (!found.readOnly().isEmpty()) {
        for (String pointer : found.readOnly()) {
          warnings.add(WARNING.item(printable(pointer, 100) + " is returned by Cloudflare but not taken by this"
              + " request; not forwarded", Source.pointer(pointer)));
        }
        json = withoutFields(json, found.readOnly());
        b = Buffer.buffer(RequestParts.write(json));
      }
      return new Checked(null, List.of(), query, hs, b, json, List.copyOf(warnings));
    }
    return new Checked(AdminError.INVALID, items(found.problems()), query, hs, null, null, List.of());
  }

  /** Warnings share the code of the refusal they would be in strict mode. */
  private static final AdminError WARNING = AdminError.INVALID;

  private static List<Item> items(List<Validator.Problem> found) {
    List<Item> items = new ArrayList<>();
    for (Validator.Problem p : found) {
      items.add(AdminError.INVALID.item(printable(p.pointer().isEmpty() ? "body" : p.pointer(), 100) + " "
          + p.message(), Source.pointer(p.pointer())));
    }
    return items;
  }

  /** A copy of {@code json} without the fields at {@code pointers} (each names an object member). */
  private static JsonNode withoutFields(JsonNode json, List<String> pointers) {
    JsonNode copy = json.deepCopy();
    for (String p : pointers) {
      int slash = p.lastIndexOf('/');
      JsonNode parent = copy.at(com.fasterxml.jackson.core.JsonPointer.compile(p.substring(0, slash)));
      if (parent instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
        o.remove(p.substring(slash + 1).replace("~1", "/").replace("~0", "~"));
      }
    }
    return copy;
  }

  private static Checked invalid(AdminError error, String message, List<Map.Entry<String, String>> query,
      Map<String, String> headers) {
    return new Checked(error, List.of(error.item(message, Source.pointer(""))), query, headers, null, null, List.of());
  }

  private static List<Map.Entry<String, String>> query(Route route, String rawQuery, List<Item> problems) {
    List<Map.Entry<String, String>> pairs = RequestParts.query(rawQuery);
    if (pairs == null) {
      problems.add(AdminError.INVALID.item("the query string is not properly percent-encoded UTF-8", null));
      return List.of();
    }
    Set<String> seen = new HashSet<>();
    for (Map.Entry<String, String> q : pairs) {
      Route.QueryParam param = route.queryParam(q.getKey());
      Source src = Source.parameter(q.getKey());
      if (param == null) {
        problems.add(AdminError.INVALID.item("unknown query parameter" + (route.query().isEmpty()
            ? "; this endpoint takes none"
            : "; allowed: " + route.query().stream().map(Route.QueryParam::name).collect(Collectors.joining(", "))),
            Source.parameter(printable(q.getKey(), 100))));
        continue;
      }
      if (!seen.add(q.getKey())) {
        problems.add(AdminError.INVALID.item(q.getKey() + " is given more than once", src));
        continue;
      }
      for (Validator.Problem p : Validator.validateText(param.schema(), q.getValue())) {
        problems.add(AdminError.INVALID.item(q.getKey() + " " + p.message(), src));
      }
    }
    for (Route.QueryParam param : route.query()) {
      if (param.required() && !seen.contains(param.name())) {
        problems.add(AdminError.INVALID.item(param.name() + " is required", Source.parameter(param.name())));
      }
    }
    return pairs;
  }

  /** The route's own headers, validated (each is a boolean switch); every other header is dropped. */
  private static Map<String, String> headers(Route route, MultiMap given, List<Item> problems) {
    Map<String, String> out = new TreeMap<>();
    for (String name : route.headers()) {
      List<String> values = given.getAll(name);
      if (values.isEmpty()) {
        continue;
      }
      if (values.size() > 1) {
        problems.add(AdminError.INVALID.item(name + " is given more than once", Source.header(name)));
        continue;
      }
      for (Validator.Problem p : Validator.validateText(ResourceRules.BOOLEAN, values.get(0))) {
        problems.add(AdminError.INVALID.item(name + " " + p.message(), Source.header(name)));
      }
      out.put(name, values.get(0));
    }
    return out;
  }

  /** A caller-chosen text made safe to log or echo: visible ASCII only, bounded. */
  static String printable(String s, int max) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && b.length() < max; i++) {
      char c = s.charAt(i);
      b.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return b.toString();
  }
}
