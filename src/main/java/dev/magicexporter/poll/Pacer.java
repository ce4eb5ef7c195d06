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
    return new Pacer() {
      @Override
      public long nowMillis() {
        return System.nanoTime() / 1_000_000;
      }

      @Override
      public Future<Void> after(long millis) {
        if (millis <= 0) {
          return Future.succeededFuture();
        }
        Promise<Void> p = Promise.promise();
        vertx.setTimer(millis, id -> p.complete());
        return p.future();
      }
    };
  }
}
