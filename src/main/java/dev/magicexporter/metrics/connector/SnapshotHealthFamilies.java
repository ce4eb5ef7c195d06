package dev.magicexporter.metrics.connector;

import dev.magicexporter.metrics.family.Conversion;
import dev.magicexporter.metrics.family.Family;
import dev.magicexporter.metrics.family.FamilyTable;
import dev.magicexporter.metrics.family.FamilyType;
import dev.magicexporter.metrics.self.SelfMetric;
import dev.magicexporter.store.SnapshotStore.SnapshotState;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** The health of each connector's snapshot pipeline, as seen by this exporter. */
public final class SnapshotHealthFamilies {
  private SnapshotHealthFamilies() {}

  /** The families on the system clock (production and the metrics reference). */
  public static final FamilyTable<SnapshotState> TABLE = table(Clock.systemUTC());

  /** @param clock what {@code cloudflare_exporter_snapshot_age_seconds} is measured against */
  public static FamilyTable<SnapshotState> table(Clock clock) {
    return new FamilyTable<>("Connector snapshot pipeline",
      "Per connector: whether this exporter's last snapshot fetch worked, and what failed. A failed fetch "
          + "keeps the last good snapshot series; alert on `cloudflare_connector_up == 0` or on the age of "
          + "`cloudflare_exporter_snapshot_last_success_timestamp_seconds`.",
      List.of(ConnectorLabels.ACCOUNT_ID, ConnectorLabels.CONNECTOR_ID),
      List.of(
          Family.gauge(SnapshotFamilies.PREFIX + "up",
              "1 when the last snapshot fetch for the connector succeeded, else 0.", "", Conversion.NONE,
              s -> s.up() ? 1 : 0),
          Family.gauge(SelfMetric.PREFIX + "snapshot_last_success_timestamp_seconds",
              "When a snapshot fetch for the connector last succeeded (seconds since the epoch).", "",
              Conversion.NONE, SnapshotState::lastSuccessSeconds),
          // Measured at scrape (live: never cached), like cloudflare_connector_events_lag_seconds: what
          // a user watching freshness under a short budget wants per connector, without time().
          Family.gauge(SelfMetric.PREFIX + "snapshot_age_seconds",
              "Age of the connector's newest snapshot held by this exporter: seconds between now and its t "
                  + "(absent until one was fetched). With a short budget, quiet connectors age up to "
                  + "cloudflare_exporter_schedule_cycle_seconds between polls, troubled ones up to "
                  + "cloudflare_exporter_schedule_troubled_cycle_seconds.", "",
              Conversion.NONE, (SnapshotState s) -> s.snapshot() == null ? Double.NaN
                  : Math.max(0, clock.millis() / 1000.0 - s.snapshot().t())).asLive(),
          Family.counter(SelfMetric.PREFIX + "snapshot_parse_errors_total",
              "Snapshots of the connector that could not be decoded (the last good one is kept).", "",
              Conversion.NONE, s -> s.parseErrors()),
          new Family<>(SelfMetric.PREFIX + "snapshot_fetch_errors_total",
              "Failed snapshot fetches other than parse errors, by kind (auth, not_found, throttled, server, "
                  + "network, timeout, validation).",
              FamilyType.COUNTER, List.of("kind"), "", Conversion.NONE, (s, out) -> {
                if (!s.fetchErrors().isEmpty()) {
                  for (Map.Entry<String, Long> e : s.fetchErrors().entrySet()) {
                    out.sample(e.getKey(), e.getValue());
                  }
                }
              })));
  }
}
