package dev.magicexporter.client;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spends the credential's {@link RequestBudget}: every attempt, retries included, first waits for
 * a token at its request's priority, so one budget shared by every caller of the credential
 * holds them all back together. Every answer is read back into the budget: a 429 pauses the
 * credential for the server's {@code Retry-After} (at most five minutes; without one, for a
 * backoff that grows with consecutive 429s), and a rate-limit header that reports the window
 * used up pauses it before the 429 comes.
 *
 * <p>Each attempt holds a {@linkplain RequestBudget#permit permit} until its answer is in (a
 * streamed one: until its body is piped or the exchange aborted), so a
 * first pass that may spend the whole free window at once still has only
 * {@code cloudflare.max_in_flight} requests of the credential in flight. The budget's internals
 * (first-pass bursts, AIMD, shard shares) are its own business; this class only calls its
 * public methods.
 */
public final class BudgetedTransport implements Transport {
  private static final Logger LOG = LoggerFactory.getLogger(BudgetedTransport.class);

  /** 429 pauses longer than this are cut short: Cloudflare's window is 5 minutes. */
  static final Duration MAX_PAUSE = Duration.ofMinutes(5);

  private final Transport inner;
  private final RequestBudget budget;
  private final Vertx vertx;
  private final RetryPolicy backoff;
  /** Shared by every context that calls this credential, hence atomic. */
  private final AtomicInteger consecutive429 = new AtomicInteger();

  /** @param backoff how long a 429 without {@code Retry-After} pauses the credential */
  public BudgetedTransport(Transport inner, RequestBudget budget, Vertx vertx, RetryPolicy backoff) {
    this.inner = inner;
    this.budget = budget;
    this.vertx = vertx;
    this.backoff = backoff;
  }

  public RequestBudget budget() {
    return budget;
  }

  /** A buffered answer holds its permit until it is in (or the attempt failed). */
  @Override
  public Future<RawResponse> send(ApiRequest request) {
    return permit(request)
        .compose(permit -> inner.send(request).andThen(ar -> permit.release()))
        .onSuccess(a -> observe(request, a));
  }

  /**
   * A streamed answer holds its permit until its body has been piped to the end, the pipe failed
   * or the exchange was aborted (a retry discards the body first), not just until its head.
   */
  @Override
  public Future<StreamedResponse> open(ApiRequest request) {
    return permit(request)
        .compose(permit -> inner.open(request)
            .onFailure(t -> permit.release())
            .map(r -> r.whenFinished(permit::release)))
        .onSuccess(a -> observe(request, a));
  }

  /** The permit for one attempt, handed back on the caller's context. */
  private Future<RequestBudget.Permit> permit(ApiRequest request) {
    Context caller = vertx.getOrCreateContext();
    Promise<RequestBudget.Permit> onCaller = Promise.promise();
    budget.permit(request.priority()).onComplete(ar -> caller.runOnContext(x -> onCaller.handle(ar)));
    return onCaller.future();
  }

  private void observe(ApiRequest request, Answer answer) {
    if (answer.status() == 429) {
      long serverMs = RetryPolicy.retryAfterMillis(answer.headers(), System.currentTimeMillis());
      long pauseMs = serverMs >= 0
          ? Math.min(serverMs, MAX_PAUSE.toMillis())
          : backoff.backoffMillis(consecutive429.getAndIncrement());
      budget.throttled(Duration.ofMillis(pauseMs));
      LOG.warn("Cloudflare answered 429 to {} {}; holding back every request of credential {} for {} ms",
          request.method(), request.template(), budget.credentialId(), pauseMs);
      return;
    }
    consecutive429.set(0);
    long exhaustedMs = RetryPolicy.exhaustedForMillis(answer.headers());
    if (exhaustedMs > 0) {
      budget.exhausted(Duration.ofMillis(Math.min(exhaustedMs, MAX_PAUSE.toMillis())));
      LOG.info("Cloudflare reports the request window of credential {} used up; holding back its requests for {} ms",
          budget.credentialId(), exhaustedMs);
    }
  }
}
