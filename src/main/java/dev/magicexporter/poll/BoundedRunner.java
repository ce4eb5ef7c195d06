package dev.magicexporter.poll;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs an asynchronous task per item with at most {@code concurrency} in flight, and completes
 * when all are done (never failing: each task's failure is its own result). Loops instead of
 * recursing when tasks complete at once, so thousands of items cannot overflow the stack.
 */
final class BoundedRunner {
  private BoundedRunner() {}

  static <T> Future<Void> run(List<T> items, int concurrency, Function<T, Future<?>> task) {
    return run(items, concurrency, 0, Pacer.NONE, task);
  }

  /**
   * Like {@link #run(List, int, Function)}, but item {@code i} starts no earlier than
   * {@code i * spacingMillis} after the call, so a cycle's requests are spread evenly instead of
   * bursting at its start (an item that is late because the lanes were busy starts at once).
   */
  static <T> Future<Void> run(List<T> items, int concurrency, long spacingMillis, Pacer pacer,
      Function<T, Future<?>> task) {
    if (items.isEmpty()) {
      return Future.succeededFuture();
    }
    long start = pacer.nowMillis();
    Function<Integer, Future<?>> byIndex = i -> {
      long wait = spacingMillis <= 0 ? 0 : start + i * spacingMillis - pacer.nowMillis();
      if (wait <= 0) {
        return task.apply(items.get(i));
      }
      return pacer.after(wait).compose(v -> task.apply(items.get(i)));
    };
    AtomicInteger next = new AtomicInteger();
    List<Future<Void>> lanes = new ArrayList<>();
    for (int i = 0; i < Math.min(concurrency, items.size()); i++) {
      Promise<Void> lane = Promise.promise();
      lanes.add(lane.future());
      drive(items.size(), next, byIndex, lane);
    }
    return Future.join(lanes).mapEmpty();
  }

  private static void drive(int size, AtomicInteger next, Function<Integer, Future<?>> task, Promise<Void> lane) {
    while (true) {
      int i = next.getAndIncrement();
      if (i >= size) {
        lane.complete();
        return;
      }
      Future<?> f;
      try {
        f = task.apply(i);
      } catch (RuntimeException e) {
        f = Future.failedFuture(e);
      }
      if (!f.isComplete()) {
        f.onComplete(ar -> drive(size, next, task, lane));
        return;
      }
    }
  }
}
