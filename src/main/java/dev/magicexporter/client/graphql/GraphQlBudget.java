package dev.magicexporter.client.graphql;

import dev.magicexporter.client.RequestBudget;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
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
 * <pre>
 * cloudflare_exporter_graphql_budget_limit_queries{credential="token:3f9a0c1d"} 300
 * cloudflare_exporter_graphql_budget_remaining_queries{credential="token:3f9a0c1d"} 275
 * cloudflare_exporter_graphql_budget_waiting_queries{credential="token:3f9a0c1d"} 0
 * cloudflare_exporter_graphql_budget_exhausted_total{credential="token:3f9a0c1d"} 0
 * </pre>
 */
public final class GraphQlBudget {
  private record Spend(long at, int queries) {}

  private record Waiter(int queries, Promise<Void> promise) {}

  private final String credentialId;
  private final int limit;
  private final long windowNanos;
  private final RequestBudget.Clock clock;
  private final ArrayDeque<Spend> spent = new ArrayDeque<>();
  private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
  private int inWindow;
  private long pausedUntil = Long.MIN_VALUE;
  private boolean wakeScheduled;
  private long exhausted;

  public GraphQlBudget(String credentialId, int limit, Duration window, RequestBudget.Clock clock) {
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
    Tags tags = Tags.of("credential", credentialId);
    Gauge.builder("cloudflare_exporter.graphql.budget.limit", this, b -> b.limit)
        .description("GraphQL queries (dataset nodes) the credential may send per budget window (analytics.budget_queries)")
        .baseUnit("queries").tags(tags).register(registry);
    Gauge.builder("cloudflare_exporter.graphql.budget.remaining", this, GraphQlBudget::remaining)
        .description("GraphQL queries that may start now without exceeding the budget")
        .baseUnit("queries").tags(tags).register(registry);
    Gauge.builder("cloudflare_exporter.graphql.budget.waiting", this, GraphQlBudget::waitingQueries)
        .description("GraphQL queries waiting for budget").baseUnit("queries").tags(tags).register(registry);
    FunctionCounter.builder("cloudflare_exporter.graphql.budget.exhausted", this, GraphQlBudget::exhaustedCount)
        .description("Times Cloudflare answered that the credential's GraphQL quota was used up (each pauses the "
            + "credential's GraphQL requests for a window)").tags(tags).register(registry);
    return this;
  }

  public String credentialId() {
    return credentialId;
  }

  public int limit() {
    return limit;
  }

  public Duration window() {
    return Duration.ofNanos(windowNanos);
  }

  /** Completes when {@code queries} queries may be sent; they are spent then. */
  public Future<Void> acquire(int queries) {
    if (queries < 1 || queries > limit) {
      return Future.failedFuture(new IllegalArgumentException("cannot spend " + queries + " of a GraphQL budget of "
          + limit));
    }
    Promise<Void> p = Promise.promise();
    synchronized (this) {
      waiting.add(new Waiter(queries, p));
    }
    drain();
    return p.future();
  }

  /** Cloudflare said the quota is used up: nothing more starts for one window. */
  public void exhausted() {
    synchronized (this) {
      exhausted++;
      pausedUntil = clock.nanoTime() + windowNanos;
    }
    drain();
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

  /** Grants waiters in order while the budget allows; else arranges to look again when it will. */
  private void drain() {
    List<Promise<Void>> granted = new ArrayList<>();
    long wakeIn = -1;
    synchronized (this) {
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
        drain();
      });
    }
  }
}
