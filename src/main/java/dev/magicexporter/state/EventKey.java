package dev.magicexporter.state;

/**
 * The identity and order of an event: its time {@code t}, then its sequence number {@code n}
 * among events with the same {@code t}. {@code n == Long.MIN_VALUE} marks a position before every
 * event recorded at {@code t} (see {@link #before(double)}).
 */
public record EventKey(double t, long n) implements Comparable<EventKey> {
  /** The position just before the first event recorded at {@code t}. */
  public static EventKey before(double t) {
    return new EventKey(t, Long.MIN_VALUE);
  }

  public boolean isBeforeAll() {
    return n == Long.MIN_VALUE;
  }

  @Override
  public int compareTo(EventKey o) {
    int c = Double.compare(t, o.t);
    return c != 0 ? c : Long.compare(n, o.n);
  }

  public static EventKey max(EventKey a, EventKey b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
