package dev.magicexporter.client;

/**
 * The pause during which every request of a credential is held back after a 429 (or a
 * {@code Ratelimit} header reporting nothing left), and the paused time so far. A shorter pause
 * never shortens a running one; extending one counts only the extra time. Caller's clock and lock.
 */
final class ThrottlePause {
  private boolean paused;
  private long until;
  private long totalNanos;

  boolean active(long now) {
    return paused && until - now > 0;
  }

  /** The end of the running pause; only meaningful while {@link #active}. */
  long until() {
    return until;
  }

  void extend(long now, long pauseNanos) {
    long end = now + Math.max(0, pauseNanos);
    long from = active(now) ? until : now;
    if (end - from > 0) {
      totalNanos += end - from;
      paused = true;
      until = end;
    }
  }

  /** Clears an expired pause. */
  void expire(long now) {
    if (!active(now)) {
      paused = false;
    }
  }

  long remainingNanos(long now) {
    return paused ? Math.max(0, until - now) : 0;
  }

  /** Paused time so far, counting a running pause only up to {@code now}. */
  double seconds(long now) {
    return (totalNanos - remainingNanos(now)) / 1e9;
  }
}
