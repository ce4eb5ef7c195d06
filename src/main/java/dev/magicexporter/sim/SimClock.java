package dev.magicexporter.sim;

/**
 * The simulator's notion of now, in seconds since the epoch. The world is a pure function of the
 * seed and this clock, so tests can move time by hand and get the same world every time.
 */
public interface SimClock {
  double nowSeconds();

  static SimClock system() {
    return () -> System.currentTimeMillis() / 1000.0;
  }

  /** A clock for tests, moved only by {@link Manual#advance(double)}. */
  final class Manual implements SimClock {
    private volatile double now;

    public Manual(double start) {
      this.now = start;
    }

    @Override
    public double nowSeconds() {
      return now;
    }

    public synchronized void advance(double seconds) {
      now += seconds;
    }

    public synchronized void set(double seconds) {
      now = seconds;
    }
  }
}
