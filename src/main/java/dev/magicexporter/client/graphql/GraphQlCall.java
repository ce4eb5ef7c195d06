package dev.magicexporter.client.graphql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.magicexporter.client.ApiException;
import dev.magicexporter.client.ApiRequest;
import dev.magicexporter.client.Json;
import dev.magicexporter.client.RawResponse;
import dev.magicexporter.client.ResponseReader;
import dev.magicexporter.model.ApiMessage;
import dev.magicexporter.model.analytics.AnalyticsAnswer;
import dev.magicexporter.model.analytics.DatasetLimits;
import dev.magicexporter.model.analytics.FeedQuery;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How the GraphQL Analytics API is asked and read, for {@code CloudflareApi}'s two GraphQL methods:
 * {@code POST {base_url}/graphql} with the same credential as the REST API and a JSON body, sent
 * through the credential's transport (budget, retries, redaction, self-metrics). HTTP 200 is read
 * as a GraphQL envelope ({@link AnalyticsResponseDecoder}); any other status fails the whole
 * request typed like the REST calls (401/403 with the "Account Analytics Read" hint, 429, 5xx,
 * other 4xx), with the messages of a GraphQL or v4 error list when the body has one.
 */
public final class GraphQlCall {
  /** The endpoint's path template, relative to the base URL. */
  public static final String PATH = "/graphql";

  private GraphQlCall() {}

  /** {@code base} (the endpoint's request) carrying {@code body}, serialised here so the transport only moves bytes. */
  public static ApiRequest withBody(ApiRequest base, Map<String, Object> body) {
    try {
      return base.withBody(Buffer.buffer(Json.MAPPER.writeValueAsBytes(body)));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("GraphQL body cannot be written", e);
    }
  }

  /** The body of one request carrying {@code queries} for one account. */
  public static Map<String, Object> analyticsBody(String accountId, List<FeedQuery> queries) {
    return AnalyticsQueryBuilder.body(accountId, queries);
  }

  /** The body asking the node limits of {@code datasets} for one account. */
  public static Map<String, Object> limitsBody(String accountId, List<String> datasets) {
    return AnalyticsQueryBuilder.settingsBody(accountId, datasets);
  }

  /** Reads the answer to {@link #analyticsBody}. */
  public static ResponseReader<AnalyticsAnswer> analyticsReader(List<FeedQuery> queries) {
    return (req, r) -> AnalyticsResponseDecoder.decode(checked(r), bytes(r), queries);
  }

  /** Reads the answer to {@link #limitsBody}. */
  public static ResponseReader<Map<String, DatasetLimits>> limitsReader(List<String> datasets) {
    return (req, r) -> AnalyticsResponseDecoder.decodeSettings(checked(r), bytes(r), datasets);
  }

  private static byte[] bytes(RawResponse r) {
    return r.body() == null ? new byte[0] : r.body().getBytes();
  }

  /** The status when it is 200; otherwise the typed failure of the whole request. */
  private static int checked(RawResponse r) {
    int s = r.status();
    if (s == 200) {
      return s;
    }
    List<ApiMessage> errors = messages(bytes(r));
    if (s == 401 || s == 403) {
      throw new ApiException.Authentication(s, errors, GraphQlErrors.PERMISSION);
    }
    if (s == 429) {
      String after = r.headers() == null ? null : r.headers().get("Retry-After");
      long millis = -1;
      try {
        millis = after == null ? -1 : Math.round(Double.parseDouble(after) * 1000);
      } catch (NumberFormatException ignored) {
        // an HTTP date or garbage: no hint
      }
      throw new ApiException.Throttled(errors, millis);
    }
    if (s >= 500) {
      throw new ApiException.Server(s, errors);
    }
    throw new ApiException.Validation(s, errors);
  }

  /** The messages of a GraphQL ({@code errors[].message}) or v4 ({@code errors[].code/message}) error list. */
  private static List<ApiMessage> messages(byte[] body) {
    List<ApiMessage> out = new ArrayList<>();
    try {
      JsonNode root = Json.MAPPER.readTree(body);
      if (root != null) {
        for (JsonNode e : root.path("errors")) {
          out.add(new ApiMessage(e.path("code").asInt(0), e.path("message").asText(""), null));
        }
      }
    } catch (IOException e) {
      // not JSON (an HTML error page): the status says enough
    }
    return out;
  }
}
