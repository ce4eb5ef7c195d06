package dev.magicexporter.poll;

import dev.magicexporter.testing.ManualClock;
import io.vertx.core.Future;
import io.vertx.core.Promise;

/**
 * One hand-moved clock for the budget and for everything the scheduler times ({@link Pacer}):
 * time moves only in {@link #advance}, which runs the timers that fall due in order, so what the
 * budget grants and when a paced request starts depend on this clock alone. Starts at zero.
 */
final class HandClock extends ManualClock implements Pacer {
  HandClock() {
    super(0);
  }

  @Override
  public long nowMillis() {
    return nanoTime() / 1_000_000;
  }

  /** Seconds since the clock started. */
  double seconds() {
    return nanoTime() / 1e9;
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
}
