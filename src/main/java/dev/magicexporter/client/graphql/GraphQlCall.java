package dev.magicexporter.client.graphql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.magicexporter.client.ApiException;
import dev.magicexporter.client.ApiRequest;
import dev.magicexporter.client.Json;
import dev.magicexporter.client.RawResponse;
import dev.magicexporter.model.ApiMessage;
import dev.magicexporter.model.analytics.AnalyticsAnswer;
import dev.magicexporter.model.analytics.DatasetLimits;
import dev.magicexporter.model.analytics.FeedQuery;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The GraphQL Analytics API over any transport that sends an {@link ApiRequest} and returns the
 * raw answer (the client's budget, retries and redaction apply there): {@code POST {base_url}/graphql}
 * with the same credential as the REST API and a JSON body. HTTP 200 is read as a GraphQL envelope
 * ({@link AnalyticsResponseDecoder}); any other status fails the whole request typed like the REST
 * calls (401/403 with the "Account Analytics Read" hint, 429, 5xx, other 4xx), with the messages of
 * a GraphQL or v4 error list when the body has one.
 */
public final class GraphQlCall {
  /** The endpoint's path template, relative to the base URL. */
  public static final String PATH = "/graphql";

  private GraphQlCall() {}

  /** One request carrying {@code queries} for one account. */
  public static Future<AnalyticsAnswer> analytics(Function<ApiRequest, Future<RawResponse>> send, String accountId,
      List<FeedQuery> queries) {
    ApiRequest req;
    try {
      req = request(AnalyticsQueryBuilder.body(accountId, queries));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return send.apply(req).map(r -> AnalyticsResponseDecoder.decode(checked(r), bytes(r), queries));
  }

  /** The node limits of {@code datasets} for one account. */
  public static Future<Map<String, DatasetLimits>> datasetLimits(Function<ApiRequest, Future<RawResponse>> send,
      String accountId, List<String> datasets) {
    ApiRequest req = request(AnalyticsQueryBuilder.settingsBody(accountId, datasets));
    return send.apply(req).map(r -> AnalyticsResponseDecoder.decodeSettings(checked(r), bytes(r), datasets));
  }

  /** The request; the body is serialised here so the transport only moves bytes. */
  public static ApiRequest request(Map<String, Object> body) {
    try {
      return ApiRequest.of(HttpMethod.POST, PATH).withBody(Buffer.buffer(Json.MAPPER.writeValueAsBytes(body)));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("GraphQL body cannot be written", e);
    }
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
