package dev.magicexporter.poll;

/**
 * What the snapshot poller should fetch for one connector in this cycle, as decided by a
 * {@link SnapshotPlanner}.
 */
public sealed interface SnapshotPlan {
  /** Fetch {@code snapshots/latest} (one request, no list). */
  record FetchLatest() implements SnapshotPlan {}

  /** Fetch the full snapshot recorded at {@code t} ({@code snapshots/{t}}). */
  record FetchAt(double t) implements SnapshotPlan {}

  /** The newest snapshot is already stored: fetch nothing. */
  record NothingNew() implements SnapshotPlan {}
}
