package dev.magicexporter.sim.magic;

/**
 * How big each account's simulated Magic estate is. Churned objects (sites that come and go,
 * captures and buckets that appear over time) come on top of these.
 */
public record MagicSimSizes(
    int greTunnels,
    int ipsecTunnels,
    int interconnects,
    int services,
    int sites,
    int accountApps,
    int managedApps,
    int routes) {

  public MagicSimSizes {
    if (greTunnels < 0 || ipsecTunnels < 0 || interconnects < 0 || services < 0 || sites < 0 || accountApps < 0
        || managedApps < 0 || routes < 0) {
      throw new IllegalArgumentException("sizes cannot be negative");
    }
  }

  /** A small estate whose services list spans three pages of 20. */
  public static MagicSimSizes defaults() {
    return new MagicSimSizes(3, 3, 2, 45, 4, 3, 2, 120);
  }

  /** Every count multiplied by {@code factor} (benchmarks, big-account tests). */
  public MagicSimSizes times(int factor) {
    return new MagicSimSizes(greTunnels * factor, ipsecTunnels * factor, interconnects * factor, services * factor,
        sites * factor, accountApps * factor, managedApps * factor, routes * factor);
  }
}
