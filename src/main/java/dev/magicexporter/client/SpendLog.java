package dev.magicexporter.client;

/**
 * Start times of the requests of the last window, oldest first, in a ring of fixed size: the
 * sliding-window log of one pool of a {@link RequestBudget}. How many of its slots may be used is
 * the budget's decision (it lowers that number after a 429), so the log only records and expires.
 */
final class SpendLog {
  private final long[] times;
  private int head;
  private int size;

  SpendLog(int capacity) {
    times = new long[capacity];
  }

  int capacity() {
    return times.length;
  }

  int size() {
    return size;
  }

  /** Slots left below {@code cap} (at most the capacity). */
  int free(int cap) {
    return Math.max(0, Math.min(cap, times.length) - size);
  }

  void add(long t) {
    times[(head + size) % times.length] = t;
    size++;
  }

  /** The start time of the {@code k}-th oldest entry, 0 being the oldest. */
  long nth(int k) {
    return times[(head + k) % times.length];
  }

  /**
   * When the log will next hold fewer than {@code cap} entries (the next slot to come back), given
   * that entries leave one window after they were added; only meaningful while {@code size >= cap}.
   */
  long nextBelow(int cap, long window) {
    return nth(Math.max(0, size - Math.max(cap, 1))) + window;
  }

  void expire(long now, long window) {
    while (size > 0 && now - times[head] >= window) {
      head = (head + 1) % times.length;
      size--;
    }
  }
}
