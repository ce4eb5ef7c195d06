package dev.magicexporter.client;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Cloudflare v4 call, described by its path template (e.g.
 * {@code /accounts/{account_id}/magic/gre_tunnels}) so that self-metrics are labelled by
 * template, never by concrete ids. Immutable; the {@code with...} methods return copies.
 */
public record ApiRequest(
    HttpMethod method,
    String template,
    Map<String, String> pathParams,
    List<Map.Entry<String, String>> query,
    Buffer body,
    Map<String, String> headers,
    Priority priority) {

  private static final Pattern PARAM = Pattern.compile("\\{([a-z_]+)}");

  public ApiRequest {
    pathParams = Map.copyOf(pathParams);
    query = List.copyOf(query);
    headers = Map.copyOf(headers);
  }

  public static ApiRequest get(String template) {
    return of(HttpMethod.GET, template);
  }

  public static ApiRequest of(HttpMethod method, String template) {
    return new ApiRequest(method, template, Map.of(), List.of(), null, Map.of(), Priority.INVENTORY);
  }

  public ApiRequest withPath(String name, String value) {
    Map<String, String> p = new LinkedHashMap<>(pathParams);
    p.put(name, value);
    return new ApiRequest(method, template, p, query, body, headers, priority);
  }

  /** Adds a query parameter; numbers should be passed already formatted as plain decimals. */
  public ApiRequest withQuery(String name, String value) {
    List<Map.Entry<String, String>> q = new ArrayList<>(query);
    q.add(Map.entry(name, value));
    return new ApiRequest(method, template, pathParams, q, body, headers, priority);
  }

  /** Replaces every value of a query parameter (used by pagers for page and cursor). */
  public ApiRequest replaceQuery(String name, String value) {
    List<Map.Entry<String, String>> q = new ArrayList<>();
    for (Map.Entry<String, String> e : query) {
      if (!e.getKey().equals(name)) {
        q.add(e);
      }
    }
    if (value != null) {
      q.add(Map.entry(name, value));
    }
    return new ApiRequest(method, template, pathParams, q, body, headers, priority);
  }

  public ApiRequest withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new ApiRequest(method, template, pathParams, query, body, h, priority);
  }

  public ApiRequest withBody(Buffer json) {
    return new ApiRequest(method, template, pathParams, query, json, headers, priority);
  }

  public ApiRequest withPriority(Priority p) {
    return new ApiRequest(method, template, pathParams, query, body, headers, p);
  }

  /** The concrete path: template with every parameter URL-encoded; fails on a missing one. */
  public String path() {
    Matcher m = PARAM.matcher(template);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String v = pathParams.get(m.group(1));
      if (v == null) {
        throw new IllegalArgumentException("missing path parameter " + m.group(1) + " for " + template);
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(encode(v)));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** Path plus query string, as sent on the wire (relative to the base URL). */
  public String pathAndQuery() {
    if (query.isEmpty()) {
      return path();
    }
    StringBuilder sb = new StringBuilder(path()).append('?');
    for (int i = 0; i < query.size(); i++) {
      if (i > 0) {
        sb.append('&');
      }
      sb.append(encode(query.get(i).getKey())).append('=').append(encode(query.get(i).getValue()));
    }
    return sb.toString();
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * Formats a number for a path or query: plain decimal, never {@code 1.7E9}, and the shortest
   * digits that read back as {@code v} (0.1 stays "0.1", not its exact binary expansion).
   */
  public static String decimal(double v) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException("not a finite number: " + v);
    }
    if (v == Math.rint(v) && Math.abs(v) < 9.0e15) {
      return Long.toString((long) v);
    }
    return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }
}
