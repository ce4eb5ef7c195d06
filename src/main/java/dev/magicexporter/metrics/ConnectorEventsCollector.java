package dev.magicexporter.metrics;

import dev.magicexporter.metrics.family.FamilyCollector;
import dev.magicexporter.metrics.family.FamilyTable;
import dev.magicexporter.metrics.family.LabelValues;
import dev.magicexporter.metrics.family.Row;
import dev.magicexporter.state.CheckpointStore;
import dev.magicexporter.state.ConnectorCheckpoint;
import dev.magicexporter.store.ConnectorDirectory;
import dev.magicexporter.store.ConnectorRef;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rows of {@link ConnectorEventsFamilies}, read from the checkpoints at scrape time: every
 * connector of the directory (at 0 until its first events are on disk) and every connector with a
 * checkpoint that is not marked as gone (so counters continue across a restart before the first
 * discovery). Register {@link #familyCollector()} with {@code Metrics.register}.
 */
public final class ConnectorEventsCollector {
  private final CheckpointStore store;
  private final ConnectorDirectory directory;
  private final FamilyTable<ConnectorEventsView> table;
  private volatile Map<ConnectorRef, LabelValues> labels = Map.of();

  /**
   * @param snapshotGaps true with the {@code list} snapshot strategy (config
   *     {@code connectors.snapshot_strategy: list}), which alone can count gaps
   */
  public ConnectorEventsCollector(CheckpointStore store, ConnectorDirectory directory, Clock clock,
      boolean snapshotGaps) {
    this.store = store;
    this.directory = directory;
    this.table = ConnectorEventsFamilies.table(clock, snapshotGaps);
  }

  public FamilyCollector<ConnectorEventsView> familyCollector() {
    return new FamilyCollector<>(table, this::rows);
  }

  /** One row per exported connector, in a stable order. */
  public List<Row<ConnectorEventsView>> rows() {
    Set<ConnectorRef> refs = new TreeSet<>(directory.connectors());
    refs.addAll(store.present());
    Map<ConnectorRef, LabelValues> previous = labels;
    Map<ConnectorRef, LabelValues> current = new HashMap<>(previous.size() * 2 + 16);
    List<Row<ConnectorEventsView>> rows = new ArrayList<>(refs.size());
    for (ConnectorRef ref : refs) {
      if (store.isRemoved(ref)) {
        continue;
      }
      LabelValues l = previous.get(ref);
      if (l == null) {
        l = table.labels(ref.accountId(), ref.connectorId());
      }
      current.put(ref, l);
      ConnectorCheckpoint durable = store.durable(ref);
      Double completedTo = store.working(ref).events().completedTo();
      ConnectorEventsView view = durable == null
          ? new ConnectorEventsView(ConnectorEventsView.EMPTY.events(), ConnectorEventsView.EMPTY.snapshots(), completedTo)
          : new ConnectorEventsView(durable.events(), durable.snapshots(), completedTo);
      rows.add(new Row<>(l, view));
    }
    labels = current;
    return rows;
  }
}
