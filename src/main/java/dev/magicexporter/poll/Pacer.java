package dev.magicexporter.poll;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/** Time and delays for pollers that spread their requests over a cycle: Vert.x timers in production. */
public interface Pacer {
  /** Milliseconds on a monotonic clock. */
  long nowMillis();

  /** Completes about {@code millis} from now (at once when not positive). */
  Future<Void> after(long millis);

  /** Drops the pending delays and fails later ones, so nothing paced starts after shutdown. */
  default void stop() {}

  /** No spreading: every delay is skipped (fixed-interval pollers, tests that do not pace). */
  Pacer NONE = new Pacer() {
    @Override
    public long nowMillis() {
      return 0;
    }

    @Override
    public Future<Void> after(long millis) {
      return Future.succeededFuture();
    }
  };

  static Pacer vertx(Vertx vertx) {
    java.util.Set<Long> timers = java.util.concurrent.ConcurrentHashMap.newKeySet();
    java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();
    return new Pacer() {
      @Override
      public void stop() {
        stopped.set(true);
        timers.forEach(vertx::cancelTimer);
        timers.clear();
      }

      @Override
      public long nowMillis() {
        return System.nanoTime() / 1_000_000;
      }

      @Override
      public Future<Void> after(long millis) {
        if (stopped.get()) {
          return Future.failedFuture("stopped");
        }
        if (millis <= 0) {
          return Future.succeededFuture();
        }
        Promise<Void> p = Promise.promise();
        long[] self = new long[1];
        self[0] = vertx.setTimer(millis, id -> {
          timers.remove(id);
          p.complete();
        });
        timers.add(self[0]);
        return p.future();
      }
    };
  }
}
