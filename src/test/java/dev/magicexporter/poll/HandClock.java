package dev.magicexporter.poll;

import dev.magicexporter.client.BudgetClock;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.PriorityQueue;

/**
 * One hand-moved clock for the budget ({@link BudgetClock}) and for everything the
 * scheduler times ({@link Pacer}): time moves only in {@link #advance}, which runs the timers that
 * fall due in order, so what the budget grants and when a paced request starts depend on this
 * clock alone.
 */
final class HandClock implements BudgetClock, Pacer {
  private record Task(long due, long seq, Runnable run) {}

  private final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) ->
      a.due != b.due ? Long.compare(a.due, b.due) : Long.compare(a.seq, b.seq));
  private long now;
  private long seq;

  @Override
  public synchronized long nanoTime() {
    return now;
  }

  @Override
  public synchronized long nowMillis() {
    return now / 1_000_000;
  }

  /** Seconds since the clock started. */
  synchronized double seconds() {
    return now / 1e9;
  }

  @Override
  public synchronized void schedule(long delayNanos, Runnable task) {
    tasks.add(new Task(now + Math.max(0, delayNanos), seq++, task));
  }

  @Override
  public Future<Void> after(long millis) {
    if (millis <= 0) {
      return Future.succeededFuture();
    }
    Promise<Void> p = Promise.promise();
    schedule(millis * 1_000_000, p::complete);
    return p.future();
  }

  /** When the next timer is due, or -1 when none is pending. */
  synchronized long nextDueNanos() {
    Task t = tasks.peek();
    return t == null ? -1 : t.due;
  }

  /** Moves time forward by {@code d}, running every timer that falls due, in order. */
  void advance(Duration d) {
    long target;
    synchronized (this) {
      target = now + d.toNanos();
    }
    while (true) {
      Task t;
      synchronized (this) {
        t = tasks.peek();
        if (t == null || t.due > target) {
          now = target;
          return;
        }
        tasks.poll();
        now = Math.max(now, t.due);
      }
      t.run.run();
    }
  }
}
