package dev.magicexporter.state;

import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;

/**
 * One connector's checkpoint bookkeeping at one instant: immutable, replaced as a whole by
 * compare-and-set (see the package comment for why).
 *
 * @param working the newest version (in memory)
 * @param durable the newest version on disk, or null
 * @param version number of {@code working}; {@code durableVersion} that of {@code durable}
 * @param durableAtMillis when {@code durable} was written (or loaded)
 * @param removedAtMillis when the connector left the directory, or null while it is present
 * @param busy a write or the deletion of the file is in flight; at most one at a time
 * @param deleted the file is deleted and the slot left the store: updates make a new one
 * @param waiters futures of updates waiting for a version to be on disk
 */
record SlotState(
    ConnectorCheckpoint working,
    ConnectorCheckpoint durable,
    long version,
    long durableVersion,
    long durableAtMillis,
    Long removedAtMillis,
    boolean busy,
    boolean deleted,
    List<Waiter> waiters) {

  /** An update waiting for {@code version} (or a later one) to be on disk. */
  record Waiter(long version, Promise<Void> promise) {}

  SlotState {
    waiters = List.copyOf(waiters);
  }

  static SlotState fresh(ConnectorCheckpoint cp, long nowMillis) {
    return new SlotState(cp, null, 0, 0, nowMillis, null, false, false, List.of());
  }

  static SlotState loaded(ConnectorCheckpoint cp, long nowMillis) {
    return new SlotState(cp, cp, 0, 0, nowMillis, null, false, false, List.of());
  }

  ConnectorCheckpoint durableOrEmpty() {
    return durable != null ? durable : ConnectorCheckpoint.empty(working.ref());
  }

  /** A new working version; with {@code waiter}, a write is wanted (and in flight after this). */
  SlotState changed(ConnectorCheckpoint next, Promise<Void> waiter) {
    List<Waiter> w = waiters;
    if (waiter != null) {
      w = new ArrayList<>(waiters);
      w.add(new Waiter(version + 1, waiter));
    }
    return new SlotState(next, durable, version + 1, durableVersion, durableAtMillis, removedAtMillis,
        busy || waiter != null, deleted, w);
  }

  /** A write of the current version is wanted. */
  SlotState flushing(Promise<Void> waiter) {
    List<Waiter> w = new ArrayList<>(waiters);
    w.add(new Waiter(version, waiter));
    return new SlotState(working, durable, version, durableVersion, durableAtMillis, removedAtMillis, true, deleted, w);
  }

  /** Version {@code v} ({@code cp}) is on disk, or failed to get there ({@code cp} null). */
  SlotState written(ConnectorCheckpoint cp, long v, long nowMillis, List<Waiter> remaining) {
    boolean ok = cp != null;
    return new SlotState(working, ok ? cp : durable, version, ok ? v : durableVersion,
        ok ? nowMillis : durableAtMillis, removedAtMillis, !remaining.isEmpty(), deleted, remaining);
  }

  SlotState removedAt(Long millis) {
    return new SlotState(working, durable, version, durableVersion, durableAtMillis, millis, busy, deleted, waiters);
  }

  SlotState withBusy(boolean b) {
    return new SlotState(working, durable, version, durableVersion, durableAtMillis, removedAtMillis, b, deleted,
        waiters);
  }

  SlotState asDeleted() {
    return new SlotState(working, durable, version, durableVersion, durableAtMillis, removedAtMillis, false, true,
        waiters);
  }
}
