package dev.magicexporter.metrics;

import dev.magicexporter.model.EventKinds;
import dev.magicexporter.state.CheckpointStore;
import dev.magicexporter.state.ConnectorCheckpoint;
import dev.magicexporter.state.EventsCheckpoint;
import dev.magicexporter.state.SnapshotsCheckpoint;
import dev.magicexporter.store.ConnectorDirectory;
import dev.magicexporter.store.ConnectorRef;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Connector event and snapshot counters, read from the checkpoints at scrape time. Counters show
 * the version on disk only, so they never go back after a crash; every connector of the directory
 * has the counters of all seed kinds from the first scrape (at 0 until an event arrives), and
 * kinds outside the seed are added as they are seen.
 */
public final class ConnectorEventsCollector implements MultiCollector {
  /** Events counted per kind. {@code cloudflare_connector_events_total{account_id="…",connector_id="…",kind="Init"} 2} */
  public static final String EVENTS = "cloudflare_connector_events";
  /** When the newest event of each kind was recorded. {@code ..._event_last_timestamp_seconds{…,kind="Reconcile"} 1.7e9} */
  public static final String EVENT_LAST = "cloudflare_connector_event_last_timestamp_seconds";
  /** When the newest event of any kind was recorded. */
  public static final String EVENTS_NEWEST = "cloudflare_connector_events_newest_timestamp_seconds";
  /** Seconds between now and the end of the last completed events window: how far counting is behind. */
  public static final String EVENTS_LAG = "cloudflare_connector_events_lag_seconds";
  /** Snapshots seen. {@code cloudflare_connector_snapshots_total{account_id="…",connector_id="…"} 60} */
  public static final String SNAPSHOTS = "cloudflare_connector_snapshots";
  /** Intervals between consecutive snapshots much longer than the usual period (list strategy). */
  public static final String SNAPSHOT_GAPS = "cloudflare_connector_snapshot_gaps";

  private static final String ACCOUNT = "account_id";
  private static final String CONNECTOR = "connector_id";
  private static final String KIND = "kind";

  private final CheckpointStore store;
  private final ConnectorDirectory directory;
  private final Clock clock;
  private final boolean snapshotGaps;

  /**
   * @param snapshotGaps export {@link #SNAPSHOT_GAPS}: true with the {@code list} snapshot strategy,
   *     the only one that sees every snapshot and so can tell a gap
   */
  public ConnectorEventsCollector(CheckpointStore store, ConnectorDirectory directory, Clock clock,
      boolean snapshotGaps) {
    this.store = store;
    this.directory = directory;
    this.clock = clock;
    this.snapshotGaps = snapshotGaps;
  }

  @Override
  public List<String> getPrometheusNames() {
    return snapshotGaps
        ? List.of(EVENTS, EVENT_LAST, EVENTS_NEWEST, EVENTS_LAG, SNAPSHOTS, SNAPSHOT_GAPS)
        : List.of(EVENTS, EVENT_LAST, EVENTS_NEWEST, EVENTS_LAG, SNAPSHOTS);
  }

  @Override
  public MetricSnapshots collect() {
    double now = clock.millis() / 1000.0;
    CounterSnapshot.Builder events = CounterSnapshot.builder().name(EVENTS)
        .help("Connector events counted, by kind (kinds outside the API reference keep their own sanitised name).");
    GaugeSnapshot.Builder last = GaugeSnapshot.builder().name(EVENT_LAST).unit(Unit.SECONDS)
        .help("Time the newest event of each kind was recorded (seconds since the epoch).");
    GaugeSnapshot.Builder newest = GaugeSnapshot.builder().name(EVENTS_NEWEST).unit(Unit.SECONDS)
        .help("Time the newest event of the connector was recorded (seconds since the epoch).");
    GaugeSnapshot.Builder lag = GaugeSnapshot.builder().name(EVENTS_LAG).unit(Unit.SECONDS)
        .help("Seconds between now and the end of the last completed events window of the connector.");
    CounterSnapshot.Builder snapshots = CounterSnapshot.builder().name(SNAPSHOTS)
        .help("Connector snapshots seen (latest strategy: fetched with a new t; list strategy: listed).");
    CounterSnapshot.Builder gaps = CounterSnapshot.builder().name(SNAPSHOT_GAPS)
        .help("Intervals between consecutive snapshots longer than 3 usual snapshot periods.");

    Set<ConnectorRef> refs = new TreeSet<>(directory.connectors());
    refs.addAll(store.present());
    for (ConnectorRef ref : refs) {
      if (store.isRemoved(ref)) {
        continue;
      }
      Labels id = Labels.of(ACCOUNT, ref.accountId(), CONNECTOR, ref.connectorId());
      ConnectorCheckpoint durable = store.durable(ref);
      EventsCheckpoint e = durable == null ? EventsCheckpoint.EMPTY : durable.events();
      SnapshotsCheckpoint s = durable == null ? SnapshotsCheckpoint.EMPTY : durable.snapshots();
      for (String kind : EventKinds.KNOWN) {
        events.dataPoint(counter(id.add(KIND, kind), e.total(kind)));
      }
      for (Map.Entry<String, Long> t : e.totals().entrySet()) {
        if (!EventKinds.isKnown(t.getKey())) {
          events.dataPoint(counter(id.add(KIND, t.getKey()), t.getValue()));
        }
      }
      e.lastT().forEach((kind, t) -> last.dataPoint(gauge(id.add(KIND, kind), t)));
      if (e.newestT() != null) {
        newest.dataPoint(gauge(id, e.newestT()));
      }
      Double completedTo = store.working(ref).events().completedTo();
      if (completedTo != null) {
        lag.dataPoint(gauge(id, Math.max(0, now - completedTo)));
      }
      snapshots.dataPoint(counter(id, s.total()));
      if (snapshotGaps) {
        gaps.dataPoint(counter(id, s.gaps()));
      }
    }
    MetricSnapshots.Builder out = MetricSnapshots.builder()
        .metricSnapshot(events.build())
        .metricSnapshot(last.build())
        .metricSnapshot(newest.build())
        .metricSnapshot(lag.build())
        .metricSnapshot(snapshots.build());
    if (snapshotGaps) {
      out.metricSnapshot(gaps.build());
    }
    return out.build();
  }

  private static CounterDataPointSnapshot counter(Labels labels, double v) {
    return CounterDataPointSnapshot.builder().labels(labels).value(v).build();
  }

  private static GaugeDataPointSnapshot gauge(Labels labels, double v) {
    return GaugeDataPointSnapshot.builder().labels(labels).value(v).build();
  }
}
