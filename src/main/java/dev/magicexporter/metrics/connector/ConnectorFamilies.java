package dev.magicexporter.metrics.connector;

import static dev.magicexporter.metrics.connector.SnapshotFamilies.PREFIX;

import dev.magicexporter.metrics.family.Conversion;
import dev.magicexporter.metrics.family.Family;
import dev.magicexporter.metrics.family.FamilyTable;
import dev.magicexporter.model.Connector;
import dev.magicexporter.store.ConnectorStore.KnownConnector;
import java.util.List;

/**
 * The connector objects of discovery as metric families. {@code notes} (free text written by
 * people) is not exported; {@code license_key} is never even read into the model.
 */
public final class ConnectorFamilies {
  private ConnectorFamilies() {}

  public static final FamilyTable<KnownConnector> TABLE = new FamilyTable<>("Connectors",
      "From `GET /accounts/{account_id}/magic/connectors` (connector discovery, every few minutes). "
          + "A connector that disappears from the account loses all its series, snapshot series included, "
          + "at the next discovery.",
      List.of(ConnectorLabels.ACCOUNT_ID, ConnectorLabels.CONNECTOR_ID),
      List.of(
          Family.info(PREFIX + "info", "Descriptive fields of the connector.",
              "id, device.id, device.serial_number, last_seen_version, timezone",
              List.of("device_id", "serial_number", "version", "timezone"), k -> {
                Connector c = k.connector();
                Connector.Device d = c.device();
                return new String[] {d == null ? null : d.id(), d == null ? null : d.serialNumber(),
                    c.lastSeenVersion(), c.timezone()};
              }),
          Family.gauge(PREFIX + "activated", "1 when the connector is activated, else 0.", "activated",
              Conversion.NONE, k -> flag(k.connector().activated())),
          Family.gauge(PREFIX + "last_heartbeat_timestamp_seconds",
              "Last heartbeat of the connector (seconds since the epoch; a connector beats every 10 s).",
              "last_heartbeat", Conversion.NONE, KnownConnector::lastHeartbeatSeconds),
          Family.gauge(PREFIX + "last_updated_timestamp_seconds",
              "Last change of the connector's configuration (seconds since the epoch).",
              "last_updated", Conversion.NONE, KnownConnector::lastUpdatedSeconds),
          Family.info(PREFIX + "interrupt_window_info",
              "Days of the week allowed for upgrades and dates when upgrades are blocked (comma-separated).",
              "interrupt_window_days_of_week, interrupt_window_embargo_dates",
              List.of("days_of_week", "embargo_dates"), k -> {
                Connector c = k.connector();
                if (c.interruptWindowDaysOfWeek() == null && c.interruptWindowEmbargoDates() == null) {
                  return null;
                }
                return new String[] {join(c.interruptWindowDaysOfWeek()), join(c.interruptWindowEmbargoDates())};
              }),
          Family.gauge(PREFIX + "interrupt_window_hour_of_day",
              "Hour of the day (connector time zone) when the upgrade window starts.",
              "interrupt_window_hour_of_day", Conversion.NONE,
              k -> number(k.connector().interruptWindowHourOfDay())),
          Family.gauge(PREFIX + "interrupt_window_duration_seconds", "Length of the upgrade window.",
              "interrupt_window_duration_hours", Conversion.HOURS_TO_SECONDS,
              k -> number(k.connector().interruptWindowDurationHours()))));

  private static double flag(Boolean b) {
    return b == null ? Double.NaN : b ? 1 : 0;
  }

  private static double number(Double d) {
    return d == null ? Double.NaN : d;
  }

  private static String join(List<String> l) {
    return l == null ? "" : String.join(",", l);
  }
}
