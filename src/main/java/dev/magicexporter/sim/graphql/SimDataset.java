package dev.magicexporter.sim.graphql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One account-scoped analytics dataset the simulator serves, described as data: its GraphQL name,
 * the dimensions it can group and filter by, its aggregate groups ({@code count}, {@code sum},
 * {@code avg}) and its node limits (what the {@code settings} node reports and what the executor
 * enforces). Field names are those of Cloudflare's public schema, as collected in
 * {@code shared/api/graphql-analytics.md} and the Magic Transit tutorials (tunnel health checks,
 * tunnel bandwidth, Magic Firewall samples).
 *
 * @param name the dataset field under {@code accounts}
 * @param typeName GraphQL type of one group (for {@code __typename})
 * @param dimensions dimensions that can be selected, grouped and filtered on
 * @param hasCount whether {@code count} can be selected
 * @param aggregates aggregate group ({@code sum}, {@code avg}) to its fields
 * @param notOlderThan how far back data can be read, in seconds
 * @param maxDuration widest time range of one query, in seconds
 * @param maxPageSize largest {@code limit}
 * @param maxNumberOfFields most fields one node may select
 */
public record SimDataset(
    String name,
    String typeName,
    List<String> dimensions,
    boolean hasCount,
    Map<String, List<String>> aggregates,
    long notOlderThan,
    long maxDuration,
    int maxPageSize,
    int maxNumberOfFields) {

  public SimDataset {
    dimensions = List.copyOf(dimensions);
    aggregates = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(aggregates));
  }

  private static final long DAY = 86_400;

  public static final SimDataset TUNNEL_HEALTH = new SimDataset("magicTransitTunnelHealthChecksAdaptiveGroups",
      "AccountMagicTransitTunnelHealthChecksAdaptiveGroups",
      List.of("tunnelName", "siteName", "edgeColoName", "edgeColoCity", "edgeColoCountry", "edgePopName",
          "remoteTunnelIPv4", "resultStatus", "active", "datetime"),
      true, Map.of("avg", List.of("tunnelState")),
      // "up to one week of data for dates up to three months in the past" (health check tutorial)
      90 * DAY, 7 * DAY, 10_000, 30);

  public static final SimDataset TUNNEL_SLO = new SimDataset("magicTransitTunnelHealthCheckSLOsAdaptiveGroups",
      "AccountMagicTransitTunnelHealthCheckSLOsAdaptiveGroups",
      List.of("tunnelName", "siteName", "status"),
      true, Map.of("avg", List.of("slo", "effectiveSlo")),
      90 * DAY, 7 * DAY, 10_000, 30);

  public static final SimDataset TUNNEL_TRAFFIC = new SimDataset("magicTransitTunnelTrafficAdaptiveGroups",
      "AccountMagicTransitTunnelTrafficAdaptiveGroups",
      List.of("tunnelName", "direction", "onRamp", "offRamp", "datetime", "datetimeFiveMinutes"),
      false, orderedMap("sum", List.of("bits", "packets"), "avg", List.of("bitRateFiveMinutes")),
      31 * DAY, DAY, 10_000, 30);

  public static final SimDataset FIREWALL_SAMPLES = new SimDataset("magicFirewallSamplesAdaptiveGroups",
      "AccountMagicFirewallSamplesAdaptiveGroups",
      List.of("ruleId", "datetime", "datetimeFiveMinute"),
      false, Map.of("sum", List.of("bits", "packets")),
      31 * DAY, DAY, 10_000, 30);

  /** Every dataset, by name. */
  public static final Map<String, SimDataset> ALL = byName(TUNNEL_HEALTH, TUNNEL_SLO, TUNNEL_TRAFFIC, FIREWALL_SAMPLES);

  /** Dimensions that hold a time and are filtered as times. */
  static boolean isTime(String dimension) {
    return dimension.startsWith("datetime");
  }

  /** The start of the bucket a time dimension puts a minute into, in seconds. */
  static long bucket(String dimension, long minuteStart) {
    long width = switch (dimension) {
      case "datetimeFiveMinutes", "datetimeFiveMinute" -> 300;
      default -> 60;
    };
    return Math.floorDiv(minuteStart, width) * width;
  }

  /** Every field the settings node lists as available, with nested fields as {@code group_field}. */
  List<String> availableFields() {
    List<String> out = new java.util.ArrayList<>();
    if (hasCount) {
      out.add("count");
    }
    aggregates.forEach((g, fields) -> fields.forEach(f -> out.add(g + "_" + f)));
    dimensions.forEach(d -> out.add("dimensions_" + d));
    return out;
  }

  private static Map<String, List<String>> orderedMap(String k1, List<String> v1, String k2, List<String> v2) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put(k1, v1);
    m.put(k2, v2);
    return m;
  }

  private static Map<String, SimDataset> byName(SimDataset... all) {
    Map<String, SimDataset> m = new LinkedHashMap<>();
    for (SimDataset d : all) {
      m.put(d.name(), d);
    }
    return java.util.Collections.unmodifiableMap(m);
  }
}
