package dev.magicexporter.state;

import dev.magicexporter.store.ConnectorRef;

/** Everything kept on disk for one connector: its events and snapshots checkpoints. Immutable. */
public record ConnectorCheckpoint(ConnectorRef ref, EventsCheckpoint events, SnapshotsCheckpoint snapshots) {
  public static ConnectorCheckpoint empty(ConnectorRef ref) {
    return new ConnectorCheckpoint(ref, EventsCheckpoint.EMPTY, SnapshotsCheckpoint.EMPTY);
  }

  public ConnectorCheckpoint withEvents(EventsCheckpoint e) {
    return e == events ? this : new ConnectorCheckpoint(ref, e, snapshots);
  }

  public ConnectorCheckpoint withSnapshots(SnapshotsCheckpoint s) {
    return s == snapshots ? this : new ConnectorCheckpoint(ref, events, s);
  }

  /**
   * True when both versions count exactly the same: then they differ only in how far the
   * (empty) windows were read, and either one on disk resumes counting correctly.
   */
  public boolean sameCounts(ConnectorCheckpoint o) {
    return o != null
        && events.totals().equals(o.events.totals())
        && snapshots.total() == o.snapshots.total()
        && snapshots.gaps() == o.snapshots.gaps();
  }
}
