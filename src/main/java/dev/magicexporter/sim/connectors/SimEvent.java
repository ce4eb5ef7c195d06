package dev.magicexporter.sim.connectors;

/**
 * One event of a simulated connector, as the API shows it.
 *
 * @param t when it was recorded, whole seconds since the epoch
 * @param n sequence number among the connector's events with the same {@code t}, from 0
 * @param a when it was collected (a little after {@code t})
 * @param version the connector version at {@code t} ({@code v})
 * @param url the upgrade bundle location of a {@code StartUpgrade} event, else null
 */
public record SimEvent(long t, int n, double a, EventKind kind, String version, String url) {
  /** Orders by {@code (t, n)}, the order of the API's lists. */
  public int compareTo(long otherT, int otherN) {
    int c = Long.compare(t, otherT);
    return c != 0 ? c : Integer.compare(n, otherN);
  }
}
