package dev.magicexporter.metrics;

import dev.magicexporter.metrics.family.Conversion;
import dev.magicexporter.metrics.family.Family;
import dev.magicexporter.metrics.family.FamilyTable;
import dev.magicexporter.metrics.family.FamilyType;
import dev.magicexporter.model.EventKinds;
import dev.magicexporter.state.SnapshotsCheckpoint;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The connector event and snapshot-count families, as data. Every connector has
 * {@code cloudflare_connector_events_total} for all 16 kinds of the API reference from the first
 * scrape (0 until one happens), plus one series per kind outside the reference that it has sent.
 *
 * <pre>
 * cloudflare_connector_events_total{account_id="a1",connector_id="c1",kind="Reconcile"} 41
 * cloudflare_connector_event_last_timestamp_seconds{account_id="a1",connector_id="c1",kind="Reconcile"} 1.7e9
 * cloudflare_connector_events_lag_seconds{account_id="a1",connector_id="c1"} 12
 * cloudflare_connector_snapshots_total{account_id="a1",connector_id="c1"} 60
 * </pre>
 */
public final class ConnectorEventsFamilies {
  private static final String EVENTS_SOURCE = "GET .../telemetry/events items[].k";
  private static final String KIND = "kind";

  /** The families with every optional one, for the metrics reference. */
  public static final FamilyTable<ConnectorEventsView> REFERENCE = table(Clock.systemUTC(), true);

  private ConnectorEventsFamilies() {}

  /**
   * @param clock the time the lag is measured against
   * @param snapshotGaps include {@code cloudflare_connector_snapshot_gaps_total}: only the
   *     {@code list} snapshot strategy sees every snapshot and so can tell a gap
   */
  public static FamilyTable<ConnectorEventsView> table(Clock clock, boolean snapshotGaps) {
    List<Family<ConnectorEventsView>> families = new ArrayList<>(List.of(
        new Family<>("cloudflare_connector_events_total",
            "Connector events counted exactly once, by kind; kinds outside the API reference keep their own "
                + "sanitised name (at most 32 per connector, then kind=\"other\").",
            FamilyType.COUNTER, List.of(KIND), EVENTS_SOURCE, Conversion.NONE,
            (v, out) -> {
              for (String kind : EventKinds.KNOWN) {
                out.sample(kind, v.events().total(kind));
              }
              for (Map.Entry<String, Long> t : v.events().totals().entrySet()) {
                if (!EventKinds.isKnown(t.getKey())) {
                  out.sample(t.getKey(), t.getValue());
                }
              }
            }),
        new Family<>("cloudflare_connector_event_last_timestamp_seconds",
            "When the newest event of each kind was recorded (seconds since the epoch).",
            FamilyType.GAUGE, List.of(KIND), "GET .../telemetry/events items[].t (max per k)", Conversion.NONE,
            (v, out) -> v.events().lastT().forEach(out::sample)),
        Family.gauge("cloudflare_connector_events_newest_timestamp_seconds",
            "When the newest event of the connector was recorded (seconds since the epoch).",
            "GET .../telemetry/events items[].t (max)", Conversion.NONE,
            v -> v.events().newestT() == null ? Double.NaN : v.events().newestT()),
        Family.<ConnectorEventsView>gauge("cloudflare_connector_events_lag_seconds",
            "How far event counting is behind: seconds between now and the end of the last completed "
                + "events window (absent until one completed).",
            "", Conversion.NONE,
            v -> v.completedTo() == null ? Double.NaN
                : Math.max(0, clock.millis() / 1000.0 - v.completedTo())).asLive(),
        Family.counter("cloudflare_connector_snapshots_total",
            "Connector snapshots seen: with the latest strategy those fetched with a new t, with the list "
                + "strategy every snapshot listed.",
            "GET .../telemetry/snapshots/latest t, or .../telemetry/snapshots items[].t", Conversion.NONE,
            v -> v.snapshots().total())));
    if (snapshotGaps) {
      families.add(Family.counter("cloudflare_connector_snapshot_gaps_total",
          "Intervals between consecutive snapshots longer than " + (int) SnapshotsCheckpoint.GAP_FACTOR
              + " usual snapshot periods (list strategy only).",
          "GET .../telemetry/snapshots items[].t", Conversion.NONE, v -> v.snapshots().gaps()));
    }
    return new FamilyTable<>("Connector events",
        "Counted from `GET /accounts/{account_id}/magic/connectors/{connector_id}/telemetry/events` (paged "
            + "through its cursor from a checkpoint kept in the state directory, so counts survive restarts "
            + "and never count an event twice) and from the snapshot strategy. Counters show what is on "
            + "disk, so they never go back after a crash.",
        List.of("account_id", "connector_id"), families);
  }
}
