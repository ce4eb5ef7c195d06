package dev.magicexporter.poll.analytics;

import io.vertx.core.Future;
import java.util.function.IntFunction;

/**
 * The GraphQL quota of an account's credential as the poller sees it: every dataset node is one
 * query. {@link #acquire} completes when the request may be sent (the queries are spent then);
 * {@link #exhausted} tells the quota that Cloudflare refused a request for it anyway.
 */
public interface AnalyticsQuota {
  Future<Void> acquire(int queries);

  void exhausted();

  /** A quota from its two operations (the daemon: a credential's {@code GraphQlBudget}). */
  static AnalyticsQuota of(IntFunction<Future<Void>> acquire, Runnable exhausted) {
    return new AnalyticsQuota() {
      @Override
      public Future<Void> acquire(int queries) {
        return acquire.apply(queries);
      }

      @Override
      public void exhausted() {
        exhausted.run();
      }
    };
  }

  /** No quota of our own (tests that are not about it). */
  static AnalyticsQuota none() {
    return of(n -> Future.succeededFuture(), () -> { });
  }
}
