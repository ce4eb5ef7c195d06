package dev.magicexporter.sim;

import dev.magicexporter.sim.connectors.SimWorld;

/**
 * Stateless hashing that turns (seed, object, time slot) into reproducible pseudo-random values.
 * The simulated world keeps no history: every value is recomputed from these hashes, which is what
 * makes any time window reproducible and 10,000 connectors cost no memory. Public so that modules
 * in sub-packages derive their objects the same way, e.g. from {@link SimWorld#accountKey(String)}.
 */
public final class SimHash {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private SimHash() {}

  /** The SplitMix64 finalizer: a bijective avalanche of one long. */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  public static long of(long a, long b) {
    return mix(a * GOLDEN + mix(b + GOLDEN));
  }

  public static long of(long a, long b, long c) {
    return of(of(a, b), c);
  }

  public static long of(long a, long b, long c, long d) {
    return of(of(of(a, b), c), d);
  }

  /** A stable 64-bit hash of a string (FNV-1a over UTF-16 units, then mixed). */
  public static long of(String s) {
    long h = 0xCBF29CE484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001B3L;
    }
    return mix(h);
  }

  /** Uniform in [0, 1). */
  public static double unit(long h) {
    return (h >>> 11) * 0x1.0p-53;
  }

  /** Uniform in [0, n). */
  public static int below(long h, int n) {
    return (int) ((h >>> 1) % n);
  }

  /** Lower-case hex of {@code digits} digits (at most 16) from {@code h}. */
  public static String hex(long h, int digits) {
    String s = Long.toHexString(h);
    if (s.length() < 16) {
      s = "0".repeat(16 - s.length()) + s;
    }
    return s.substring(16 - digits);
  }
}
