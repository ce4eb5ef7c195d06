package dev.magicexporter.poll;

import dev.magicexporter.client.CloudflareApi;
import dev.magicexporter.model.SnapshotListItem;
import dev.magicexporter.state.CheckpointStore;
import dev.magicexporter.state.SnapshotsCheckpoint;
import dev.magicexporter.store.ConnectorDirectory;
import dev.magicexporter.store.ConnectorRef;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The {@code list} snapshot strategy: per connector and cycle, page the snapshot list from where
 * it was last read, count every snapshot recorded (and the gaps between them, see
 * {@link SnapshotsCheckpoint#listed}), then fetch the newest full snapshot only if it is newer
 * than the one held. Costs the list pages plus at most one fetch; a connector with nothing new
 * costs one request and no fetch.
 *
 * <p>The list of one cycle is counted in one checkpoint write after its last page (unlike events,
 * there is nothing to gain from a write per page: the items are only times). A failed page
 * counts nothing and the next cycle reads the same range again.
 */
public final class ListSnapshotPlanner implements SnapshotPlanner {
  private final Function<String, CloudflareApi> apis;
  private final CheckpointStore store;
  private final Clock clock;
  private final Duration lookback;
  private final Duration settle;
  private final Map<ConnectorRef, Double> held = new ConcurrentHashMap<>();

  /**
   * @param lookback how far back a connector without a checkpoint starts counting
   *     (config {@code connectors.events_lookback})
   * @param settle margin re-read below the last {@code to}, for snapshots listed late
   */
  public ListSnapshotPlanner(Function<String, CloudflareApi> apis, ConnectorDirectory directory,
      CheckpointStore store, Clock clock, Duration lookback, Duration settle) {
    this.apis = apis;
    this.store = store;
    this.clock = clock;
    this.lookback = lookback;
    this.settle = settle;
    directory.onRemoved(gone -> gone.forEach(held::remove));
  }

  @Override
  public Future<SnapshotPlan> plan(ConnectorRef ref) {
    double now = Math.floor(clock.millis() / 1000.0);
    SnapshotsCheckpoint s = store.working(ref).snapshots();
    double from = now - lookback.toSeconds();
    if (s.lastT() != null || s.scannedTo() != null) {
      from = Math.max(s.lastT() == null ? Double.NEGATIVE_INFINITY : s.lastT(),
          s.scannedTo() == null ? Double.NEGATIVE_INFINITY : s.scannedTo() - settle.toSeconds());
    }
    double to = Math.max(from, now);
    List<Double> listed = new ArrayList<>();
    return apis.apply(ref.accountId())
        .snapshotList(ref.accountId(), ref.connectorId(), from, to, page -> {
          for (SnapshotListItem item : page.items()) {
            if (item.t() != null) {
              listed.add(item.t());
            }
          }
          return Future.succeededFuture();
        })
        .compose(v -> store.update(ref, c -> c.withSnapshots(c.snapshots().listed(listed, to)))
            // A failed write is logged by the store; the counts stay in memory and go with the next write.
            .recover(e -> Future.succeededFuture()))
        .map(v -> decide(ref));
  }

  private SnapshotPlan decide(ConnectorRef ref) {
    Double newest = store.working(ref).snapshots().lastT();
    if (newest == null) {
      return new SnapshotPlan.NothingNew();
    }
    Double have = held.get(ref);
    return have == null || newest > have ? new SnapshotPlan.FetchAt(newest) : new SnapshotPlan.NothingNew();
  }

  @Override
  public void stored(ConnectorRef connector, double t) {
    held.merge(connector, t, Math::max);
  }
}
