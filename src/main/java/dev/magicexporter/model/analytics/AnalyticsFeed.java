package dev.magicexporter.model.analytics;

import java.util.List;

/**
 * The questions the exporter asks the GraphQL Analytics API, one row per feed: which dataset, the
 * dimensions it groups by, the aggregate values it reads (as {@code count}, {@code sum.field} or
 * {@code avg.field}), and whether it is a gauge of the latest closed window or a counter summed
 * over every closed window exactly once. The query builder, the decoder, the checkpoints and the
 * metric families all follow this table. Dataset and field names are those of Cloudflare's public
 * schema (the Magic Transit tunnel health and bandwidth tutorials, the Magic Firewall samples
 * tutorial, and the facts in {@code shared/api/graphql-analytics.md}).
 */
public enum AnalyticsFeed {
  /** Each tunnel's state per Cloudflare data center (0 down, 0.5 degraded, 1 healthy). */
  TUNNEL_HEALTH("tunnel_health", AnalyticsFeed.HEALTH_DATASET, Mode.LATEST,
      List.of("tunnelName", "edgeColoName"), List.of("count", "avg.tunnelState")),
  /** Health-check results per tunnel and result status, counted. */
  TUNNEL_HEALTH_CHECKS("tunnel_health_checks", AnalyticsFeed.HEALTH_DATASET, Mode.COUNTED,
      List.of("tunnelName", "resultStatus"), List.of("count")),
  /** SLO and effective SLO per tunnel. */
  TUNNEL_SLO("tunnel_slo", "magicTransitTunnelHealthCheckSLOsAdaptiveGroups", Mode.LATEST,
      List.of("tunnelName"), List.of("count", "avg.slo", "avg.effectiveSlo")),
  /** Bits and packets per tunnel, direction, on-ramp and off-ramp, counted. */
  TUNNEL_TRAFFIC("tunnel_traffic", "magicTransitTunnelTrafficAdaptiveGroups", Mode.COUNTED,
      List.of("tunnelName", "direction", "onRamp", "offRamp"), List.of("sum.bits", "sum.packets")),
  /** Bits and packets per Magic Firewall rule, counted. */
  FIREWALL_SAMPLES("firewall_samples", "magicFirewallSamplesAdaptiveGroups", Mode.COUNTED,
      List.of("ruleId"), List.of("sum.bits", "sum.packets"));

  /** Gauges read the latest closed window; counters add every closed window once. */
  public enum Mode { LATEST, COUNTED }

  static final String HEALTH_DATASET = "magicTransitTunnelHealthChecksAdaptiveGroups";

  private final String id;
  private final String dataset;
  private final Mode mode;
  private final List<String> dimensions;
  private final List<String> aggregates;

  AnalyticsFeed(String id, String dataset, Mode mode, List<String> dimensions, List<String> aggregates) {
    this.id = id;
    this.dataset = dataset;
    this.mode = mode;
    this.dimensions = List.copyOf(dimensions);
    this.aggregates = List.copyOf(aggregates);
  }

  /** Snake-case name: the alias in queries, the {@code source} label, the checkpoint key. */
  public String id() {
    return id;
  }

  /** The dataset node under {@code viewer.accounts}. */
  public String dataset() {
    return dataset;
  }

  public Mode mode() {
    return mode;
  }

  public boolean counted() {
    return mode == Mode.COUNTED;
  }

  /** The dimensions grouped by, in the order of {@link AnalyticsGroup#dimensions()}. */
  public List<String> dimensions() {
    return dimensions;
  }

  /** The aggregates read ({@code count}, {@code sum.bits}, ...), in the order of {@link AnalyticsGroup#values()}. */
  public List<String> aggregates() {
    return aggregates;
  }

  /** Index of {@code dimension}; fails loudly for a name the table does not have. */
  public int dimension(String dimension) {
    int i = dimensions.indexOf(dimension);
    if (i < 0) {
      throw new IllegalArgumentException(id + " has no dimension " + dimension);
    }
    return i;
  }

  /** Index of {@code aggregate}; fails loudly for a name the table does not have. */
  public int aggregate(String aggregate) {
    int i = aggregates.indexOf(aggregate);
    if (i < 0) {
      throw new IllegalArgumentException(id + " has no aggregate " + aggregate);
    }
    return i;
  }

  /** The feed whose {@link #id()} is {@code id}, or null. */
  public static AnalyticsFeed byId(String id) {
    for (AnalyticsFeed f : values()) {
      if (f.id.equals(id)) {
        return f;
      }
    }
    return null;
  }
}
