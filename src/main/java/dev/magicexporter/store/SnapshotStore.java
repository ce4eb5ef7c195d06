package dev.magicexporter.store;

import dev.magicexporter.model.Snapshot;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The latest good snapshot of every connector plus the health of its snapshot pipeline, as
 * immutable {@link SnapshotState}s swapped atomically per connector: a scrape reads whole states
 * and never sees half an update. A failed fetch keeps the last good snapshot. Connectors that
 * disappear from the directory are dropped with everything they had.
 */
public final class SnapshotStore {
  private final Map<ConnectorRef, SnapshotState> byRef = new ConcurrentSkipListMap<>();
  private final ConnectorDirectory directory;

  /**
   * One connector's state.
   *
   * @param snapshot the last good snapshot, or null when none was fetched yet
   * @param up whether the last attempt succeeded
   * @param lastSuccessSeconds when an attempt last succeeded (seconds since the epoch), NaN if never
   * @param parseErrors snapshots that could not be decoded, since the exporter started
   * @param fetchErrors other failed attempts by {@code ApiException.kind()}, sorted by kind
   * @param lastError the reason of the last failure while down, else null
   */
  public record SnapshotState(
      ConnectorRef ref, Snapshot snapshot, boolean up, double lastSuccessSeconds,
      long parseErrors, Map<String, Long> fetchErrors, String lastError) {
    public SnapshotState {
      fetchErrors = java.util.Collections.unmodifiableMap(new TreeMap<>(fetchErrors));
    }

    static SnapshotState initial(ConnectorRef ref) {
      return new SnapshotState(ref, null, false, Double.NaN, 0, Map.of(), null);
    }
  }

  /** Registers for removals so that vanished connectors lose their data within one discovery. */
  public SnapshotStore(ConnectorDirectory directory) {
    this.directory = directory;
    directory.onRemoved(this::removeAll);
  }

  /** A fetch that finishes after its connector was removed must not bring it back. */
  private boolean known(ConnectorRef ref) {
    return directory.connectors().contains(ref);
  }

  /** A new snapshot was fetched and decoded; returns the new state, or null for an unknown connector. */
  public SnapshotState stored(ConnectorRef ref, Snapshot snapshot, double nowSeconds) {
    if (!known(ref)) {
      return null;
    }
    return byRef.compute(ref, (r, old) -> {
      SnapshotState s = old == null ? SnapshotState.initial(r) : old;
      return new SnapshotState(r, snapshot, true, nowSeconds, s.parseErrors(), s.fetchErrors(), null);
    });
  }

  /** The attempt succeeded but brought nothing new (no snapshot yet, or already stored). */
  public SnapshotState unchanged(ConnectorRef ref, double nowSeconds) {
    if (!known(ref)) {
      return null;
    }
    return byRef.compute(ref, (r, old) -> {
      SnapshotState s = old == null ? SnapshotState.initial(r) : old;
      return new SnapshotState(r, s.snapshot(), true, nowSeconds, s.parseErrors(), s.fetchErrors(), null);
    });
  }

  /**
   * The attempt failed; the last good snapshot stays. {@code kind} is {@code malformed} for a
   * snapshot that could not be decoded (counted as a parse error), else the failure kind.
   */
  public SnapshotState failed(ConnectorRef ref, String kind, String reason) {
    if (!known(ref)) {
      return null;
    }
    return byRef.compute(ref, (r, old) -> {
      SnapshotState s = old == null ? SnapshotState.initial(r) : old;
      long parse = s.parseErrors();
      Map<String, Long> fetch = s.fetchErrors();
      if ("malformed".equals(kind)) {
        parse++;
      } else {
        Map<String, Long> m = new java.util.HashMap<>(fetch);
        m.merge(kind, 1L, Long::sum);
        fetch = m;
      }
      return new SnapshotState(r, s.snapshot(), false, s.lastSuccessSeconds(), parse, fetch, reason);
    });
  }

  public SnapshotState get(ConnectorRef ref) {
    return byRef.get(ref);
  }

  /** A live view of all states in connector order; callers that iterate several times copy it first. */
  public Collection<SnapshotState> all() {
    return byRef.values();
  }

  public int size() {
    return byRef.size();
  }

  void removeAll(Set<ConnectorRef> gone) {
    byRef.keySet().removeAll(gone);
  }
}
