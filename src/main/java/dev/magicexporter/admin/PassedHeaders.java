package dev.magicexporter.admin;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The upstream response headers an admin caller gets: the body's type and the throttling hints
 * Cloudflare sends. Nothing else (cookies, upstream connection details) is passed on.
 */
final class PassedHeaders {
  static final Set<String> NAMES = Set.of(
      "content-type", "content-disposition", "retry-after", "retry-after-ms", "ratelimit", "ratelimit-policy",
      "x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset");

  private PassedHeaders() {}

  static List<Map.Entry<String, String>> of(MultiMap upstream) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    if (upstream != null) {
      for (Map.Entry<String, String> h : upstream) {
        if (NAMES.contains(h.getKey().toLowerCase(java.util.Locale.ROOT))) {
          out.add(Map.entry(h.getKey(), h.getValue()));
        }
      }
    }
    return out;
  }

  static void copy(List<Map.Entry<String, String>> headers, HttpServerResponse resp) {
    for (Map.Entry<String, String> h : headers) {
      resp.headers().add(h.getKey(), h.getValue());
    }
  }
}
