package dev.magicexporter.sim.magic;

import java.time.Instant;

/** Time helpers of the simulated world. */
public final class SimTime {
  /** 2023-01-01T00:00:00Z: permanent objects were created after this. */
  static final double EPOCH_2023 = 1672531200;

  private SimTime() {}

  /** RFC 3339 in UTC, with milliseconds only when there are some (as the API's examples). */
  public static String rfc3339(double seconds) {
    return Instant.ofEpochMilli(Math.round(seconds * 1000)).toString();
  }

  /** A creation time for a permanent object: within 500 days after 2023-01-01, fixed per seed. */
  public static double createdAt(long seed, Object... parts) {
    return EPOCH_2023 + SimHash.below(500 * 86400, seed, parts);
  }
}
