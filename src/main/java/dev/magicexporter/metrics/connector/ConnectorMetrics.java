package dev.magicexporter.metrics.connector;

import dev.magicexporter.metrics.Metrics;
import dev.magicexporter.metrics.family.FamilyCollector;
import dev.magicexporter.metrics.family.FamilyTable;
import dev.magicexporter.metrics.family.LabelValues;
import dev.magicexporter.metrics.family.Row;
import dev.magicexporter.model.Snapshot;
import dev.magicexporter.store.ConnectorRef;
import dev.magicexporter.store.ConnectorStore;
import dev.magicexporter.store.ConnectorStore.KnownConnector;
import dev.magicexporter.store.SnapshotStore;
import dev.magicexporter.store.SnapshotStore.SnapshotState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-connector series: connectors from discovery, their latest snapshots and the health of
 * the snapshot pipeline, read from the stores at scrape time. The {@code account_id} and
 * {@code connector_id} labels are encoded once per connector and reused by every family and
 * scrape.
 */
public final class ConnectorMetrics {
  private final ConnectorStore connectors;
  private final SnapshotStore snapshots;
  private final FamilyTable<Snapshot> snapshotTable;
  private final Map<ConnectorRef, LabelValues> labels = new ConcurrentHashMap<>();
  private final FamilyTable<SnapshotStore.SnapshotState> healthTable;

  /**
   * @param dhcpLeaseSeries export one series per DHCP lease (host names, MACs: personal data);
   *     config key {@code connectors.dhcp_lease_series}, default false
   */
  public ConnectorMetrics(ConnectorStore connectors, SnapshotStore snapshots, boolean dhcpLeaseSeries) {
    this(connectors, snapshots, dhcpLeaseSeries, java.time.Clock.systemUTC());
  }

  /** @param clock what snapshot ages are measured against (a fixed one in tests) */
  public ConnectorMetrics(ConnectorStore connectors, SnapshotStore snapshots, boolean dhcpLeaseSeries,
      java.time.Clock clock) {
    this.connectors = connectors;
    this.snapshots = snapshots;
    this.snapshotTable = SnapshotFamilies.table(dhcpLeaseSeries);
    this.healthTable = SnapshotHealthFamilies.table(clock);
  }

  /** Registers the three family collectors. */
  public void registerWith(Metrics metrics) {
    for (FamilyCollector<?> c : collectors()) {
      metrics.register(c);
    }
  }

  /** Connector, snapshot and pipeline-health collectors, in that order. */
  public List<FamilyCollector<?>> collectors() {
    return List.of(
        new FamilyCollector<>(ConnectorFamilies.TABLE, this::connectorRows),
        new FamilyCollector<>(snapshotTable, this::snapshotRows),
        new FamilyCollector<>(healthTable, this::healthRows));
  }

  List<Row<KnownConnector>> connectorRows() {
    Collection<KnownConnector> all = connectors.all();
    List<Row<KnownConnector>> rows = new ArrayList<>(all.size());
    for (KnownConnector k : all) {
      rows.add(new Row<>(labelsOf(k.ref()), k));
    }
    pruneLabels();
    return rows;
  }

  List<Row<Snapshot>> snapshotRows() {
    Collection<SnapshotState> all = snapshots.all();
    List<Row<Snapshot>> rows = new ArrayList<>(all.size());
    for (SnapshotState s : all) {
      if (s.snapshot() != null) {
        rows.add(new Row<>(labelsOf(s.ref()), s.snapshot()));
      }
    }
    return rows;
  }

  List<Row<SnapshotState>> healthRows() {
    Collection<SnapshotState> all = snapshots.all();
    List<Row<SnapshotState>> rows = new ArrayList<>(all.size());
    for (SnapshotState s : all) {
      rows.add(new Row<>(labelsOf(s.ref()), s));
    }
    return rows;
  }

  private LabelValues labelsOf(ConnectorRef ref) {
    LabelValues l = labels.get(ref);
    if (l == null) {
      l = LabelValues.of(snapshotTable.commonLabels(), ref.accountId(), ref.connectorId());
      labels.put(ref, l);
    }
    return l;
  }

  /** Forgets the labels of connectors that are in neither store any more. */
  private void pruneLabels() {
    if (labels.size() > connectors.size() + snapshots.size()) {
      labels.keySet().removeIf(r -> connectors.get(r) == null && snapshots.get(r) == null);
    }
  }
}
