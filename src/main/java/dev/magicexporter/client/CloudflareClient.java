package dev.magicexporter.client;

import dev.magicexporter.model.ApiMessage;
import dev.magicexporter.model.CursorPage;
import dev.magicexporter.model.ResultInfo;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.streams.WriteStream;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Cloudflare v4 client for one credential and account set: auth headers, the envelope, typed
 * errors, both paging styles, retries like the official SDKs ({@link RetryPolicy}), the
 * credential's {@link RequestBudget} and self-metrics ({@link ClientMetrics}). Non-blocking;
 * every method returns a Future that completes on the caller's context and fails with an
 * {@link ApiException} (paging callbacks' own failures pass through unchanged).
 *
 * <p>Every attempt, retries included, first waits for a token of the credential's budget, so a
 * 429 received by any client of the credential holds back all of them. Incoming
 * {@code Authorization} / {@code X-Auth-*} headers in {@link ApiRequest#headers()} are dropped;
 * the client always sends its own credential. The secret never appears in an exception message,
 * a log line or a metric.
 *
 * <p>Wiring: build one {@link RequestBudget} per credential ({@code RequestBudget.create(vertx,
 * credential, options).bindTo(registry)}) and pass it to every client of that credential; one
 * client per credential can serve all of its accounts, since account ids are path parameters.
 */
public class CloudflareClient {
  private static final Logger LOG = LoggerFactory.getLogger(CloudflareClient.class);
  private static final String USER_AGENT = "magic-exporter";

  /** Headers a caller may not set: credentials, and hop-by-hop ones the client computes. */
  private static final Set<String> DROPPED_HEADERS = Set.of("authorization", "proxy-authorization",
      "cookie", "host", "content-length", "connection", "keep-alive", "transfer-encoding", "te",
      "trailer", "upgrade");

  /**
   * Connections per client. The request timeout also covers the wait for a pooled connection,
   * so the pool must cover the concurrency pollers reach within the budget.
   */
  private static final int MAX_CONNECTIONS = 16;

  /** 429 pauses longer than this are cut short: Cloudflare's window is 5 minutes. */
  private static final Duration MAX_PAUSE = Duration.ofMinutes(5);

  protected final Vertx vertx;
  protected final ClientOptions options;
  protected final Credential credential;
  protected final WebClient web;
  private final HttpClientAgent http;
  private final RequestBudget budget;
  private final ClientMetrics metrics;
  private final RetryPolicy retry;

  /** A client with a budget of its own and unexported metrics (tests, one-off tools). */
  public CloudflareClient(Vertx vertx, ClientOptions options, Credential credential) {
    this(vertx, options, credential, RequestBudget.create(vertx, credential, options), new SimpleMeterRegistry());
  }

  /**
   * A client that spends {@code budget}, the one budget of {@code credential} shared by every
   * client of that credential, and records self-metrics in {@code registry}.
   */
  public CloudflareClient(Vertx vertx, ClientOptions options, Credential credential, RequestBudget budget,
      MeterRegistry registry) {
    this(vertx, options, credential, budget, registry, RetryPolicy.of(options));
  }

  CloudflareClient(Vertx vertx, ClientOptions options, Credential credential, RequestBudget budget,
      MeterRegistry registry, RetryPolicy retry) {
    if (!budget.credentialId().equals(credential.id())) {
      throw new IllegalArgumentException("budget of " + budget.credentialId() + " given to a client of " + credential.id());
    }
    this.vertx = vertx;
    this.options = options;
    this.credential = credential;
    this.budget = budget;
    this.metrics = new ClientMetrics(registry);
    this.retry = retry;
    this.http = vertx.createHttpClient(new HttpClientOptions()
            .setDecompressionSupported(true)
            .setKeepAlive(true)
            .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, options.requestTimeout().toMillis())),
        new PoolOptions().setHttp1MaxSize(MAX_CONNECTIONS));
    // Redirects are not followed: a redirect elsewhere would carry the credential with it.
    this.web = WebClient.wrap(http, new WebClientOptions().setUserAgent(USER_AGENT).setFollowRedirects(false));
  }

  public ClientOptions options() {
    return options;
  }

  public Credential credential() {
    return credential;
  }

  public RequestBudget budget() {
    return budget;
  }

  /**
   * Sends one request and decodes its envelope; non-2xx answers (after retries), a 2xx with
   * {@code success:false} and bodies that are not the envelope fail typed.
   */
  public <T> Future<ApiResponse<T>> send(ApiRequest req, ResultDecoder<T> decoder) {
    Context ctx = vertx.getOrCreateContext();
    return counted(req, execute(ctx, req).map(resp -> decodeResponse(req, resp, decoder)));
  }

  /**
   * Sends one request through budget and retries like {@link #send} and returns the upstream
   * answer as is, whatever its status (the admin API passes 4xx/5xx through). Fails only with
   * {@link ApiException.Network} when no answer came.
   */
  public Future<RawResponse> sendRaw(ApiRequest req) {
    Context ctx = vertx.getOrCreateContext();
    return counted(req, execute(ctx, req).map(r ->
        new RawResponse(r.statusCode(), r.headers(), r.body() == null ? Buffer.buffer() : r.body())));
  }

  /**
   * Streams a response body (the binary PCAP download) into the sink that {@code onHead} returns
   * for the final answer's status and headers, whatever the status, with backpressure and
   * without holding the body in memory. Budget applies; retries happen only before
   * {@code onHead} is called, i.e. before any byte was written. The sink is ended when the body
   * is complete; on a failure part-way it is not ended, so the caller can abort it (e.g.
   * {@code HttpServerResponse.reset()}) instead of passing on a truncated file as complete.
   */
  public Future<Void> pipe(ApiRequest req, Function<ResponseHead, WriteStream<Buffer>> onHead) {
    Context ctx = vertx.getOrCreateContext();
    String uri;
    try {
      uri = options.baseUrl() + req.pathAndQuery();
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    return counted(req, pipeAttempt(ctx, req, uri, onHead, 0));
  }

  /**
   * Every page of a {@code page}/{@code per_page} list, concatenated. Paging stops at an empty
   * page, at {@code total_pages}, at a short page, at {@code total_count}, or when there is no
   * {@code result_info} (an unpaged list). A server that ignores {@code page} (a page number or
   * content that repeats the previous page), or more than {@link ClientOptions#maxPages()} pages,
   * fails with {@link ApiException.Malformed} instead of looping.
   */
  public <T> Future<List<T>> listAllPages(ApiRequest req, ResultDecoder<List<T>> items, int perPage) {
    List<T> all = new ArrayList<>();
    ApiRequest base = req.replaceQuery("per_page", Integer.toString(perPage));
    return nextPage(base, items, 1, List.of(), all).map(v -> all);
  }

  private <T> Future<Void> nextPage(ApiRequest req, ResultDecoder<List<T>> items, int page, List<T> previous,
      List<T> acc) {
    if (page > options.maxPages()) {
      return fail(req, new ApiException.Malformed(200,
          "paging did not end after " + options.maxPages() + " pages of " + req.template(), null));
    }
    return send(req.replaceQuery("page", Integer.toString(page)), items).compose(r -> {
      List<T> got = r.result() == null ? List.of() : r.result();
      ResultInfo info = r.resultInfo();
      if (info != null && info.page() != null && info.page() != page) {
        return fail(req, new ApiException.Malformed(r.status(),
            "asked for page " + page + " of " + req.template() + " but got page " + info.page(), null));
      }
      if (!got.isEmpty() && got.equals(previous)) {
        return fail(req, new ApiException.Malformed(r.status(),
            "page " + page + " of " + req.template() + " repeats page " + (page - 1), null));
      }
      acc.addAll(got);
      return isLastPage(got, info, page, acc.size())
          ? Future.succeededFuture()
          : nextPage(req, items, page + 1, got, acc);
    });
  }

  private static boolean isLastPage(List<?> got, ResultInfo info, int page, int seen) {
    if (got.isEmpty() || info == null) {
      return true; // an empty page ends every list; no result_info means an unpaged list
    }
    if (info.totalPages() != null) {
      return page >= info.totalPages();
    }
    if (info.perPage() != null && got.size() < info.perPage()) {
      return true;
    }
    return info.totalCount() != null && seen >= info.totalCount();
  }

  /**
   * Pages a telemetry list through its cursor, handing each page to {@code onPage} in order; the
   * next page is requested only after {@code onPage}'s future completes, so a consumer can
   * checkpoint page by page. A {@code cursor} already in {@code req} is where paging resumes.
   * Paging stops at a page without cursor or without items; a cursor that repeats, or more than
   * {@link ClientOptions#maxPages()} pages, fails with {@link ApiException.Malformed} instead of
   * looping.
   */
  public <T> Future<Void> forEachCursorPage(
      ApiRequest req, ResultDecoder<CursorPage<T>> decoder, Function<CursorPage<T>, Future<Void>> onPage) {
    Set<String> seen = new HashSet<>();
    for (Map.Entry<String, String> q : req.query()) {
      if (q.getKey().equals("cursor")) {
        seen.add(q.getValue());
      }
    }
    return cursorStep(req, decoder, onPage, seen, 0);
  }

  private <T> Future<Void> cursorStep(ApiRequest req, ResultDecoder<CursorPage<T>> decoder,
      Function<CursorPage<T>, Future<Void>> onPage, Set<String> seen, int pages) {
    if (pages >= options.maxPages()) {
      return fail(req, new ApiException.Malformed(200,
          "cursor paging did not end after " + pages + " pages of " + req.template(), null));
    }
    return send(req, decoder).compose(r -> {
      CursorPage<T> page = r.result();
      if (page == null) {
        return fail(req, new ApiException.Malformed(r.status(), "telemetry list without result", null));
      }
      Future<Void> consumed = onPage.apply(page);
      return (consumed == null ? Future.<Void>succeededFuture() : consumed).compose(v -> {
        String next = page.cursor();
        if (next == null || page.items().isEmpty()) {
          return Future.succeededFuture();
        }
        if (!seen.add(next)) {
          return fail(req, new ApiException.Malformed(r.status(),
              "cursor repeated after " + (pages + 1) + " pages of " + req.template(), null));
        }
        return cursorStep(req.replaceQuery("cursor", next), decoder, onPage, seen, pages + 1);
      });
    });
  }

  public Future<Void> close() {
    web.close();
    return http.close();
  }

  // ---- attempts, retries and budget ----------------------------------------------------------

  /** The final buffered answer after budget and retries, or a Network failure. */
  private Future<HttpResponse<Buffer>> execute(Context ctx, ApiRequest req) {
    String uri;
    try {
      uri = options.baseUrl() + req.pathAndQuery();
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    return attempt(ctx, req, uri, 0);
  }

  private Future<HttpResponse<Buffer>> attempt(Context ctx, ApiRequest req, String uri, int n) {
    return acquire(ctx, req.priority()).compose(v -> {
      long t0 = System.nanoTime();
      return sendOnce(req, uri).transform(ar -> {
        long took = System.nanoTime() - t0;
        if (ar.failed()) {
          metrics.attempt(req, 0, took);
          return retryAfterFailure(req, ar.cause(), n).compose(x -> attempt(ctx, req, uri, n + 1));
        }
        HttpResponse<Buffer> resp = ar.result();
        metrics.attempt(req, resp.statusCode(), took);
        Future<Void> again = afterAnswer(req, resp.statusCode(), resp.headers(), n);
        return again == null ? Future.succeededFuture(resp) : again.compose(x -> attempt(ctx, req, uri, n + 1));
      });
    });
  }

  private Future<HttpResponse<Buffer>> sendOnce(ApiRequest req, String uri) {
    HttpRequest<Buffer> h = web.requestAbs(req.method(), uri)
        .timeout(options.requestTimeout().toMillis())
        .followRedirects(false);
    headersFor(req).forEach(h::putHeader);
    return req.body() == null ? h.send() : h.sendBuffer(req.body());
  }

  private Future<Void> pipeAttempt(Context ctx, ApiRequest req, String uri,
      Function<ResponseHead, WriteStream<Buffer>> onHead, int n) {
    return acquire(ctx, req.priority()).compose(v -> {
      RequestOptions ro = new RequestOptions()
          .setMethod(req.method())
          .setAbsoluteURI(uri)
          .setFollowRedirects(false)
          .setConnectTimeout(options.requestTimeout().toMillis())
          // Vert.x cancels this timer when the response head arrives; BodyPipe times the body.
          .setIdleTimeout(options.requestTimeout().toMillis());
      headersFor(req).forEach(ro::putHeader);
      long t0 = System.nanoTime();
      Future<HttpClientResponse> sent = http.request(ro)
          .compose(r -> req.body() == null ? r.send() : r.send(req.body()));
      return sent.transform(ar -> {
        long took = System.nanoTime() - t0;
        if (ar.failed()) {
          metrics.attempt(req, 0, took);
          return retryAfterFailure(req, ar.cause(), n).compose(x -> pipeAttempt(ctx, req, uri, onHead, n + 1));
        }
        HttpClientResponse resp = ar.result();
        metrics.attempt(req, resp.statusCode(), took);
        Future<Void> again = afterAnswer(req, resp.statusCode(), resp.headers(), n);
        if (again != null) {
          // Nothing was written yet: drain this answer's (small, error) body and try again.
          return resp.end().transform(x -> again).compose(x -> pipeAttempt(ctx, req, uri, onHead, n + 1));
        }
        return streamBody(req, resp, onHead);
      });
    });
  }

  private Future<Void> streamBody(ApiRequest req, HttpClientResponse resp,
      Function<ResponseHead, WriteStream<Buffer>> onHead) {
    WriteStream<Buffer> sink;
    try {
      sink = onHead.apply(new ResponseHead(resp.statusCode(), resp.headers()));
    } catch (RuntimeException e) {
      resp.request().reset();
      return Future.failedFuture(e);
    }
    if (sink == null) {
      resp.request().reset();
      return Future.failedFuture(new IllegalStateException("pipe sink factory returned no sink"));
    }
    return BodyPipe.start(vertx, resp, sink, () -> resp.request().reset(), options.requestTimeout().toMillis())
        .recover(t -> Future.failedFuture(
        new ApiException.Network("download of " + req.template() + " interrupted: " + describe(t),
            RetryPolicy.isTimeout(t), t)));
  }

  /** Waits for the budget, then continues on the caller's context. */
  private Future<Void> acquire(Context ctx, Priority priority) {
    Promise<Void> onCaller = Promise.promise();
    budget.acquire(priority).onComplete(ar -> ctx.runOnContext(x -> onCaller.handle(ar)));
    return onCaller.future();
  }

  /** After a failed attempt: a timer before the retry, or the Network error when it is final. */
  private Future<Void> retryAfterFailure(ApiRequest req, Throwable cause, int n) {
    String reason = RetryPolicy.retryReason(req.method(), cause);
    if (reason == null || n >= retry.maxRetries()) {
      return Future.failedFuture(networkError(cause));
    }
    long delay = retry.backoffMillis(n);
    metrics.retry(req, reason);
    LOG.debug("retrying {} {} in {} ms after {} (retry {} of {}): {}", req.method(), req.template(), delay,
        reason, n + 1, retry.maxRetries(), describe(cause));
    return later(delay);
  }

  /**
   * After an answer: pauses the credential on a 429, and returns a future to wait on before the
   * next attempt, or null when this answer is final.
   */
  private Future<Void> afterAnswer(ApiRequest req, int status, MultiMap headers, int n) {
    long serverMs = RetryPolicy.retryAfterMillis(headers, System.currentTimeMillis());
    if (status == 429) {
      long pauseMs = serverMs >= 0 ? Math.min(serverMs, MAX_PAUSE.toMillis()) : retry.backoffMillis(n);
      budget.throttled(Duration.ofMillis(pauseMs));
      LOG.warn("Cloudflare answered 429 to {} {}; holding back every request of credential {} for {} ms",
          req.method(), req.template(), credential.id(), pauseMs);
    } else {
      long exhaustedMs = RetryPolicy.exhaustedForMillis(headers);
      if (exhaustedMs > 0) {
        budget.exhausted(Duration.ofMillis(Math.min(exhaustedMs, MAX_PAUSE.toMillis())));
        LOG.info("Cloudflare reports the request window of credential {} used up; holding back its requests for {} ms",
            credential.id(), exhaustedMs);
      }
    }
    String reason = RetryPolicy.retryReason(status, headers);
    if (reason == null || n >= retry.maxRetries() || serverMs > RetryPolicy.MAX_HONOURED_RETRY_AFTER_MS) {
      return null;
    }
    metrics.retry(req, reason);
    long delay = status == 429 ? 0 : retry.delayMillis(n, serverMs); // a 429 waits in the budget
    LOG.debug("retrying {} {} in {} ms after HTTP {} (retry {} of {})", req.method(), req.template(), delay,
        status, n + 1, retry.maxRetries());
    return later(delay);
  }

  private Future<Void> later(long ms) {
    if (ms <= 0) {
      return Future.succeededFuture();
    }
    Promise<Void> p = Promise.promise();
    vertx.setTimer(ms, id -> p.complete());
    return p.future();
  }

  /** Caller headers minus credentials and hop-by-hop headers, plus this client's credential. */
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

  // ---- outcomes -------------------------------------------------------------------------------

  private <T> Future<T> counted(ApiRequest req, Future<T> f) {
    return f.recover(t -> {
      if (t instanceof ApiException e) {
        metrics.error(req, e);
        LOG.debug("{} {} failed: {}", req.method(), req.template(), e.getMessage());
      }
      return Future.failedFuture(t);
    });
  }

  private <T> Future<T> fail(ApiRequest req, ApiException e) {
    metrics.error(req, e);
    return Future.failedFuture(e);
  }

  private ApiException networkError(Throwable t) {
    if (t instanceof ApiException a) {
      return a;
    }
    return new ApiException.Network(describe(t), RetryPolicy.isTimeout(t), t);
  }

  private String describe(Throwable t) {
    return redact(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
  }

  /** Maps status and envelope to a result or a typed error. */
  protected <T> ApiResponse<T> decodeResponse(ApiRequest req, HttpResponse<Buffer> resp, ResultDecoder<T> decoder) {
    int status = resp.statusCode();
    byte[] body = resp.body() == null ? new byte[0] : resp.body().getBytes();
    if (status >= 200 && status < 300) {
      EnvelopeDecoder.Envelope<T> env;
      try {
        env = EnvelopeDecoder.decode(body, status, decoder);
      } catch (ApiException.Malformed m) {
        throw redacted(m);
      }
      if (env.success() == null) {
        throw new ApiException.Malformed(status, "envelope without 'success'", null);
      }
      if (!env.success()) {
        throw new ApiException.Malformed(status, "envelope reports success:false", redact(env.errors()), null);
      }
      return new ApiResponse<>(status, env.result(), env.resultInfo(), env.errors(), env.messages());
    }
    List<ApiMessage> errors = List.of();
    try {
      errors = EnvelopeDecoder.decode(body, status, p -> {
        p.skipChildren();
        return null;
      }).errors();
    } catch (ApiException.Malformed ignored) {
      // An error status with a body that is not an envelope: the status alone is the error.
    }
    throw errorFor(req, status, redact(errors), resp.headers());
  }

  protected ApiException errorFor(ApiRequest req, int status, List<ApiMessage> errors, MultiMap headers) {
    if (status == 401 || status == 403) {
      return new ApiException.Authentication(status, errors, PermissionHints.forRequest(req.method(), req.template()));
    }
    if (status == 404) {
      return new ApiException.NotFound(errors);
    }
    if (status == 429) {
      return new ApiException.Throttled(errors, RetryPolicy.retryAfterMillis(headers, System.currentTimeMillis()));
    }
    if (status >= 500) {
      return new ApiException.Server(status, errors);
    }
    if (status >= 400) {
      return new ApiException.Validation(status, errors);
    }
    return new ApiException.Malformed(status, "unexpected HTTP status " + status, errors, null);
  }

  // ---- secrets --------------------------------------------------------------------------------

  private String redact(String s) {
    if (s == null) {
      return null;
    }
    String secret = credential.isToken() ? credential.apiToken() : credential.apiKey();
    return secret == null || secret.isEmpty() ? s : s.replace(secret, "[redacted]");
  }

  private List<ApiMessage> redact(List<ApiMessage> errors) {
    List<ApiMessage> out = new ArrayList<>(errors.size());
    for (ApiMessage m : errors) {
      out.add(new ApiMessage(m.code(), redact(m.message()), m.pointer()));
    }
    return out;
  }

  private ApiException.Malformed redacted(ApiException.Malformed m) {
    String reason = redact(m.reason());
    return reason.equals(m.reason()) ? m : new ApiException.Malformed(m.status(), reason, m.errors(), null);
  }

}
