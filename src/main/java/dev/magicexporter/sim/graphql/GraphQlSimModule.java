package dev.magicexporter.sim.graphql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.magicexporter.client.Json;
import dev.magicexporter.sim.SimContext;
import dev.magicexporter.sim.SimModule;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /client/v4/graphql}: Cloudflare's GraphQL Analytics API for the Magic Transit
 * datasets of the simulated accounts (see {@link GraphQlExecutor} for what is answered and how,
 * {@link AnalyticsSimWorld} for the data, the quota and the faults on demand). The body is
 * {@code {"query": "...", "variables": {...}, "operationName": "..."}}; GraphQL errors come back
 * as HTTP 200 with an {@code errors} array, a body that is not such a JSON object as HTTP 400.
 * Authentication, the REST rate limit and the drawn faults of the simulator apply before this.
 */
public final class GraphQlSimModule implements SimModule {
  /** Largest request body read; analytics queries are a few kilobytes. */
  static final int MAX_BODY = 64 * 1024;

  private AnalyticsSimWorld analytics;

  /** Serves the analytics of the simulator's shared world ({@link AnalyticsSimWorld#of}). */
  public GraphQlSimModule() {
    this(null);
  }

  /** Serves {@code analytics} (tests that hold the world). */
  public GraphQlSimModule(AnalyticsSimWorld analytics) {
    this.analytics = analytics;
  }

  @Override
  public void mount(Router router, SimContext ctx) {
    if (analytics == null) {
      analytics = AnalyticsSimWorld.of(ctx.world());
    }
    GraphQlExecutor executor = new GraphQlExecutor(analytics, ctx::knowsAccount);
    router.post("/graphql")
        .handler(BodyHandler.create(false).setBodyLimit(MAX_BODY))
        .handler(rc -> handle(rc, ctx, executor));
  }

  private static void handle(RoutingContext rc, SimContext ctx, GraphQlExecutor executor) {
    Map<String, Object> body;
    try {
      body = rc.body() == null || rc.body().buffer() == null ? null
          : Json.MAPPER.readValue(rc.body().buffer().getBytes(), new TypeReference<Map<String, Object>>() {});
    } catch (JsonProcessingException e) {
      badRequest(rc, ctx, "the body must be a JSON object with a \"query\" string");
      return;
    } catch (java.io.IOException e) {
      badRequest(rc, ctx, "the body could not be read");
      return;
    }
    if (body == null || !(body.get("query") instanceof String query)) {
      badRequest(rc, ctx, "the body must be a JSON object with a \"query\" string");
      return;
    }
    Object vars = body.get("variables");
    if (vars != null && !(vars instanceof Map<?, ?>)) {
      badRequest(rc, ctx, "\"variables\" must be an object");
      return;
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> variables = (Map<String, Object>) vars;
    Object op = body.get("operationName");
    ctx.send(rc, 200, executor.execute(query, variables, op instanceof String s ? s : null));
  }

  private static void badRequest(RoutingContext rc, SimContext ctx, String message) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("data", null);
    out.put("errors", List.of(Map.of("message", message)));
    ctx.send(rc, 400, out);
  }
}
