package dev.magicexporter.model;

/**
 * One item of the connector events list ({@code telemetry/events}): {@code {a, k, n, t}}. Events
 * are identified by {@code (t, n)}: {@code n} orders events that share a timestamp. Fields absent
 * from the response stay null, so a consumer can tell a broken item from an event at time 0.
 *
 * @param a when Cloudflare collected the event (seconds since the epoch)
 * @param k the kind, e.g. {@code Init} or {@code FinishUpgradeSuccess} (see {@link EventKinds})
 * @param n sequence number among events with the same {@code t}
 * @param t when the connector recorded the event (seconds since the epoch)
 */
public record Event(Double a, String k, Long n, Double t) {
  /** True when the item can be placed in the {@code (t, n)} order at all. */
  public boolean identifiable() {
    return t != null && n != null && Double.isFinite(t);
  }
}
