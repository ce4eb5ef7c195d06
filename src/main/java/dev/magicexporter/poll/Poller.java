package dev.magicexporter.poll;

import io.vertx.core.Future;
import java.time.Duration;

/**
 * One source polled on its own schedule (connector discovery, snapshots, events, tunnels, ...).
 * {@link #poll()} does one cycle and completes when it is done; it must not throw: failures of
 * single objects are counted inside and the last good data kept. A failed Future means the whole
 * cycle failed (for example the list request itself), and the scheduler records it.
 */
public interface Poller {
  /** Stable name for logs and the {@code poller} label, e.g. {@code snapshots}. */
  String name();

  /** Time between the starts of two cycles. */
  Duration interval();

  /** One cycle; the result says how many objects it saw. */
  Future<PollOutcome> poll();

  /** What one cycle did. {@code errors} counts objects that failed inside a successful cycle. */
  record PollOutcome(int items, int errors) {
    public static PollOutcome of(int items) {
      return new PollOutcome(items, 0);
    }
  }
}
