package dev.magicexporter.poll;

import dev.magicexporter.store.ConnectorRef;
import io.vertx.core.Future;

/**
 * The snapshot strategy: decides per connector and cycle which full snapshot to fetch, and counts
 * the snapshots seen. {@code latest} plans {@link SnapshotPlan.FetchLatest} without a request;
 * {@code list} pages the snapshot list from the last seen {@code t} first. The snapshot poller
 * fetches what is planned and reports each stored snapshot back through {@link #stored}.
 */
public interface SnapshotPlanner {
  Future<SnapshotPlan> plan(ConnectorRef connector);

  /** A full snapshot recorded at {@code t} was fetched and stored for {@code connector}. */
  void stored(ConnectorRef connector, double t);
}
