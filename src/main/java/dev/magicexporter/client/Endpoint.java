package dev.magicexporter.client;

import io.vertx.core.http.HttpMethod;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of the endpoint table ({@link Endpoints}): what is asked and how. {@code source} names
 * the data the endpoint feeds in self-metrics and logs ({@code gre_tunnels}, {@code snapshots});
 * the path template labels the client's request metrics; the priority is the endpoint's place in
 * the request budget; {@code headers} are sent with every request of the endpoint.
 */
public record Endpoint(String source, HttpMethod method, String template, Priority priority,
    Map<String, String> headers) {

  public Endpoint {
    headers = Map.copyOf(headers);
  }

  public static Endpoint get(String source, String template, Priority priority) {
    return new Endpoint(source, HttpMethod.GET, template, priority, Map.of());
  }

  public static Endpoint post(String source, String template, Priority priority) {
    return new Endpoint(source, HttpMethod.POST, template, priority, Map.of());
  }

  public Endpoint withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new Endpoint(source, method, template, priority, h);
  }

  /** A request for this endpoint; {@code path} alternates parameter names and values. */
  public ApiRequest request(String... path) {
    if (path.length % 2 != 0) {
      throw new IllegalArgumentException("path parameters come in name/value pairs");
    }
    ApiRequest r = ApiRequest.of(method, template).withPriority(priority);
    for (int i = 0; i < path.length; i += 2) {
      r = r.withPath(path[i], path[i + 1]);
    }
    for (Map.Entry<String, String> h : headers.entrySet()) {
      r = r.withHeader(h.getKey(), h.getValue());
    }
    return r;
  }
}
