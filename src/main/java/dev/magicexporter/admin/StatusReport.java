package dev.magicexporter.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data of {@code GET /status}: each poller's schedule, last success, last error and items
 * seen; each connector's checkpoint; the request budget per credential; the admin cache. One
 * builder feeds both the JSON and the HTML page, so they always agree.
 */
final class StatusReport {
  private StatusReport() {}

  static Map<String, Object> build(DaemonStatus status, ResponseCache cache, Instant now) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("generated_at", now.toString());
    List<Map<String, Object>> pollers = new ArrayList<>();
    for (DaemonStatus.Poller p : safe(status.pollers().get())) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", p.name());
      m.put("state", p.state());
      m.put("interval_seconds", seconds(p.interval()));
      m.put("last_start", iso(p.lastStart()));
      m.put("last_success", iso(p.lastSuccess()));
      m.put("last_failure", iso(p.lastFailure()));
      m.put("last_error", p.lastError());
      m.put("items_seen", p.itemsSeen());
      m.put("cycles", p.cycles());
      pollers.add(m);
    }
    out.put("pollers", pollers);
    List<Map<String, Object>> checkpoints = new ArrayList<>();
    for (DaemonStatus.Checkpoint c : safe(status.checkpoints().get())) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("account_id", c.accountId());
      m.put("connector_id", c.connectorId());
      m.put("stream", c.stream());
      m.put("position", c.position());
      m.put("saved_at", iso(c.savedAt()));
      checkpoints.add(m);
    }
    out.put("checkpoints", checkpoints);
    List<Map<String, Object>> budgets = new ArrayList<>();
    for (DaemonStatus.Budget b : safe(status.budgets().get())) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("credential", b.credential());
      m.put("limit", b.limit());
      m.put("window_seconds", seconds(b.window()));
      m.put("used", b.used());
      m.put("remaining", b.remaining());
      m.put("admin_reserved", b.adminReserved());
      budgets.add(m);
    }
    out.put("budgets", budgets);
    out.put("admin_cache", cache.stats());
    // Rules of metrics.allowlist/denylist/label_denylist with the families each one affects.
    out.put("metric_filter", safe(status.metricFilter().get()));
    return out;
  }

  private static <T> List<T> safe(List<T> l) {
    return l == null ? List.of() : l;
  }

  static String iso(Instant t) {
    return t == null ? null : t.toString();
  }

  static Double seconds(Duration d) {
    return d == null ? null : d.toMillis() / 1000.0;
  }
}
