package dev.magicexporter.sim.connectors;

import dev.magicexporter.sim.SimHash;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the full snapshot a connector recorded at {@code t}, field by field from
 * {@link SnapshotFields#TOP_LEVEL}. Now and then ({@link #DROP_RATE} of snapshots) one optional
 * field is missing, as when a collector on the device fails, so consumers meet absent fields.
 */
final class SnapshotGenerator {
  static final double DROP_RATE = 0.04;
  private static final long DROP_SALT = SimHash.of("drop");

  private SnapshotGenerator() {}

  static Map<String, Object> snapshot(SimWorld world, ConnectorLife life, long t) {
    SnapshotSample s = new SnapshotSample(world, life, SimHardware.of(life.connector), t);
    long h = SimHash.of(life.key, DROP_SALT, t);
    String dropped = SimHash.unit(h) < DROP_RATE
        ? SnapshotFields.OPTIONAL.get(SimHash.below(SimHash.of(h, 1), SnapshotFields.OPTIONAL.size())).name()
        : null;
    Map<String, Object> out = new LinkedHashMap<>(256);
    for (SnapshotFields.Field f : SnapshotFields.TOP_LEVEL) {
      if (f.name().equals(dropped)) {
        continue;
      }
      Object v = f.value().apply(s);
      if (v != null) {
        out.put(f.name(), v);
      }
    }
    return out;
  }

  /** When the snapshot recorded at {@code t} was collected: 1 to 6 s later, to the millisecond. */
  static double collectedAt(ConnectorLife life, long t) {
    return (t * 1000 + Math.round((1 + 5 * SimHash.unit(SimHash.of(life.key, DROP_SALT, t, 7))) * 1000)) / 1000.0;
  }
}
