package dev.magicexporter.metrics.family;

/**
 * How a raw API value becomes a value in base units: {@code raw * multiply / divide}. Division
 * (rather than multiplying by 0.001) keeps {@code 1234 ms} an exact-looking {@code 1.234}.
 *
 * @param multiply factor applied first
 * @param divide divisor applied second
 * @param doc how the metrics reference describes the conversion, e.g. {@code ms / 1000}
 */
public record Conversion(double multiply, double divide, String doc) {
  /** The value is already in base units. */
  public static final Conversion NONE = new Conversion(1, 1, "");
  /** Milliseconds to seconds. */
  public static final Conversion MILLIS_TO_SECONDS = new Conversion(1, 1000, "ms / 1000");
  /** Microseconds to seconds. */
  public static final Conversion MICROS_TO_SECONDS = new Conversion(1, 1_000_000, "us / 1e6");
  /** 512-byte disk sectors (the Linux block layer's unit in /proc/diskstats) to bytes. */
  public static final Conversion SECTORS_TO_BYTES = new Conversion(512, 1, "sectors x 512");
  /** Bits per second to bytes per second. */
  public static final Conversion BITS_TO_BYTES = new Conversion(1, 8, "bits / 8");
  /** Hours to seconds. */
  public static final Conversion HOURS_TO_SECONDS = new Conversion(3600, 1, "hours x 3600");
  /** A percentage (0..100) to a ratio (0..1). */
  public static final Conversion PERCENT_TO_RATIO = new Conversion(1, 100, "% / 100");

  public Conversion {
    if (!(multiply > 0) || !(divide > 0) || doc == null) {
      throw new IllegalArgumentException("conversion needs positive factors and a doc string");
    }
  }

  /** Applies the conversion; NaN (an absent value) stays NaN. */
  public double apply(double raw) {
    if (multiply == 1 && divide == 1) {
      return raw;
    }
    return raw * multiply / divide;
  }

  public boolean isIdentity() {
    return multiply == 1 && divide == 1;
  }
}
