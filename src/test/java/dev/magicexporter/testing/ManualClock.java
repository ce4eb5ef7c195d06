package dev.magicexporter.testing;

import dev.magicexporter.client.BudgetClock;
import java.time.Duration;
import java.util.PriorityQueue;

/** A budget clock that moves only when a test says so; timers run inside {@link #advance}. */
public class ManualClock implements BudgetClock {
  private record Task(long due, long seq, Runnable run) {}

  private final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) ->
      a.due != b.due ? Long.compare(a.due, b.due) : Long.compare(a.seq, b.seq));
  private long now;
  private long seq;

  public ManualClock() {
    this(1_000_000_000L);
  }

  protected ManualClock(long startNanos) {
    this.now = startNanos;
  }

  @Override
  public synchronized long nanoTime() {
    return now;
  }

  @Override
  public synchronized void schedule(long delayNanos, Runnable task) {
    tasks.add(new Task(now + Math.max(0, delayNanos), seq++, task));
  }

  /** When the next timer is due, or -1 when none is pending. */
  public synchronized long nextDueNanos() {
    Task t = tasks.peek();
    return t == null ? -1 : t.due;
  }

  /** Moves time forward by {@code d}, running every timer that falls due, in order. */
  public void advance(Duration d) {
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
