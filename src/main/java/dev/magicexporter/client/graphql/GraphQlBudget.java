package dev.magicexporter.client.graphql;

import dev.magicexporter.client.BudgetClock;
import dev.magicexporter.metrics.self.SelfMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The GraphQL user quota of one credential: Cloudflare allows 300 GraphQL queries per 5 minutes per
 * user, where every dataset node of a request is one query ("a burst of 300 queries and then wait 5
 * minutes", Analytics > GraphQL API > Limits), on top of the REST request budget that the request
 * itself also takes from. Like the REST budget, it is a sliding-window log: queries spent come back
 * one window after they were spent, so no window ever holds more than {@code limit}; callers wait
 * asynchronously, first come first served, and nothing is refused. When Cloudflare says the quota
 * is used up anyway (someone else spends it with the same token), {@link #exhausted()} pauses every
 * request of the credential for a whole window.
 *
 * <p>Metric families: {@link SelfMetrics#GRAPHQL_BUDGET_LIMIT} and the three after it, per
 * {@code credential} (the credential's id, never the secret).
 */
public final class GraphQlBudget {
  private record Spend(long at, int queries) {}

  private record Waiter(int queries, Promise<Void> promise) {}

  private final String credentialId;
  private final int limit;
  private final long windowNanos;
  private final BudgetClock clock;
  private final ArrayDeque<Spend> spent = new ArrayDeque<>();
  private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
  private int inWindow;
  private long pausedUntil = Long.MIN_VALUE;
  private boolean wakeScheduled;
  private long exhausted;

  public GraphQlBudget(String credentialId, int limit, Duration window, BudgetClock clock) {
    if (limit < 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("a GraphQL budget needs a positive limit and window");
    }
    this.credentialId = credentialId;
    this.limit = limit;
    this.windowNanos = window.toNanos();
    this.clock = clock;
  }

  /** Registers this budget's metric families (see the class comment); call once per budget. */
  public GraphQlBudget bindTo(MeterRegistry registry) {
    SelfMetrics.GRAPHQL_BUDGET_LIMIT.gauge(registry, this, b -> b.limit, credentialId);
    SelfMetrics.GRAPHQL_BUDGET_REMAINING.gauge(registry, this, GraphQlBudget::remaining, credentialId);
    SelfMetrics.GRAPHQL_BUDGET_WAITING.gauge(registry, this, GraphQlBudget::waitingQueries, credentialId);
    SelfMetrics.GRAPHQL_BUDGET_EXHAUSTED.functionCounter(registry, this, GraphQlBudget::exhaustedCount, credentialId);
    return this;
  }

  public String credentialId() {
    return credentialId;
  }

  /** Completes when {@code queries} queries may be sent; they are spent then. */
  public Future<Void> acquire(int queries) {
    if (queries < 1 || queries > limit) {
      return Future.failedFuture(new IllegalArgumentException("cannot spend " + queries + " of a GraphQL budget of "
          + limit));
    }
    Promise<Void> p = Promise.promise();
    drain(new Waiter(queries, p));
    return p.future();
  }

  /** Cloudflare said the quota is used up: nothing more starts for one window. */
  public void exhausted() {
    synchronized (this) {
      exhausted++;
      pausedUntil = clock.nanoTime() + windowNanos;
    }
    drain(null);
  }

  public synchronized int remaining() {
    expire(clock.nanoTime());
    return clock.nanoTime() < pausedUntil ? 0 : limit - inWindow;
  }

  public synchronized int waitingQueries() {
    int n = 0;
    for (Waiter w : waiting) {
      n += w.queries();
    }
    return n;
  }

  public synchronized long exhaustedCount() {
    return exhausted;
  }

  private void expire(long now) {
    while (!spent.isEmpty() && spent.peekFirst().at() + windowNanos <= now) {
      inWindow -= spent.pollFirst().queries();
    }
  }

  /**
   * Queues {@code arrival} (if any) and grants waiters in order while the budget allows, in one
   * step, so a waiter is never seen queued without a grant or a wake-up on its way; else arranges
   * to look again when the budget will allow.
   */
  private void drain(Waiter arrival) {
    List<Promise<Void>> granted = new ArrayList<>();
    long wakeIn = -1;
    synchronized (this) {
      if (arrival != null) {
        waiting.add(arrival);
      }
      long now = clock.nanoTime();
      expire(now);
      while (!waiting.isEmpty()) {
        if (now < pausedUntil) {
          wakeIn = pausedUntil - now;
          break;
        }
        Waiter w = waiting.peekFirst();
        if (inWindow + w.queries() > limit) {
          // the oldest spends free up first; wake when enough have
          int free = limit - inWindow;
          long at = now;
          for (Spend s : spent) {
            free += s.queries();
            at = s.at() + windowNanos;
            if (free >= w.queries()) {
              break;
            }
          }
          wakeIn = Math.max(0, at - now);
          break;
        }
        waiting.pollFirst();
        spent.addLast(new Spend(now, w.queries()));
        inWindow += w.queries();
        granted.add(w.promise());
      }
      if (wakeIn >= 0 && !wakeScheduled) {
        wakeScheduled = true;
      } else {
        wakeIn = -1;
      }
    }
    granted.forEach(Promise::complete);
    if (wakeIn >= 0) {
      clock.schedule(wakeIn, () -> {
        synchronized (this) {
          wakeScheduled = false;
        }
        drain(null);
      });
    }
  }
}
