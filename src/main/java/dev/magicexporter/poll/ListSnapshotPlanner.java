package dev.magicexporter.poll;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.magicexporter.client.ApiRequest;
import dev.magicexporter.client.CloudflareClient;
import dev.magicexporter.client.Json;
import dev.magicexporter.client.Priority;
import dev.magicexporter.client.ResultDecoder;
import dev.magicexporter.model.CursorPage;
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
  static final String PATH = "/accounts/{account_id}/magic/connectors/{connector_id}/telemetry/snapshots";

  /** An item that is not an object, or that the record cannot bind, becomes one without a time (skipped). */
  static final ResultDecoder<CursorPage<SnapshotListItem>> DECODER = ResultDecoder.cursorPage(p -> {
    JsonNode node = Json.MAPPER.readTree(p);
    if (node != null && node.isObject()) {
      try {
        return Json.MAPPER.treeToValue(node, SnapshotListItem.class);
      } catch (JsonProcessingException e) {
        // falls through to the item without a time
      }
    }
    return new SnapshotListItem(null, null);
  });

  private final Function<String, CloudflareClient> clients;
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
  public ListSnapshotPlanner(Function<String, CloudflareClient> clients, ConnectorDirectory directory,
      CheckpointStore store, Clock clock, Duration lookback, Duration settle) {
    this.clients = clients;
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
    ApiRequest req = ApiRequest.get(PATH)
        .withPath("account_id", ref.accountId())
        .withPath("connector_id", ref.connectorId())
        .withQuery("from", ApiRequest.decimal(from))
        .withQuery("to", ApiRequest.decimal(to))
        .withPriority(Priority.TELEMETRY);
    List<Double> listed = new ArrayList<>();
    return clients.apply(ref.accountId())
        .forEachCursorPage(req, DECODER, page -> {
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
