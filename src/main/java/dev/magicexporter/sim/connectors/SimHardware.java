package dev.magicexporter.sim.connectors;

import dev.magicexporter.sim.SimHash;
import java.util.List;

/**
 * What a connector runs on: fixed for the connector's life and derived from its key. Connector 0
 * of every account is the "reference appliance" with every optional feature, so that its
 * snapshots carry every field of the schema.
 *
 * @param scale traffic multiplier for network and disk counters
 * @param spare whether a third, unplugged port {@code eth2} exists
 * @param tunnels number of tunnels the connector terminates
 */
record SimHardware(
    String platform,
    int cpus,
    long memoryBytes,
    long swapBytes,
    long diskBytes,
    double scale,
    long linkSpeedBps,
    boolean bonded,
    boolean dhcpServer,
    boolean nvme,
    boolean usbStick,
    boolean highAvailability,
    boolean spare,
    int tunnels) {

  private static final List<String> PLATFORMS = List.of("hardware", "hardware", "vmware", "kvm", "aws", "azure", "gcp");
  private static final int[] CPUS = {2, 4, 4, 8, 16};
  private static final long GIB = 1L << 30;
  private static final long[] MEMORY = {4 * GIB, 8 * GIB, 8 * GIB, 16 * GIB, 32 * GIB};

  static SimHardware of(SimConnector c) {
    long k = SimHash.of(c.key(), SimHash.of("hardware"));
    if (c.index() == 0) {
      return new SimHardware("hardware", 4, 8 * GIB, 2 * GIB, 128 * GIB, 1.0, 1_000_000_000L,
          true, true, true, true, true, true, 3);
    }
    String platform = PLATFORMS.get(SimHash.below(SimHash.of(k, 1), PLATFORMS.size()));
    boolean physical = platform.equals("hardware");
    return new SimHardware(
        platform,
        CPUS[SimHash.below(SimHash.of(k, 2), CPUS.length)],
        MEMORY[SimHash.below(SimHash.of(k, 3), MEMORY.length)],
        SimHash.unit(SimHash.of(k, 4)) < 0.5 ? 2 * GIB : 0,
        (64L << SimHash.below(SimHash.of(k, 5), 3)) * GIB,
        0.2 + 2.8 * SimHash.unit(SimHash.of(k, 6)),
        SimHash.unit(SimHash.of(k, 7)) < 0.3 ? 10_000_000_000L : 1_000_000_000L,
        physical && SimHash.unit(SimHash.of(k, 8)) < 0.5,
        SimHash.unit(SimHash.of(k, 9)) < 0.6,
        SimHash.unit(SimHash.of(k, 10)) < 0.7,
        physical && SimHash.unit(SimHash.of(k, 11)) < 0.2,
        SimHash.unit(SimHash.of(k, 12)) < 0.6,
        physical && SimHash.unit(SimHash.of(k, 13)) < 0.5,
        1 + SimHash.below(SimHash.of(k, 14), 4));
  }

  /** Thermal sensors are visible on physical appliances only. */
  boolean sensors() {
    return platform.equals("hardware");
  }
}
