package dev.magicexporter.client.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import dev.magicexporter.client.ApiException;
import dev.magicexporter.client.Json;
import dev.magicexporter.model.analytics.AnalyticsAnswer;
import dev.magicexporter.model.analytics.AnalyticsFeed;
import dev.magicexporter.model.analytics.AnalyticsGroup;
import dev.magicexporter.model.analytics.DatasetLimits;
import dev.magicexporter.model.analytics.FeedAnswer;
import dev.magicexporter.model.analytics.FeedQuery;
import dev.magicexporter.model.analytics.GraphQlError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a GraphQL response ({@code {"data": ..., "errors": null | [...]}}) into one answer per
 * feed asked. An error whose {@code path} names a feed's alias
 * ({@code ["viewer","accounts","0","<alias>",...]}) belongs to that feed; any other error belongs
 * to the request. A feed whose node holds a list succeeded; a feed without a list failed with its
 * own errors, or else with the request's errors (a refused document, an exhausted quota). A body
 * that is not such an object at all is {@link ApiException.Malformed}.
 */
public final class AnalyticsResponseDecoder {
  private AnalyticsResponseDecoder() {}

  /** The envelope's JSON object, or Malformed. */
  private static JsonNode root(int status, byte[] body) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(body);
    } catch (IOException e) {
      throw new ApiException.Malformed(status, "GraphQL response is not JSON", e);
    }
    if (root == null || !root.isObject()) {
      throw new ApiException.Malformed(status, "GraphQL response is not a JSON object", null);
    }
    return root;
  }

  public static AnalyticsAnswer decode(int status, byte[] body, List<FeedQuery> queries) {
    JsonNode root = root(status, body);
    JsonNode errorsNode = root.get("errors");
    if (errorsNode != null && !errorsNode.isNull() && !errorsNode.isArray()) {
      throw new ApiException.Malformed(status, "GraphQL \"errors\" is not an array", null);
    }
    JsonNode data = root.get("data");
    if (data != null && !data.isNull() && !data.isObject()) {
      throw new ApiException.Malformed(status, "GraphQL \"data\" is not an object", null);
    }
    if ((data == null || data.isNull()) && (errorsNode == null || errorsNode.isNull() || errorsNode.isEmpty())) {
      throw new ApiException.Malformed(status, "GraphQL response has neither data nor errors", null);
    }
    List<GraphQlError> global = new ArrayList<>();
    Map<AnalyticsFeed, List<GraphQlError>> own = new EnumMap<>(AnalyticsFeed.class);
    if (errorsNode != null && errorsNode.isArray()) {
      for (JsonNode e : errorsNode) {
        GraphQlError err = error(e);
        AnalyticsFeed f = aliasOf(err.path(), queries);
        if (f == null) {
          global.add(err);
        } else {
          own.computeIfAbsent(f, k -> new ArrayList<>()).add(err);
        }
      }
    }
    JsonNode account = data == null ? null : data.path("viewer").path("accounts").path(0);
    Map<AnalyticsFeed, FeedAnswer> out = new EnumMap<>(AnalyticsFeed.class);
    for (FeedQuery q : queries) {
      AnalyticsFeed feed = q.feed();
      JsonNode node = account == null ? null : account.get(feed.id());
      if (own.containsKey(feed)) {
        out.put(feed, FeedAnswer.failed(own.get(feed)));
      } else if (node != null && node.isArray()) {
        out.put(feed, FeedAnswer.ok(groups(status, feed, node)));
      } else if (!global.isEmpty()) {
        out.put(feed, FeedAnswer.failed(global));
      } else if (node != null && !node.isNull()) {
        throw new ApiException.Malformed(status, "GraphQL node " + feed.id() + " is not a list", null);
      } else if (!own.isEmpty()) {
        out.put(feed, FeedAnswer.collateral("not answered: the request was refused for an error of "
            + own.keySet().iterator().next().id()));
      } else {
        out.put(feed, FeedAnswer.failed(List.of(new GraphQlError("the response has no data for " + feed.id()
            + " and no error", List.of()))));
      }
    }
    return new AnalyticsAnswer(out);
  }

  /**
   * Reads the answer to {@link AnalyticsQueryBuilder#settingsBody}: the limits of every dataset
   * the settings node reported as enabled with numbers; a dataset it did not report is absent.
   * Errors of the whole request fail it ({@link GraphQlErrors#exception}).
   */
  public static Map<String, DatasetLimits> decodeSettings(int status, byte[] body, List<String> datasets) {
    JsonNode root = root(status, body);
    JsonNode settings = root.path("data").path("viewer").path("accounts").path(0).path("settings");
    Map<String, DatasetLimits> out = new java.util.LinkedHashMap<>();
    for (String d : datasets) {
      JsonNode n = settings.get(d);
      if (n != null && n.isObject() && n.path("notOlderThan").canConvertToLong()
          && n.path("maxDuration").canConvertToLong() && n.path("maxPageSize").canConvertToInt()
          && n.path("notOlderThan").isNumber() && !n.path("enabled").asText("true").equals("false")) {
        out.put(d, new DatasetLimits(n.get("notOlderThan").asLong(), n.get("maxDuration").asLong(),
            n.get("maxPageSize").asInt()));
      }
    }
    JsonNode errors = root.get("errors");
    if (out.isEmpty() && errors != null && errors.isArray() && !errors.isEmpty()) {
      List<GraphQlError> list = new ArrayList<>();
      errors.forEach(e -> list.add(error(e)));
      throw GraphQlErrors.exception(list);
    }
    return out;
  }

  private static GraphQlError error(JsonNode e) {
    String message = e.path("message").isTextual() ? e.get("message").asText() : String.valueOf(e.get("message"));
    List<String> path = new ArrayList<>();
    for (JsonNode p : e.path("path")) {
      path.add(p.asText());
    }
    return new GraphQlError(message, path);
  }

  private static AnalyticsFeed aliasOf(List<String> path, List<FeedQuery> queries) {
    if (path.size() < 4 || !path.get(0).equals("viewer") || !path.get(1).equals("accounts")) {
      return null;
    }
    for (FeedQuery q : queries) {
      if (q.feed().id().equals(path.get(3))) {
        return q.feed();
      }
    }
    return null;
  }

  private static List<AnalyticsGroup> groups(int status, AnalyticsFeed feed, JsonNode node) {
    List<AnalyticsGroup> out = new ArrayList<>(node.size());
    for (JsonNode g : node) {
      if (!g.isObject()) {
        throw new ApiException.Malformed(status, "a group of " + feed.id() + " is not an object", null);
      }
      List<String> dims = new ArrayList<>();
      JsonNode d = g.path("dimensions");
      for (String name : feed.dimensions()) {
        JsonNode v = d.get(name);
        dims.add(v == null || v.isNull() ? "" : v.isValueNode() ? v.asText() : v.toString());
      }
      List<Double> values = new ArrayList<>();
      for (String a : feed.aggregates()) {
        JsonNode v = a.equals("count") ? g.get("count") : g.path(a.substring(0, a.indexOf('.')))
            .get(a.substring(a.indexOf('.') + 1));
        values.add(number(status, feed, a, v));
      }
      out.add(new AnalyticsGroup(dims, values));
    }
    return out;
  }

  private static double number(int status, AnalyticsFeed feed, String aggregate, JsonNode v) {
    if (v == null || v.isNull()) {
      return Double.NaN;
    }
    if (v.isNumber()) {
      return v.asDouble();
    }
    if (v.isTextual()) {
      // uint64 fields may come as strings; accept a plain number, refuse anything else
      try {
        return Double.parseDouble(v.asText());
      } catch (NumberFormatException e) {
        throw new ApiException.Malformed(status, feed.id() + " " + aggregate + " is not a number", e);
      }
    }
    throw new ApiException.Malformed(status, feed.id() + " " + aggregate + " is not a number", null);
  }
}
