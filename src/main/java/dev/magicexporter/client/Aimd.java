package dev.magicexporter.client;

/**
 * How many of its planned requests per window a credential may spend now. The budget never sends
 * more than its plan, so a 429 means someone else (the dashboard, Terraform, another tool of the
 * same user) spent the credential's upstream limit: the allowance is then halved, and raised again
 * by a tenth of the plan for every whole window without another one (additive increase,
 * multiplicative decrease, as TCP does with a shared link). It never drops below a tenth of the
 * plan, and at least one request.
 *
 * <p>Pure arithmetic on the caller's clock and lock; see {@link RequestBudget}.
 */
final class Aimd {
  static final double DECREASE = 0.5;
  static final double STEP = 0.1;
  static final double FLOOR = 0.1;

  private final int planned;
  private final long windowNanos;
  private final int step;
  private final int floor;
  private boolean lowered;
  private int base;
  private long since;

  Aimd(int planned, long windowNanos) {
    this.planned = planned;
    this.windowNanos = windowNanos;
    this.step = Math.max(1, (int) Math.round(planned * STEP));
    this.floor = Math.max(1, (int) Math.ceil(planned * FLOOR));
  }

  int planned() {
    return planned;
  }

  /** Requests per window allowed at {@code now}. */
  int allowed(long now) {
    if (!lowered) {
      return planned;
    }
    long windows = Math.max(0, (now - since) / windowNanos);
    long v = base + windows * step;
    if (v >= planned) {
      lowered = false;
      return planned;
    }
    return (int) v;
  }

  /** Upstream refused a request although the plan was kept: halve what is allowed now. */
  int decrease(long now) {
    int current = allowed(now);
    base = Math.max(floor, (int) Math.floor(current * DECREASE));
    since = now;
    lowered = base < planned;
    return base;
  }

  /** When the allowance rises next, or {@code Long.MAX_VALUE} when it is back at the plan. */
  long nextIncrease(long now) {
    if (!lowered) {
      return Long.MAX_VALUE;
    }
    long windows = Math.max(0, (now - since) / windowNanos);
    return since + (windows + 1) * windowNanos;
  }
}
