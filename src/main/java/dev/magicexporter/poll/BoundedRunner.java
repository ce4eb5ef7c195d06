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
    if (items.isEmpty()) {
      return Future.succeededFuture();
    }
    AtomicInteger next = new AtomicInteger();
    List<Future<Void>> lanes = new ArrayList<>();
    for (int i = 0; i < Math.min(concurrency, items.size()); i++) {
      Promise<Void> lane = Promise.promise();
      lanes.add(lane.future());
      drive(items, next, task, lane);
    }
    return Future.join(lanes).mapEmpty();
  }

  private static <T> void drive(List<T> items, AtomicInteger next, Function<T, Future<?>> task, Promise<Void> lane) {
    while (true) {
      int i = next.getAndIncrement();
      if (i >= items.size()) {
        lane.complete();
        return;
      }
      Future<?> f;
      try {
        f = task.apply(items.get(i));
      } catch (RuntimeException e) {
        f = Future.failedFuture(e);
      }
      if (!f.isComplete()) {
        f.onComplete(ar -> drive(items, next, task, lane));
        return;
      }
    }
  }
}
