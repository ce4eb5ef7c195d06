package dev.magicexporter.model.analytics;

import java.util.Map;

/**
 * A dataset's node limits as the {@code settings} node reports them (Cloudflare's "Settings node"
 * page): how far back it can be read and how wide one query may be, in seconds, and the most
 * records one query returns.
 */
public record DatasetLimits(long notOlderThan, long maxDuration, int maxPageSize) {
  private static final long DAY = 86_400;

  /**
   * What to assume before the settings node answered: tunnel health "up to one week of data for
   * dates up to three months in the past" (the tunnel health tutorial); for the others the
   * 31-day look-back of the error example on the "Error responses" page and one day per query.
   * A "cannot request data older than" error corrects the look-back.
   */
  public static final Map<String, DatasetLimits> ASSUMED = Map.of(
      "magicTransitTunnelHealthChecksAdaptiveGroups", new DatasetLimits(90 * DAY, 7 * DAY, 10_000),
      "magicTransitTunnelHealthCheckSLOsAdaptiveGroups", new DatasetLimits(31 * DAY, DAY, 10_000),
      "magicTransitTunnelTrafficAdaptiveGroups", new DatasetLimits(31 * DAY, DAY, 10_000),
      "magicFirewallSamplesAdaptiveGroups", new DatasetLimits(31 * DAY, DAY, 10_000));

  public static DatasetLimits assumed(String dataset) {
    DatasetLimits l = ASSUMED.get(dataset);
    return l != null ? l : new DatasetLimits(DAY, DAY, 1_000);
  }

  public DatasetLimits withNotOlderThan(long seconds) {
    return new DatasetLimits(seconds, maxDuration, maxPageSize);
  }
}
