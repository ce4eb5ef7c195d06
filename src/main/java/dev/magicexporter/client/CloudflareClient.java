package dev.magicexporter.client;

import dev.magicexporter.model.CursorPage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The Cloudflare v4 client for one credential: auth headers, the envelope, typed errors and both
 * paging styles. Non-blocking; every method returns a Future that fails with an
 * {@link ApiException}.
 */
public class CloudflareClient {
  protected final Vertx vertx;
  protected final ClientOptions options;
  protected final Credential credential;
  protected final WebClient web;
  private final io.vertx.core.http.HttpClientAgent http;

  public CloudflareClient(Vertx vertx, ClientOptions options, Credential credential) {
    this.vertx = vertx;
    this.options = options;
    this.credential = credential;
    this.http = vertx.createHttpClient(new io.vertx.core.http.HttpClientOptions()
        .setDecompressionSupported(true).setKeepAlive(true));
    this.web = WebClient.wrap(http, new WebClientOptions().setUserAgent("magic-exporter"));
  }

  public ClientOptions options() {
    return options;
  }

  public Credential credential() {
    return credential;
  }

  /** Sends one request and decodes its envelope; non-2xx and {@code success:false} fail typed. */
  public <T> Future<ApiResponse<T>> send(ApiRequest req, ResultDecoder<T> decoder) {
    return exchange(req).map(resp -> decodeResponse(resp, decoder));
  }

  /** Every page of a {@code page}/{@code per_page} list, concatenated. */
  public <T> Future<List<T>> listAllPages(ApiRequest req, ResultDecoder<List<T>> items, int perPage) {
    List<T> all = new ArrayList<>();
    return nextPage(req.replaceQuery("per_page", Integer.toString(perPage)), items, 1, all).map(v -> all);
  }

  private <T> Future<Void> nextPage(ApiRequest req, ResultDecoder<List<T>> items, int page, List<T> acc) {
    if (page > options.maxPages()) {
      return Future.failedFuture(new ApiException.Malformed(200,
          "paging did not end after " + options.maxPages() + " pages of " + req.template(), null));
    }
    return send(req.replaceQuery("page", Integer.toString(page)), items).compose(r -> {
      List<T> got = r.result() == null ? List.of() : r.result();
      acc.addAll(got);
      Integer total = r.resultInfo() == null ? null : r.resultInfo().totalPages();
      if (got.isEmpty() || (total != null && page >= total) || (total == null && r.resultInfo() == null)) {
        return Future.succeededFuture();
      }
      return nextPage(req, items, page + 1, acc);
    });
  }

  /**
   * Pages a telemetry list through its cursor, handing each page to {@code onPage} in order; the
   * next page is requested only after {@code onPage}'s future completes, so a consumer can
   * checkpoint page by page. A cursor that repeats fails instead of looping.
   */
  public <T> Future<Void> forEachCursorPage(
      ApiRequest req, ResultDecoder<CursorPage<T>> decoder, Function<CursorPage<T>, Future<Void>> onPage) {
    return cursorStep(req, decoder, onPage, null, new java.util.HashSet<>(), 0);
  }

  private <T> Future<Void> cursorStep(ApiRequest req, ResultDecoder<CursorPage<T>> decoder,
      Function<CursorPage<T>, Future<Void>> onPage, String cursor, java.util.Set<String> seen, int pages) {
    if (pages >= options.maxPages()) {
      return Future.failedFuture(new ApiException.Malformed(200,
          "cursor paging did not end after " + pages + " pages of " + req.template(), null));
    }
    return send(req.replaceQuery("cursor", cursor), decoder).compose(r -> {
      CursorPage<T> page = r.result();
      if (page == null) {
        return Future.failedFuture(new ApiException.Malformed(r.status(), "telemetry list without result", null));
      }
      return onPage.apply(page).compose(v -> {
        String next = page.cursor();
        if (next == null) {
          return Future.succeededFuture();
        }
        if (!seen.add(next)) {
          return Future.failedFuture(new ApiException.Malformed(r.status(),
              "cursor repeated after " + (pages + 1) + " pages of " + req.template(), null));
        }
        return cursorStep(req, decoder, onPage, next, seen, pages + 1);
      });
    });
  }

  /**
   * Sends one request and returns the upstream answer as is, whatever its status; fails only
   * with {@link ApiException.Network} when no response came.
   */
  public Future<RawResponse> sendRaw(ApiRequest req) {
    return exchange(req).map(r -> new RawResponse(r.statusCode(), r.headers(),
        r.body() == null ? Buffer.buffer() : r.body()));
  }

  /**
   * Streams a response body (the binary PCAP download) into the sink that {@code onHead} returns
   * for the response's status and headers, with backpressure and without holding the body in
   * memory. On failure the sink is not ended, so the caller can abort it.
   */
  public Future<Void> pipe(ApiRequest req, java.util.function.Function<ResponseHead, io.vertx.core.streams.WriteStream<Buffer>> onHead) {
    io.vertx.core.http.RequestOptions ro = new io.vertx.core.http.RequestOptions()
        .setMethod(req.method())
        .setAbsoluteURI(options.baseUrl() + req.pathAndQuery())
        .setIdleTimeout(options.requestTimeout().toMillis());
    authHeaders().forEach(ro::putHeader);
    return http.request(ro)
        .compose(r -> r.send())
        .recover(t -> Future.failedFuture(networkError(t)))
        .compose(resp -> {
          io.vertx.core.streams.WriteStream<Buffer> sink = onHead.apply(new ResponseHead(resp.statusCode(), resp.headers()));
          return resp.pipe().endOnFailure(false).to(sink);
        });
  }

  private Map<String, String> authHeaders() {
    if (credential.isToken()) {
      return Map.of("Authorization", "Bearer " + credential.apiToken());
    }
    return Map.of("X-Auth-Key", credential.apiKey(), "X-Auth-Email", credential.email());
  }

  /** One HTTP exchange with auth; network failures become {@link ApiException.Network}. */
  protected Future<HttpResponse<Buffer>> exchange(ApiRequest req) {
    HttpRequest<Buffer> http = web.requestAbs(req.method(), options.baseUrl() + req.pathAndQuery())
        .timeout(options.requestTimeout().toMillis());
    applyAuth(http);
    for (Map.Entry<String, String> h : req.headers().entrySet()) {
      http.putHeader(h.getKey(), h.getValue());
    }
    Future<HttpResponse<Buffer>> f;
    if (req.body() != null) {
      http.putHeader(HttpHeaders.CONTENT_TYPE.toString(), "application/json");
      f = http.sendBuffer(req.body());
    } else {
      f = http.send();
    }
    return f.recover(t -> Future.failedFuture(networkError(t)));
  }

  protected void applyAuth(HttpRequest<Buffer> http) {
    if (credential.isToken()) {
      http.putHeader("Authorization", "Bearer " + credential.apiToken());
    } else {
      http.putHeader("X-Auth-Key", credential.apiKey());
      http.putHeader("X-Auth-Email", credential.email());
    }
  }

  protected static ApiException networkError(Throwable t) {
    if (t instanceof ApiException a) {
      return a;
    }
    boolean timeout = t instanceof java.util.concurrent.TimeoutException
        || t.getClass().getSimpleName().contains("Timeout");
    return new ApiException.Network(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage(), timeout, t);
  }

  /** Maps status and envelope to a result or a typed error. */
  protected <T> ApiResponse<T> decodeResponse(HttpResponse<Buffer> resp, ResultDecoder<T> decoder) {
    int status = resp.statusCode();
    byte[] body = resp.body() == null ? new byte[0] : resp.body().getBytes();
    if (status >= 200 && status < 300) {
      EnvelopeDecoder.Envelope<T> env = EnvelopeDecoder.decode(body, status, decoder);
      if (Boolean.FALSE.equals(env.success())) {
        throw new ApiException.Validation(status, env.errors());
      }
      if (env.success() == null) {
        throw new ApiException.Malformed(status, "envelope without 'success'", null);
      }
      return new ApiResponse<>(status, env.result(), env.resultInfo(), env.errors(), env.messages());
    }
    List<dev.magicexporter.model.ApiMessage> errors = List.of();
    try {
      errors = EnvelopeDecoder.decode(body, status, p -> { p.skipChildren(); return null; }).errors();
    } catch (ApiException.Malformed ignored) {
      // An error status with a body that is not an envelope: the status alone is the error.
    }
    throw errorFor(status, errors);
  }

  protected ApiException errorFor(int status, List<dev.magicexporter.model.ApiMessage> errors) {
    if (status == 401 || status == 403) {
      return new ApiException.Authentication(status, errors, "Magic WAN Read");
    }
    if (status == 404) {
      return new ApiException.NotFound(errors);
    }
    if (status == 429) {
      return new ApiException.Throttled(errors, -1);
    }
    if (status >= 500) {
      return new ApiException.Server(status, errors);
    }
    return new ApiException.Validation(status, errors);
  }

  public Future<Void> close() {
    web.close();
    return http.close();
  }
}
