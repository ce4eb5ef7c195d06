package dev.magicexporter.client;

/**
 * Who is asking, so the request budget can serve the most useful requests first and keep the
 * admin API's reserved share. Order matters: earlier constants are served first.
 */
public enum Priority {
  /** Connector snapshots and events: the data users alert on. */
  TELEMETRY,
  /** Tunnels, interconnects, captures. */
  TUNNELS,
  /** Slow-changing inventory (sites, LANs, WANs, ACLs, apps, routes, services, discovery). */
  INVENTORY,
  /**
   * A connector's first snapshot and events after a start or after discovery found it: sent as
   * fast as the free window allows, but after everything above, so a first pass larger than the
   * window never holds up the steady cycle of connectors already polled or the other sources.
   */
  FIRST_PASS,
  /** Requests made on behalf of an admin API caller; served from a reserved share. */
  ADMIN;

  /** Metric label value: the name in lower case. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
