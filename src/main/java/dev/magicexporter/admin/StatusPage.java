package dev.magicexporter.admin;

import java.util.List;
import java.util.Map;

/**
 * The status page (like Prometheus' /targets), rendered on the server from the same
 * {@link StatusReport} as the JSON. Every value is HTML-escaped and the page is served with a
 * Content-Security-Policy that allows no script at all.
 */
final class StatusPage {
  static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

  private static final String STYLE = "body{font-family:sans-serif;margin:2em}"
      + "table{border-collapse:collapse;margin-bottom:2em}th,td{border:1px solid #ccc;padding:4px 8px;text-align:left}"
      + "th{background:#eee}.ok{color:#070}.failing{color:#b00}.pending{color:#777}";

  private StatusPage() {}

  @SuppressWarnings("unchecked")
  static String render(Map<String, Object> report) {
    StringBuilder h = new StringBuilder(4096);
    h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>magic-exporter status</title>")
        .append("<style>").append(STYLE).append("</style></head><body>")
        .append("<h1>magic-exporter status</h1><p>Generated at ").append(esc(report.get("generated_at")))
        .append(" &middot; <a href=\"/status\">JSON</a></p>");
    table(h, "pollers", "Pollers", (List<Map<String, Object>>) report.get("pollers"),
        new String[] {"name", "state", "interval_seconds", "last_success", "last_failure", "last_error",
            "items_seen", "cycles"},
        new String[] {"Poller", "State", "Interval (s)", "Last success", "Last failure", "Last error", "Items seen",
            "Cycles"});
    table(h, "checkpoints", "Connector checkpoints", (List<Map<String, Object>>) report.get("checkpoints"),
        new String[] {"account_id", "connector_id", "stream", "position", "saved_at"},
        new String[] {"Account", "Connector", "Stream", "Position", "Saved at"});
    table(h, "budgets", "Request budget by credential", (List<Map<String, Object>>) report.get("budgets"),
        new String[] {"credential", "limit", "window_seconds", "used", "remaining", "admin_reserved"},
        new String[] {"Credential", "Limit", "Window (s)", "Used", "Remaining", "Reserved for admin"});
    table(h, "metric_filter", "Metric filter", (List<Map<String, Object>>) report.get("metric_filter"),
        new String[] {"list", "value", "effect", "families", "refused"},
        new String[] {"List", "Pattern or label", "Effect", "Families", "Label kept in (would merge series)"});
    Map<String, Object> cache = (Map<String, Object>) report.get("admin_cache");
    h.append("<h2>Admin API cache</h2><table id=\"cache\"><tbody>");
    for (String k : new String[] {"hits", "misses", "hit_ratio", "entries", "evictions", "invalidations",
        "default_ttl_seconds"}) {
      h.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(cache.get(k))).append("</td></tr>");
    }
    h.append("</tbody></table></body></html>");
    return h.toString();
  }

  private static void table(StringBuilder h, String id, String title, List<Map<String, Object>> rows,
      String[] keys, String[] heads) {
    h.append("<h2>").append(esc(title)).append("</h2><table id=\"").append(id).append("\"><thead><tr>");
    for (String head : heads) {
      h.append("<th>").append(esc(head)).append("</th>");
    }
    h.append("</tr></thead><tbody>");
    if (rows.isEmpty()) {
      h.append("<tr><td colspan=\"").append(keys.length).append("\">none</td></tr>");
    }
    for (Map<String, Object> row : rows) {
      h.append("<tr>");
      for (String k : keys) {
        Object v = row.get(k);
        if (k.equals("state")) {
          h.append("<td class=\"").append(esc(v)).append("\">").append(esc(v)).append("</td>");
        } else {
          h.append("<td>").append(v == null ? "" : esc(v)).append("</td>");
        }
      }
      h.append("</tr>");
    }
    h.append("</tbody></table>");
  }

  /** HTML-escapes text and attribute values. */
  static String esc(Object o) {
    String s = String.valueOf(o);
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
