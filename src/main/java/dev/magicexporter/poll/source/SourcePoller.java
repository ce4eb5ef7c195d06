package dev.magicexporter.poll.source;

import dev.magicexporter.metrics.self.SelfMetrics;
import dev.magicexporter.poll.Poller;
import dev.magicexporter.store.AccountStore;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Polls one {@link Source} for every account: each account's fetch succeeds or fails on its own;
 * a good value replaces the account's entry in the store, a failure leaves the last good one and
 * is reported to {@link SourceHealth}. The cycle fails only when every account failed, and then
 * with a message safe to log.
 */
public final class SourcePoller<T> implements Poller {
  private final Source<T> source;
  private final Duration interval;
  private final List<AccountTarget> accounts;
  private final AccountStore<T> store;
  private final SourceHealth health;
  private final Clock clock;

  public SourcePoller(Source<T> source, Duration interval, List<AccountTarget> accounts, AccountStore<T> store,
      SourceHealth health, Clock clock) {
    if (interval == null || interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException(source.name() + ": interval must be positive");
    }
    this.source = source;
    this.interval = interval;
    this.accounts = List.copyOf(accounts);
    this.store = store;
    this.health = health;
    this.clock = clock;
  }

  @Override
  public String name() {
    return source.name();
  }

  @Override
  public Duration interval() {
    return interval;
  }

  public Source<T> source() {
    return source;
  }

  public AccountStore<T> store() {
    return store;
  }

  @Override
  public Future<PollOutcome> poll() {
    AtomicInteger items = new AtomicInteger();
    AtomicInteger objectErrors = new AtomicInteger();
    List<Future<Boolean>> perAccount = new ArrayList<>();
    for (AccountTarget a : accounts) {
      perAccount.add(pollAccount(a, items, objectErrors));
    }
    return Future.join(perAccount).transform(ignored -> {
      int failed = 0;
      for (Future<Boolean> f : perAccount) {
        if (!f.result()) {
          failed++;
        }
      }
      if (!accounts.isEmpty() && failed == accounts.size()) {
        String reason = accounts.size() == 1
            ? health.state(source.name(), accounts.get(0).accountId()).lastError()
            : "all " + failed + " accounts failed; see " + SelfMetrics.SOURCE_UP.name();
        return Future.failedFuture(new SourceFailedException(source.name() + ": " + reason));
      }
      return Future.succeededFuture(new PollOutcome(items.get(), failed + objectErrors.get()));
    });
  }

  /** Completes with true when the account's value was stored, false when it failed; never fails. */
  private Future<Boolean> pollAccount(AccountTarget a, AtomicInteger items, AtomicInteger objectErrors) {
    Instant started = clock.instant();
    FetchContext<T> ctx = new FetchContext<>(a.api(), a.accountId(), store.get(a.accountId()), started,
        (object, error) -> {
          objectErrors.incrementAndGet();
          health.objectError(source.name(), a.accountId(), object, error, source.permission());
        });
    Future<T> fetched;
    try {
      fetched = source.fetcher().apply(ctx);
    } catch (RuntimeException e) {
      fetched = Future.failedFuture(e);
    }
    return fetched.transform(ar -> {
      if (ar.succeeded() && ar.result() != null) {
        int n = source.size().applyAsInt(ar.result());
        store.put(a.accountId(), ar.result(), clock.instant());
        items.addAndGet(n);
        health.success(source.name(), a.accountId(), n, clock.instant());
        return Future.succeededFuture(true);
      }
      Throwable cause = ar.succeeded() ? new IllegalStateException("fetch completed without a value") : ar.cause();
      health.failure(source.name(), a.accountId(), cause, source.permission());
      return Future.succeededFuture(false);
    });
  }

  /** A whole cycle failed; the message is safe to log (see {@link SafeMessages}). */
  public static final class SourceFailedException extends RuntimeException {
    public SourceFailedException(String message) {
      super(message, null, false, false);
    }
  }
}
