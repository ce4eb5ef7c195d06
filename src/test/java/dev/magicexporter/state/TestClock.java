package dev.magicexporter.state;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.DoubleSupplier;

/** A clock moved by hand, or read from a simulator clock, for deterministic tests. */
public final class TestClock extends Clock {
  private final DoubleSupplier seconds;

  private TestClock(DoubleSupplier seconds) {
    this.seconds = seconds;
  }

  /** A clock that only moves with {@link Manual#advance}. */
  public static Manual at(double epochSeconds) {
    return new Manual(epochSeconds);
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
  public static final class Manual extends Clock {
    private volatile double now;

    Manual(double now) {
      this.now = now;
    }

    public synchronized void advance(double s) {
      now += s;
    }

    public void set(double s) {
      now = s;
    }

    public double seconds() {
      return now;
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
      return Math.round(now * 1000.0);
    }
  }
}
