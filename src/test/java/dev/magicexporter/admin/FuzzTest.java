package dev.magicexporter.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.magicexporter.client.ApiRequest;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Thousands of malformed requests (seeded, so a failure replays): random methods, paths built from
 * the route table and broken, queries, headers and bodies. The admin API must answer every one
 * without a 5xx, and whatever reached the upstream must have passed its route's rules.
 */
class FuzzTest {
  private static final long SEED = 20261125L;
  private static final int REQUESTS = 3000;
  private static final int PARALLEL = 16;
  private static final String[] METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE",
      "PROPFIND", "FOO"};
  private static final String[] JUNK_SEGMENTS = {"", "..", ".", "%00", "%2F", "%ZZ", "%e2%82", "%C3%A9", "a%20b", "%0D%0AX:%20y",
      "latest", "ownership", "{account_id}", "%7Bx%7D", "1e309", "-1", "NaN", "x".repeat(3000), "%25", "+", "~",
      "1700000000.x", "..%2F..%2Fetc", "%F0%9F%92%A9", "%FF%FE"};
  private static final String[] JUNK_VALUES = {"", "true", "false", "TRUE", "1", "0", "-1", "1001", "1e3", "abc",
      "%ZZ", "%00", "+", "9".repeat(80), "1.5", "tcp", "http", "[]"};
  private static final String[] JUNK_BODIES = {"", " ", "{", "}", "[]", "null", "true", "1", "\"s\"", "{}{}",
      "{\"a\":1,\"a\":2}", "{\"name\":\"x\"} trailing", "{\"mtu\":1e999999999}", "{\"mtu\":-0.0}", "\u0000",
      "{\"name\":\"\\ud800\"}", "{\"gre_tunnels\":[[[[[[[]]]]]]]}", "{'a':1}", "{\"a\":NaN}"};

  @Test
  void malformedRequestsNeverGetA5xx() {
    Random rnd = new Random(SEED);
    List<Route> routes = RouteTable.ROUTES;
    try (AdminHarness h = new AdminHarness()) {
      Map<Integer, Integer> statuses = new TreeMap<>();
      List<String> failures = new ArrayList<>();
      for (int done = 0; done < REQUESTS; done += PARALLEL) {
        List<Future<AdminHarness.Resp>> batch = new ArrayList<>();
        List<String> described = new ArrayList<>();
        for (int i = 0; i < PARALLEL; i++) {
          Route route = routes.get(rnd.nextInt(routes.size()));
          HttpMethod method = rnd.nextInt(4) == 0 ? HttpMethod.valueOf(METHODS[rnd.nextInt(METHODS.length)])
              : route.method();
          String uri = uri(rnd, route);
          Map<String, String> headers = headers(rnd);
          Buffer body = body(rnd, route);
          described.add(method + " " + uri + " " + headers.keySet() + " body=" + (body == null ? "-" : body.length()));
          batch.add(h.sendRaw(method, uri, headers, body).recover(t -> Future.succeededFuture(
              new AdminHarness.Resp(-1, io.vertx.core.MultiMap.caseInsensitiveMultiMap(), Buffer.buffer(t.toString())))));
        }
        for (int i = 0; i < batch.size(); i++) {
          AdminHarness.Resp r = AdminHarness.await(batch.get(i));
          statuses.merge(r.status(), 1, Integer::sum);
          if (r.status() >= 500 || r.status() < 0) {
            failures.add(r.status() + " for " + described.get(i) + ": " + r.text());
          }
        }
      }
      assertThat(failures).as("answers with a 5xx (or no answer) among %s", statuses).isEmpty();
      assertThat(statuses.getOrDefault(400, 0)).as("many requests reach validation and are refused").isGreaterThan(REQUESTS / 10);
      assertThat(statuses.getOrDefault(200, 0)).as("some are valid and forwarded").isGreaterThan(0);
      for (ApiRequest sent : h.upstream.requests) {
        Route route = routes.stream().filter(r -> r.method().equals(sent.method())
            && r.template().equals(sent.template())).findFirst().orElseThrow();
        if (sent.body() != null) {
          JsonNode json = RequestParts.json(sent.body());
          assertThat(json).as("forwarded body of %s", route.key()).isNotNull();
          assertThat(Validator.validate(route.body().schema(), json, "", hdr -> "true".equals(sent.headers().get(hdr))))
              .as("forwarded body of %s", route.key()).isEmpty();
        } else {
          assertThat(route.body().mode()).isNotEqualTo(Route.Body.Mode.REQUIRED);
        }
        assertThat(sent.pathParams().get("account_id")).isEqualTo(Samples.ACCOUNT);
      }
    }
  }

  private static String uri(Random rnd, Route route) {
    List<String> segs = new ArrayList<>(List.of(Samples.path(route).substring(1).split("/")));
    switch (rnd.nextInt(6)) {
      case 0 -> segs.set(rnd.nextInt(segs.size()), JUNK_SEGMENTS[rnd.nextInt(JUNK_SEGMENTS.length)]);
      case 1 -> segs.add(rnd.nextInt(segs.size() + 1), JUNK_SEGMENTS[rnd.nextInt(JUNK_SEGMENTS.length)]);
      case 2 -> segs.remove(rnd.nextInt(segs.size()));
      case 3 -> segs.set(1, rnd.nextBoolean() ? "0".repeat(32) : "a".repeat(1 + rnd.nextInt(40)));
      default -> { }
    }
    String base = switch (rnd.nextInt(20)) {
      case 0 -> "/status";
      case 1 -> "/status.html";
      case 2 -> "/client/v4";
      case 3 -> "/";
      default -> AdminApi.BASE + "/" + String.join("/", segs);
    };
    StringBuilder q = new StringBuilder();
    int params = rnd.nextInt(4);
    List<Route.QueryParam> known = route.query();
    for (int i = 0; i < params; i++) {
      q.append(i == 0 ? "?" : rnd.nextInt(10) == 0 ? "&&" : "&");
      String key = !known.isEmpty() && rnd.nextBoolean() ? known.get(rnd.nextInt(known.size())).name()
          : rnd.nextBoolean() ? "validate_only" : JUNK_VALUES[rnd.nextInt(JUNK_VALUES.length)];
      q.append(key);
      if (rnd.nextInt(5) > 0) {
        q.append('=').append(JUNK_VALUES[rnd.nextInt(JUNK_VALUES.length)]);
      }
    }
    if (params == 0 && rnd.nextBoolean()) {
      String valid = Samples.query(route);
      q.append(valid.isEmpty() ? "" : "?" + valid);
    }
    return base + q;
  }

  private static Map<String, String> headers(Random rnd) {
    Map<String, String> h = new LinkedHashMap<>();
    switch (rnd.nextInt(10)) {
      case 0 -> { }
      case 1 -> h.put("Authorization", "Bearer " + AdminHarness.READ_TOKEN);
      case 2 -> h.put("Authorization", rnd.nextBoolean() ? "Basic !!!" : "Bearer");
      default -> h.put("Authorization", "Bearer " + AdminHarness.WRITE_TOKEN);
    }
    if (rnd.nextInt(3) == 0) {
      h.put(ResourceRules.HC_TARGET_HEADER, JUNK_VALUES[rnd.nextInt(JUNK_VALUES.length)]);
    }
    if (rnd.nextInt(4) == 0) {
      h.put("Content-Type", rnd.nextBoolean() ? "application/json" : "text/plain; charset=x");
    }
    if (rnd.nextInt(4) == 0) {
      h.put("X-Auth-Key", "k");
    }
    if (rnd.nextInt(8) == 0) {
      h.put("Content-Encoding", "gzip");
    }
    return h;
  }

  private static Buffer body(Random rnd, Route route) {
    int kind = rnd.nextInt(6);
    if (kind == 0) {
      return null;
    }
    if (kind == 1) {
      return Buffer.buffer(JUNK_BODIES[rnd.nextInt(JUNK_BODIES.length)]);
    }
    if (kind == 2) {
      byte[] b = new byte[rnd.nextInt(200)];
      rnd.nextBytes(b);
      return Buffer.buffer(b);
    }
    if (kind == 3) {
      return Buffer.buffer("[".repeat(2000) + "]".repeat(2000));
    }
    JsonNode sample = route.body().mode() == Route.Body.Mode.NONE ? Samples.F.objectNode().put("x", 1)
        : Samples.body(route);
    if (kind == 4 && sample.isObject() && sample.size() > 0) {
      List<String> names = new ArrayList<>();
      sample.fieldNames().forEachRemaining(names::add);
      String field = names.get(rnd.nextInt(names.size()));
      JsonNode junk = switch (rnd.nextInt(6)) {
        case 0 -> Samples.F.nullNode();
        case 1 -> Samples.F.textNode(JUNK_VALUES[rnd.nextInt(JUNK_VALUES.length)]);
        case 2 -> Samples.F.numberNode(new java.math.BigDecimal("1e400"));
        case 3 -> Samples.F.arrayNode().add(Samples.F.objectNode());
        case 4 -> Samples.F.booleanNode(rnd.nextBoolean());
        default -> Samples.F.numberNode(rnd.nextLong());
      };
      ((com.fasterxml.jackson.databind.node.ObjectNode) sample).set(field, junk);
    }
    String text = sample.toString();
    if (rnd.nextInt(4) == 0 && text.length() > 2) {
      text = text.substring(0, rnd.nextInt(text.length()));
    }
    return Buffer.buffer(text.getBytes(StandardCharsets.UTF_8));
  }
}
