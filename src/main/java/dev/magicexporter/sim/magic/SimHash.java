package dev.magicexporter.sim.magic;

import java.nio.charset.StandardCharsets;

/**
 * Stable hashing for the simulated world: the same seed and names give the same numbers on every
 * run and JVM (FNV-1a over UTF-8, finished by the SplitMix64 mixer), so the world is a pure
 * function of the seed, the clock and the writes made to it.
 */
public final class SimHash {
  private SimHash() {}

  static long of(long seed, Object... parts) {
    long h = 0xcbf29ce484222325L ^ mix(seed);
    for (Object part : parts) {
      byte[] b = String.valueOf(part).getBytes(StandardCharsets.UTF_8);
      for (byte x : b) {
        h ^= (x & 0xff);
        h *= 0x100000001b3L;
      }
      h ^= 0xff;
      h *= 0x100000001b3L;
    }
    return mix(h);
  }

  static long mix(long z) {
    z += 0x9e3779b97f4a7c15L;
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** A 32-hex-digit identifier like Cloudflare's. */
  public static String id(long seed, Object... parts) {
    long a = of(seed, parts);
    long b = mix(a ^ 0x5851f42d4c957f2dL);
    return String.format("%016x%016x", a, b);
  }

  /** A UUID-shaped identifier (services, Cloudflare Tunnels). */
  public static String uuid(long seed, Object... parts) {
    String h = id(seed, parts);
    return h.substring(0, 8) + "-" + h.substring(8, 12) + "-7" + h.substring(13, 16) + "-"
        + h.substring(16, 20) + "-" + h.substring(20, 32);
  }

  /** A number in {@code [0, bound)}. */
  public static int below(int bound, long seed, Object... parts) {
    return (int) Math.floorMod(of(seed, parts), (long) bound);
  }

  /** A number in {@code [0, 1)}. */
  public static double unit(long seed, Object... parts) {
    return (of(seed, parts) >>> 11) * 0x1.0p-53;
  }
}
