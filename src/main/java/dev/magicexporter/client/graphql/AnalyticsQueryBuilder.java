package dev.magicexporter.client.graphql;

import dev.magicexporter.model.analytics.AnalyticsFeed;
import dev.magicexporter.model.analytics.FeedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds one account-scoped GraphQL request that carries several feeds, each as a dataset node
 * under its own alias (the feed id) with its own time window, following the shape of Cloudflare's
 * tutorials:
 *
 * <pre>{@code
 * query MagicExporterAnalytics($accountTag: string!, $tunnel_traffic_start: Time!, $tunnel_traffic_end: Time!) {
 *   viewer {
 *     accounts(filter: {accountTag: $accountTag}) {
 *       tunnel_traffic: magicTransitTunnelTrafficAdaptiveGroups(limit: 10000,
 *           filter: {datetime_geq: $tunnel_traffic_start, datetime_lt: $tunnel_traffic_end}) {
 *         sum { bits packets }
 *         dimensions { tunnelName direction onRamp offRamp }
 *       }
 *     }
 *   }
 * }
 * }</pre>
 *
 * Every selected field comes from {@link AnalyticsFeed}; values are sent as variables, never
 * spliced into the document.
 */
public final class AnalyticsQueryBuilder {
  /** The operation name, so the request is recognisable in Cloudflare's logs. */
  public static final String OPERATION = "MagicExporterAnalytics";

  private AnalyticsQueryBuilder() {}

  /** The request body: {@code {"query": ..., "variables": ..., "operationName": ...}}. */
  public static Map<String, Object> body(String accountId, List<FeedQuery> queries) {
    if (queries.isEmpty()) {
      throw new IllegalArgumentException("a request needs at least one feed");
    }
    StringBuilder q = new StringBuilder("query ").append(OPERATION).append("($accountTag: string!");
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("accountTag", accountId);
    for (FeedQuery f : queries) {
      String id = f.feed().id();
      q.append(", $").append(id).append("_start: Time!, $").append(id).append("_end: Time!");
      vars.put(id + "_start", Instant.ofEpochSecond(f.window().start()).toString());
      vars.put(id + "_end", Instant.ofEpochSecond(f.window().end()).toString());
    }
    q.append(") {\n  viewer {\n    accounts(filter: {accountTag: $accountTag}) {\n");
    List<String> aliases = new ArrayList<>();
    for (FeedQuery f : queries) {
      if (aliases.contains(f.feed().id())) {
        throw new IllegalArgumentException("feed " + f.feed().id() + " asked twice in one request");
      }
      aliases.add(f.feed().id());
      node(q, f);
    }
    q.append("    }\n  }\n}\n");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("query", q.toString());
    body.put("variables", vars);
    body.put("operationName", OPERATION);
    return body;
  }

  /**
   * A request for the node limits of {@code datasets} (the {@code settings} node; it reads no
   * dataset, so it takes nothing from the quota's dataset nodes).
   */
  public static Map<String, Object> settingsBody(String accountId, List<String> datasets) {
    StringBuilder q = new StringBuilder("query ").append(OPERATION).append("Settings($accountTag: string!) {\n")
        .append("  viewer {\n    accounts(filter: {accountTag: $accountTag}) {\n      settings {\n");
    for (String d : datasets) {
      q.append("        ").append(d).append(" { enabled notOlderThan maxDuration maxPageSize }\n");
    }
    q.append("      }\n    }\n  }\n}\n");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("query", q.toString());
    body.put("variables", Map.of("accountTag", accountId));
    body.put("operationName", OPERATION + "Settings");
    return body;
  }

  private static void node(StringBuilder q, FeedQuery f) {
    AnalyticsFeed feed = f.feed();
    String id = feed.id();
    q.append("      ").append(id).append(": ").append(feed.dataset()).append("(limit: ").append(f.limit())
        .append(", filter: {datetime_geq: $").append(id).append("_start, datetime_lt: $").append(id)
        .append("_end}) {\n");
    Map<String, List<String>> groups = new LinkedHashMap<>();
    for (String a : feed.aggregates()) {
      if (a.equals("count")) {
        groups.put("count", List.of());
      } else {
        int dot = a.indexOf('.');
        groups.computeIfAbsent(a.substring(0, dot), k -> new ArrayList<>()).add(a.substring(dot + 1));
      }
    }
    groups.forEach((group, fields) -> {
      q.append("        ").append(group);
      if (!fields.isEmpty()) {
        q.append(" { ").append(String.join(" ", fields)).append(" }");
      }
      q.append('\n');
    });
    q.append("        dimensions { ").append(String.join(" ", feed.dimensions())).append(" }\n");
    q.append("      }\n");
  }
}
