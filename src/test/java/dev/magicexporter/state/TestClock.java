package dev.magicexporter.state;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.DoubleSupplier;

/** A clock moved by hand, or read from a simulator clock, for deterministic tests. */
public class TestClock extends Clock {
  private final DoubleSupplier seconds;

  private TestClock(DoubleSupplier seconds) {
    this.seconds = seconds;
  }

  /** A clock that only moves with {@link Manual#advance}. */
  public static Manual at(double epochSeconds) {
    return new Manual(epochSeconds);
  }

  /** A hand-moved clock starting at {@code start}. */
  public static Manual at(Instant start) {
    return new Manual(start.toEpochMilli() / 1000.0);
  }

  /** A clock reading the given supplier of seconds since the epoch (e.g. a simulator clock). */
  public static TestClock of(DoubleSupplier seconds) {
    return new TestClock(seconds);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  @Override
  public long millis() {
    return Math.round(seconds.getAsDouble() * 1000.0);
  }

  /** A hand-moved clock. */
  public static final class Manual extends TestClock {
    private final double[] now;

    private Manual(double start) {
      this(new double[] {start});
    }

    private Manual(double[] cell) {
      super(() -> cell[0]);
      this.now = cell;
    }

    public synchronized void advance(double s) {
      now[0] += s;
    }

    public void advance(Duration d) {
      advance(d.toMillis() / 1000.0);
    }

    public synchronized void set(double s) {
      now[0] = s;
    }

    public synchronized double seconds() {
      return now[0];
    }
  }
}
