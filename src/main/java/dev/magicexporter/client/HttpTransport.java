package dev.magicexporter.client;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Plain HTTP to the Cloudflare API for one credential: the base URL, the credential's auth
 * headers (a caller's own auth and hop-by-hop headers are dropped), no redirects (a redirect
 * elsewhere would carry the credential), the connect timeout and the response-head timeout. No
 * budget, retries, metrics or redaction: those are the decorators around it.
 *
 * <p>Bodies are read through {@link BodyPipe}, so a server that stops sending in the middle of a
 * body times out like one that never answers.
 */
public final class HttpTransport implements Transport {
  private static final String USER_AGENT = "magic-exporter";

  /** Headers a caller may not set: credentials, and hop-by-hop ones the client computes. */
  private static final Set<String> DROPPED_HEADERS = Set.of("authorization", "proxy-authorization",
      "cookie", "host", "content-length", "connection", "keep-alive", "transfer-encoding", "te",
      "trailer", "upgrade");

  /**
   * Connections per credential. The request timeout also covers the wait for a pooled
   * connection, so the pool must cover the concurrency pollers reach within the budget.
   */
  private static final int MAX_CONNECTIONS = 16;

  private final ClientOptions options;
  private final Credential credential;
  private final HttpClientAgent http;

  public HttpTransport(Vertx vertx, ClientOptions options, Credential credential) {
    this.options = options;
    this.credential = credential;
    this.http = vertx.createHttpClient(new HttpClientOptions()
            .setDecompressionSupported(true)
            .setKeepAlive(true)
            .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMs())),
        new PoolOptions().setHttp1MaxSize(MAX_CONNECTIONS));
  }

  public Credential credential() {
    return credential;
  }

  @Override
  public Future<RawResponse> send(ApiRequest request) {
    return open(request).compose(r -> {
      BodySink body = BodySink.keep();
      return r.pipeTo(body).map(v -> new RawResponse(r.status(), r.headers(), body.buffer));
    });
  }

  @Override
  public Future<StreamedResponse> open(ApiRequest request) {
    String uri;
    try {
      uri = options.baseUrl() + request.pathAndQuery();
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    RequestOptions ro = new RequestOptions()
        .setMethod(request.method())
        .setAbsoluteURI(uri)
        .setFollowRedirects(false)
        .setConnectTimeout(timeoutMs())
        // Vert.x cancels this timer when the response head arrives; BodyPipe times the body.
        .setIdleTimeout(timeoutMs());
    headersFor(request).forEach(ro::putHeader);
    // Paused in a callback of the response future itself, which runs on the stream's own
    // (duplicated) context as the head arrives: a callback further down the chain may run a task
    // later, after the body and its end were delivered to nobody.
    return http.request(ro)
        .compose(r -> (request.body() == null ? r.send() : r.send(request.body())).map(this::paused));
  }

  /** Runs on the response's context as the head arrives, before any body event is delivered. */
  private StreamedResponse paused(HttpClientResponse resp) {
    resp.pause();
    return new StreamedResponse(resp.statusCode(), resp.headers(), resp, Vertx.currentContext(),
        () -> resp.request().reset(), timeoutMs());
  }

  public Future<Void> close() {
    return http.close();
  }

  private long timeoutMs() {
    return options.requestTimeout().toMillis();
  }

  /** Caller headers minus credentials and hop-by-hop headers, plus this transport's credential. */
  private Map<String, String> headersFor(ApiRequest req) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> h : req.headers().entrySet()) {
      String name = h.getKey().toLowerCase(Locale.ROOT);
      if (!DROPPED_HEADERS.contains(name) && !name.startsWith("x-auth-")) {
        out.put(h.getKey(), h.getValue());
      }
    }
    out.put("User-Agent", USER_AGENT);
    if (req.body() != null && out.keySet().stream().noneMatch(k -> k.equalsIgnoreCase("content-type"))) {
      out.put("Content-Type", "application/json");
    }
    if (credential.isToken()) {
      out.put("Authorization", "Bearer " + credential.apiToken());
    } else {
      out.put("X-Auth-Key", credential.apiKey());
      out.put("X-Auth-Email", credential.email());
    }
    return out;
  }
}
