package dev.magicexporter.poll;

import dev.magicexporter.state.CheckpointStore;
import dev.magicexporter.store.ConnectorRef;
import io.vertx.core.Future;

/**
 * The {@code latest} snapshot strategy (the default): one request per connector and cycle,
 * {@code snapshots/latest}, planned without any request of its own. A snapshot is counted when
 * the poller stores one whose {@code t} is newer than the last counted, so
 * {@code cloudflare_connector_snapshots_total} counts the snapshots this exporter saw, which is
 * fewer than the connector recorded when it records faster than the poll interval (the
 * {@code list} strategy counts them all).
 */
public final class LatestSnapshotPlanner implements SnapshotPlanner {
  private static final Future<SnapshotPlan> FETCH_LATEST = Future.succeededFuture(new SnapshotPlan.FetchLatest());

  private final CheckpointStore store;

  public LatestSnapshotPlanner(CheckpointStore store) {
    this.store = store;
  }

  @Override
  public Future<SnapshotPlan> plan(ConnectorRef connector) {
    return FETCH_LATEST;
  }

  @Override
  public void stored(ConnectorRef connector, double t) {
    // A failed write is logged by the store and retried with the next one; the count stays in memory.
    store.update(connector, c -> c.withSnapshots(c.snapshots().stored(t)));
  }
}
