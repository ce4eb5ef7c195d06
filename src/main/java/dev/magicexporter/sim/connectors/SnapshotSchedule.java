package dev.magicexporter.sim.connectors;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * When a connector recorded snapshots: every {@link ConnectorLife#SNAPSHOT_PERIOD_SECONDS} on a
 * per-connector phase, except while its process was down.
 */
final class SnapshotSchedule {
  private SnapshotSchedule() {}

  /** Snapshot times with {@code from <= t <= to} and {@code t > afterT}, ascending, at most {@code max}. */
  static List<Long> times(ConnectorLife life, long from, long to, long afterT, int max) {
    List<Long> out = new ArrayList<>();
    if (!life.connector.role().reports() || from > to) {
      return out;
    }
    long start = afterT == Long.MIN_VALUE ? from : Math.max(from, afterT + 1);
    for (long t = life.snapshotAtOrAfter(start); t <= to && out.size() < max; t += ConnectorLife.SNAPSHOT_PERIOD_SECONDS) {
      if (life.online(t)) {
        out.add(t);
      }
    }
    return out;
  }

  /** The newest snapshot time in {@code [from, to]}. */
  static OptionalLong latest(ConnectorLife life, long from, long to) {
    if (!life.connector.role().reports()) {
      return OptionalLong.empty();
    }
    for (long t = life.snapshotAtOrBefore(to); t >= from; t -= ConnectorLife.SNAPSHOT_PERIOD_SECONDS) {
      if (life.online(t)) {
        return OptionalLong.of(t);
      }
    }
    return OptionalLong.empty();
  }
}
