package dev.magicexporter.sim.connectors;

import dev.magicexporter.sim.SimHash;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The connector object of the API for a simulated connector, with every field of the seed's
 * schema. {@code license_key} is left out: the API returns it only when a licence is provisioned
 * (create, re-provision), never on GET. Time-dependent fields follow the clock: the heartbeat
 * every 10 s, the version with upgrades, {@code last_updated} with a monthly configuration change.
 */
final class ConnectorObjects {
  static final List<String> DAYS = List.of("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday");
  private static final List<String> TIMEZONES = List.of("UTC", "Europe/London", "Europe/Berlin", "America/New_York",
      "America/Chicago", "America/Los_Angeles", "Asia/Singapore", "Asia/Tokyo", "Australia/Sydney");
  private static final List<String> SITES = List.of("Branch office", "Warehouse", "Retail store", "Data center",
      "Head office", "Factory");
  /** Configuration changes (and so {@code last_updated}) happen once per period. */
  static final long CONFIG_PERIOD_SECONDS = 30 * 86_400L;

  private ConnectorObjects() {}

  static Map<String, Object> describe(SimWorld world, SimConnector c) {
    ConnectorLife life = new ConnectorLife(c);
    long k = SimHash.of(c.key(), SimHash.of("connector"));
    long now = world.nowSecond();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", c.id());
    m.put("activated", c.role() != SimConnector.Role.DEACTIVATED);
    m.put("interrupt_window_days_of_week", days(k));
    m.put("interrupt_window_duration_hours", 1 + SimHash.below(SimHash.of(k, 2), 4));
    m.put("interrupt_window_embargo_dates", embargo(k, now));
    m.put("interrupt_window_hour_of_day", SimHash.below(SimHash.of(k, 3), 24));
    long configOffset = Math.floorMod(SimHash.of(k, 4), CONFIG_PERIOD_SECONDS);
    long lastUpdated = Math.floorDiv(now - configOffset, CONFIG_PERIOD_SECONDS) * CONFIG_PERIOD_SECONDS + configOffset;
    m.put("last_updated", Instant.ofEpochSecond(lastUpdated).toString());
    m.put("notes", SimHash.unit(SimHash.of(k, 5)) < 0.15 ? ""
        : SITES.get(SimHash.below(SimHash.of(k, 6), SITES.size())) + " " + (c.index() + 1));
    m.put("timezone", TIMEZONES.get(SimHash.below(SimHash.of(k, 7), TIMEZONES.size())));
    Map<String, Object> device = new LinkedHashMap<>();
    device.put("id", SimHash.hex(SimHash.of(k, 8), 16) + SimHash.hex(SimHash.of(k, 9), 16));
    if (c.role() != SimConnector.Role.NEVER_SEEN) {
      device.put("serial_number", "MC" + SimHash.hex(SimHash.of(k, 10), 10).toUpperCase());
    }
    m.put("device", device);
    Long heartbeat = life.lastHeartbeat(now);
    if (heartbeat != null) {
      m.put("last_heartbeat", Instant.ofEpochSecond(heartbeat).toString());
      m.put("last_seen_version", life.version(heartbeat));
    }
    return m;
  }

  private static List<String> days(long k) {
    double r = SimHash.unit(SimHash.of(k, 1));
    if (r < 0.7) {
      return DAYS;
    }
    if (r < 0.85) {
      return List.of("Saturday", "Sunday");
    }
    List<String> some = new ArrayList<>();
    for (int d = 0; d < DAYS.size(); d++) {
      if (SimHash.unit(SimHash.of(k, 20 + d)) < 0.5) {
        some.add(DAYS.get(d));
      }
    }
    return some.isEmpty() ? List.of("Wednesday") : some;
  }

  /** A few connectors block upgrades over the year-end holidays of the current year. */
  private static List<String> embargo(long k, long now) {
    if (SimHash.unit(SimHash.of(k, 11)) >= 0.2) {
      return List.of();
    }
    int year = LocalDate.ofInstant(Instant.ofEpochSecond(now), ZoneOffset.UTC).getYear();
    return List.of(year + "-12-24", year + "-12-25", year + "-12-31");
  }
}
