package dev.magicexporter.admin;

import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One row of the admin route table: a Cloudflare endpoint (method and path template, exactly as
 * in api/ENDPOINTS.md), the scope a token needs, and the validation rules of its query, headers
 * and body. Immutable; the {@code with...} methods return copies.
 *
 * @param kind the resource kind, used for cache TTLs and invalidation (e.g. {@code gre_tunnels})
 * @param headers request headers forwarded upstream (lower case); every other header is dropped
 * @param streamed the answer is streamed through (binary PCAP download), never buffered or cached
 */
public record Route(
    HttpMethod method,
    String template,
    Scope scope,
    Body body,
    List<QueryParam> query,
    Set<String> headers,
    boolean streamed,
    String kind) {

  public Route {
    query = List.copyOf(query);
    headers = Set.copyOf(headers);
  }

  /** Whether a request body is refused, allowed or required, and its shape. */
  public record Body(Mode mode, Schema schema) {
    public enum Mode { NONE, OPTIONAL, REQUIRED }

    public static final Body NONE = new Body(Mode.NONE, null);
  }

  /** A query parameter and the rule for its (string) value. */
  public record QueryParam(String name, Schema schema, boolean required) {}

  /** Path segments that name an action or a view rather than a resource (they do not set the kind). */
  private static final Set<String> ACTIONS =
      Set.of("latest", "stop", "psk_generate", "validate", "download", "telemetry", "directory");

  static Route of(HttpMethod method, String template, Body body) {
    return new Route(method, template, method == HttpMethod.GET ? Scope.READ : Scope.WRITE, body,
        List.of(), Set.of(), false, kindOf(template));
  }

  public Route withQuery(QueryParam... params) {
    List<QueryParam> q = new ArrayList<>(query);
    q.addAll(Arrays.asList(params));
    return new Route(method, template, scope, body, q, headers, streamed, kind);
  }

  public Route withHeaders(String... names) {
    Set<String> h = new LinkedHashSet<>(headers);
    h.addAll(Arrays.asList(names));
    return new Route(method, template, scope, body, query, h, streamed, kind);
  }

  public Route asStream() {
    return new Route(method, template, scope, body, query, headers, true, kind);
  }

  public QueryParam queryParam(String name) {
    for (QueryParam q : query) {
      if (q.name().equals(name)) {
        return q;
      }
    }
    return null;
  }

  /** "METHOD template", as in ENDPOINTS.md. */
  public String key() {
    return method.name() + " " + template;
  }

  /**
   * The last path segment that names a resource: {@code .../sites/{site_id}/lans/{lan_id}} is
   * {@code lans}, {@code .../pcaps/ownership/validate} is {@code ownership}.
   */
  static String kindOf(String template) {
    String kind = "";
    for (String seg : template.split("/")) {
      if (!seg.isEmpty() && !seg.contains("{") && !ACTIONS.contains(seg)) {
        kind = seg;
      }
    }
    return kind;
  }
}
