package dev.magicexporter.client;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tries again like the official SDKs ({@link RetryPolicy}): after a retryable status or a
 * network failure that is safe to repeat, up to the policy's number of retries, then hands on
 * the last answer (or failure) as final. A streamed answer is retried only before its body was
 * handed to anyone, i.e. always here: the body of a retried answer is discarded.
 *
 * <p>A 429 is tried again at once: the budget below has paused the whole credential, so the next
 * attempt waits there, in priority order, with every other request of the credential.
 */
public final class RetryingTransport implements Transport {
  private static final Logger LOG = LoggerFactory.getLogger(RetryingTransport.class);

  private final Transport inner;
  private final RetryPolicy policy;
  private final Vertx vertx;
  private final ClientMetrics metrics;

  public RetryingTransport(Transport inner, RetryPolicy policy, Vertx vertx, ClientMetrics metrics) {
    this.inner = inner;
    this.policy = policy;
    this.vertx = vertx;
    this.metrics = metrics;
  }

  @Override
  public Future<RawResponse> send(ApiRequest request) {
    return attempt(request, inner::send, 0);
  }

  @Override
  public Future<StreamedResponse> open(ApiRequest request) {
    return attempt(request, inner::open, 0);
  }

  private <A extends Answer> Future<A> attempt(ApiRequest req, Function<ApiRequest, Future<A>> call, int n) {
    return call.apply(req).transform(ar -> {
      if (ar.failed()) {
        String reason = RetryPolicy.retryReason(req.method(), ar.cause());
        if (reason == null || n >= policy.maxRetries()) {
          return Future.failedFuture(ar.cause());
        }
        long delay = policy.backoffMillis(n);
        retrying(req, reason, delay, n, ar.cause().getMessage());
        return later(delay).compose(x -> attempt(req, call, n + 1));
      }
      A answer = ar.result();
      String reason = RetryPolicy.retryReason(answer.status(), answer.headers());
      long serverMs = RetryPolicy.retryAfterMillis(answer.headers(), System.currentTimeMillis());
      if (reason == null || n >= policy.maxRetries() || serverMs > RetryPolicy.MAX_HONOURED_RETRY_AFTER_MS) {
        return Future.succeededFuture(answer);
      }
      long delay = answer.status() == 429 ? 0 : policy.delayMillis(n, serverMs);
      retrying(req, reason, delay, n, "HTTP " + answer.status());
      return answer.discard().compose(x -> later(delay)).compose(x -> attempt(req, call, n + 1));
    });
  }

  private void retrying(ApiRequest req, String reason, long delayMs, int n, String why) {
    metrics.retry(req, reason);
    LOG.debug("retrying {} {} in {} ms after {} (retry {} of {}): {}", req.method(), req.template(), delayMs,
        reason, n + 1, policy.maxRetries(), why);
  }

  private Future<Void> later(long ms) {
    if (ms <= 0) {
      return Future.succeededFuture();
    }
    Promise<Void> p = Promise.promise();
    vertx.setTimer(ms, id -> p.complete());
    return p.future();
  }
}
