package dev.magicexporter.metrics.analytics;

import dev.magicexporter.metrics.family.Conversion;
import dev.magicexporter.metrics.family.Family;
import dev.magicexporter.metrics.family.FamilyTable;
import dev.magicexporter.metrics.family.FamilyType;
import java.util.List;

/**
 * The GraphQL Analytics feeds as metric families. Tunnel series carry the labels of
 * {@code cloudflare_tunnel_info} ({@code account_id}, {@code tunnel_id}, {@code tunnel_type} and
 * {@code name}), so a dashboard joins BGP state, configuration and traffic of one tunnel directly:
 *
 * <pre>
 * cloudflare_tunnel_traffic_bytes_total{account_id="a1",tunnel_id="t1",tunnel_type="gre",name="GRE_1",direction="ingress",on_ramp="",off_ramp=""} 7.5e9
 * cloudflare_tunnel_health_state_worst{account_id="a1",tunnel_id="t1",tunnel_type="gre",name="GRE_1"} 0.5
 * </pre>
 */
public final class AnalyticsFamilies {
  private AnalyticsFamilies() {}

  static final String HEALTH = "magicTransitTunnelHealthChecksAdaptiveGroups";
  static final String SLO = "magicTransitTunnelHealthCheckSLOsAdaptiveGroups";
  static final String TRAFFIC = "magicTransitTunnelTrafficAdaptiveGroups";
  static final String FIREWALL = "magicFirewallSamplesAdaptiveGroups";

  private static final String SAMPLED = "The datasets are adaptive (sampled): Cloudflare scales sampled counts and "
      + "sums by the sample interval, so values are estimates. ";

  private static final String JOIN = "The datasets name tunnels, not ids: `tunnel_id` and `tunnel_type` come from the "
      + "tunnel lists (`sources.tunnels_interval`) by name, and are empty for a name no tunnel list holds (or that "
      + "two kinds share), so `on(account_id, tunnel_id, tunnel_type)` joins with every `cloudflare_tunnel_` family "
      + "and `on(account_id, name)` always works. ";

  /** Per tunnel: health state, health-check counts, SLOs and traffic. */
  public static final FamilyTable<TunnelAnalytics> TUNNELS = new FamilyTable<>(
      "Tunnel analytics (GraphQL)",
      "From the GraphQL Analytics API (`POST /graphql`, permission Account Analytics Read), per account every "
          + "`analytics.interval`. Health and SLO gauges describe the latest closed minute that ended at least "
          + "`analytics.delay` ago; counters add every closed minute exactly once (checkpointed in the state "
          + "directory, caught up after a restart within the dataset's look-back). " + SAMPLED + JOIN
          + "Series per tunnel by default: 2 health-state gauges, 3 `data_centers` gauges, one `health_checks_total` "
          + "per result status (healthy, unhealthy), 2 SLO gauges and 2 traffic counters per direction and ramp "
          + "pair: about 13 per tunnel. Per-data-center state is opt-in (`analytics.data_center_series`, next "
          + "section). A feed that fails keeps its last good series (see `cloudflare_exporter_source_up{source=~\""
          + "analytics_.*\"}`).",
      List.of("account_id", "tunnel_id", "tunnel_type", "name"),
      List.of(
          Family.gauge("cloudflare_tunnel_health_state_worst",
              "Lowest tunnel state over the data centers that checked the tunnel in the latest window: 0 down, "
                  + "0.5 degraded, 1 healthy (Cloudflare routes on it).",
              HEALTH + " avg.tunnelState by tunnelName, edgeColoName (minimum)", Conversion.NONE,
              TunnelAnalytics::worst),
          Family.gauge("cloudflare_tunnel_health_state_average",
              "Mean tunnel state over the data centers that checked the tunnel in the latest window (0..1).",
              HEALTH + " avg.tunnelState by tunnelName, edgeColoName (mean)", Conversion.NONE,
              TunnelAnalytics::average),
          new Family<>("cloudflare_tunnel_health_data_centers",
              "Data centers in which the tunnel is down (state below 0.25), degraded (below 0.75) or healthy, in "
                  + "the latest window.", FamilyType.GAUGE, List.of("state"),
              HEALTH + " avg.tunnelState by tunnelName, edgeColoName (classified)", Conversion.NONE, (t, out) -> {
                if (t.dataCenters().isEmpty()) {
                  return;
                }
                int[] n = t.classes();
                for (int i = 0; i < n.length; i++) {
                  out.sample(TunnelAnalytics.STATES.get(i), n[i]);
                }
              }),
          new Family<>("cloudflare_tunnel_health_checks_total",
              "Health checks of the tunnel by result status (estimated from samples), over every counted window.",
              FamilyType.COUNTER, List.of("result_status"), HEALTH + " count by tunnelName, resultStatus",
              Conversion.NONE, (t, out) -> t.checks().forEach(out::sample)),
          Family.gauge("cloudflare_tunnel_health_check_slo_ratio",
              "The tunnel's health-check SLO in the latest window, as a ratio 0..1.",
              SLO + " avg.slo by tunnelName", Conversion.NONE, TunnelAnalytics::slo),
          Family.gauge("cloudflare_tunnel_health_check_effective_slo_ratio",
              "The tunnel's effective health-check SLO in the latest window, as a ratio 0..1; below "
                  + "cloudflare_tunnel_health_check_slo_ratio is a breach.",
              SLO + " avg.effectiveSlo by tunnelName", Conversion.NONE, TunnelAnalytics::effectiveSlo),
          new Family<>("cloudflare_tunnel_traffic_bytes_total",
              "Bytes through the tunnel by direction (ingress, egress) and, where the API gives them, on-ramp and "
                  + "off-ramp (estimated from samples), over every counted window.",
              FamilyType.COUNTER, List.of("direction", "on_ramp", "off_ramp"),
              TRAFFIC + " sum.bits by tunnelName, direction, onRamp, offRamp", Conversion.BITS_TO_BYTES,
              (t, out) -> t.traffic().forEach(x -> out.sample(new String[] {x.direction(), x.onRamp(), x.offRamp()},
                  x.bits()))),
          new Family<>("cloudflare_tunnel_traffic_packets_total",
              "Packets through the tunnel by direction, on-ramp and off-ramp (estimated from samples), over every "
                  + "counted window.",
              FamilyType.COUNTER, List.of("direction", "on_ramp", "off_ramp"),
              TRAFFIC + " sum.packets by tunnelName, direction, onRamp, offRamp", Conversion.NONE,
              (t, out) -> t.traffic().forEach(x -> out.sample(new String[] {x.direction(), x.onRamp(), x.offRamp()},
                  x.packets())))));

  /** Opt-in: the state of each tunnel in each data center. */
  public static final FamilyTable<TunnelAnalytics> DATA_CENTERS = new FamilyTable<>(
      "Tunnel health per data center (GraphQL, opt-in)",
      "Only with `analytics.data_center_series: true`: one series per tunnel and Cloudflare data center that "
          + "checked it in the latest window, from the same query as the health gauges above. Cloudflare "
          + "health-checks a tunnel from every data center that may carry its traffic, so this is tunnels times "
          + "data centers series (hundreds per tunnel on a large estate); the bounded default is "
          + "`cloudflare_tunnel_health_state_worst`, `..._average` and `..._data_centers`. " + JOIN,
      List.of("account_id", "tunnel_id", "tunnel_type", "name"),
      List.of(new Family<>("cloudflare_tunnel_health_data_center_state",
          "The tunnel's state in one data center in the latest window: 0 down, 0.5 degraded, 1 healthy (a mean "
              + "when it changed within the window).",
          FamilyType.GAUGE, List.of("data_center"), HEALTH + " avg.tunnelState by tunnelName, edgeColoName",
          Conversion.NONE, (t, out) -> t.dataCenters().forEach(d -> out.sample(d.dataCenter(), d.state())))));

  /** One Magic Firewall rule's counted traffic; bits as the API counts them. */
  public record FirewallRule(String ruleId, double bits, double packets) {}

  /** Per Magic Firewall rule: matched bytes and packets. */
  public static final FamilyTable<FirewallRule> FIREWALL_RULES = new FamilyTable<>(
      "Magic Firewall rules (GraphQL)",
      "From the GraphQL Analytics API (`" + FIREWALL + "`), per account every `analytics.interval`, counted exactly "
          + "once per closed minute like the tunnel counters. " + SAMPLED + "Two series per rule that matched "
          + "traffic since counting began.",
      List.of("account_id", "rule_id"),
      List.of(
          Family.counter("cloudflare_firewall_rule_bytes_total",
              "Bytes of the packets sampled as matching the rule (estimated), over every counted window.",
              FIREWALL + " sum.bits by ruleId", Conversion.BITS_TO_BYTES, FirewallRule::bits),
          Family.counter("cloudflare_firewall_rule_packets_total",
              "Packets sampled as matching the rule (estimated), over every counted window.",
              FIREWALL + " sum.packets by ruleId", Conversion.NONE, FirewallRule::packets)));

  /** Every table of this package, in reference order. */
  public static final List<FamilyTable<?>> TABLES = List.of(TUNNELS, DATA_CENTERS, FIREWALL_RULES);
}
