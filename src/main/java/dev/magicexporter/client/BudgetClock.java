package dev.magicexporter.client;

import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;

/**
 * Time and timers of the request budgets ({@link RequestBudget}, the GraphQL budget): Vert.x in
 * production, a hand-moved clock in tests, so that no test of a budget waits for real time.
 */
public interface BudgetClock {
  /** Monotonic time in nanoseconds. */
  long nanoTime();

  /** Runs {@code task} once, about {@code delayNanos} from now, on any thread. */
  void schedule(long delayNanos, Runnable task);

  /** System nanoTime and Vert.x timers. */
  static BudgetClock vertx(Vertx vertx) {
    return new BudgetClock() {
      @Override
      public long nanoTime() {
        return System.nanoTime();
      }

      @Override
      public void schedule(long delayNanos, Runnable task) {
        long ms = Math.max(1, TimeUnit.NANOSECONDS.toMillis(delayNanos + 999_999));
        vertx.setTimer(ms, id -> task.run());
      }
    };
  }
}
