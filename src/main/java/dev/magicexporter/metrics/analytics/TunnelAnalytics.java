package dev.magicexporter.metrics.analytics;

import dev.magicexporter.model.analytics.AccountAnalytics;
import dev.magicexporter.model.analytics.AnalyticsFeed;
import dev.magicexporter.model.analytics.AnalyticsGroup;
import dev.magicexporter.model.analytics.FeedData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the analytics feeds say about one tunnel (by its name, which is how the datasets
 * identify it), gathered from one account's {@link AccountAnalytics} so that one row renders every
 * family of the tunnel. Absent parts (a feed that never answered, a tunnel the feed does not name)
 * are empty or NaN and produce no series.
 *
 * @param dataCenters the state in each data center in the latest window, by data center
 * @param checks health-check results counted so far, by result status
 * @param slo NaN when absent; a ratio 0..1
 * @param effectiveSlo NaN when absent; a ratio 0..1
 * @param traffic bits and packets counted so far, by direction, on-ramp and off-ramp
 */
public record TunnelAnalytics(
    String name,
    List<DataCenterState> dataCenters,
    Map<String, Double> checks,
    double slo,
    double effectiveSlo,
    List<Traffic> traffic) {

  /** The state of the tunnel seen from one data center: 0 down, 0.5 degraded, 1 healthy. */
  public record DataCenterState(String dataCenter, double state) {}

  /** Counted traffic of one direction and ramp pair; bits as the API counts them. */
  public record Traffic(String direction, String onRamp, String offRamp, double bits, double packets) {}

  /** The three classes of {@code cloudflare_tunnel_health_data_centers}, in exposition order. */
  public static final List<String> STATES = List.of("down", "degraded", "healthy");

  public TunnelAnalytics {
    dataCenters = List.copyOf(dataCenters);
    checks = java.util.Collections.unmodifiableMap(new TreeMap<>(checks));
    traffic = List.copyOf(traffic);
  }

  /**
   * The class of a data center's state. A data center whose state changed within the window
   * averages between the documented values; it is classed by the nearest one.
   */
  static String classOf(double state) {
    return state < 0.25 ? "down" : state < 0.75 ? "degraded" : "healthy";
  }

  /** The lowest state over the data centers (NaN without any). */
  double worst() {
    double w = Double.NaN;
    for (DataCenterState d : dataCenters) {
      w = Double.isNaN(w) ? d.state() : Math.min(w, d.state());
    }
    return w;
  }

  /** The mean state over the data centers (NaN without any). */
  double average() {
    if (dataCenters.isEmpty()) {
      return Double.NaN;
    }
    double sum = 0;
    for (DataCenterState d : dataCenters) {
      sum += d.state();
    }
    return sum / dataCenters.size();
  }

  /** Data centers per class, in the order of {@link #STATES}. */
  int[] classes() {
    int[] n = new int[STATES.size()];
    for (DataCenterState d : dataCenters) {
      n[STATES.indexOf(classOf(d.state()))]++;
    }
    return n;
  }

  /** Every tunnel any feed of {@code a} names, by name. */
  static Map<String, TunnelAnalytics> of(AccountAnalytics a) {
    Map<String, Builder> by = new TreeMap<>();
    FeedData health = a.feed(AnalyticsFeed.TUNNEL_HEALTH);
    if (health != null) {
      AnalyticsFeed f = AnalyticsFeed.TUNNEL_HEALTH;
      int name = f.dimension("tunnelName");
      int colo = f.dimension("edgeColoName");
      int state = f.aggregate("avg.tunnelState");
      for (AnalyticsGroup g : health.groups()) {
        if (!Double.isNaN(g.value(state))) {
          builder(by, g.dimension(name)).dataCenters.add(new DataCenterState(g.dimension(colo), g.value(state)));
        }
      }
    }
    FeedData checks = a.feed(AnalyticsFeed.TUNNEL_HEALTH_CHECKS);
    if (checks != null) {
      AnalyticsFeed f = AnalyticsFeed.TUNNEL_HEALTH_CHECKS;
      int name = f.dimension("tunnelName");
      int status = f.dimension("resultStatus");
      int count = f.aggregate("count");
      for (AnalyticsGroup g : checks.groups()) {
        builder(by, g.dimension(name)).checks.merge(g.dimension(status), g.value(count), Double::sum);
      }
    }
    FeedData slo = a.feed(AnalyticsFeed.TUNNEL_SLO);
    if (slo != null) {
      AnalyticsFeed f = AnalyticsFeed.TUNNEL_SLO;
      int name = f.dimension("tunnelName");
      for (AnalyticsGroup g : slo.groups()) {
        Builder b = builder(by, g.dimension(name));
        b.slo = ratio(g.value(f.aggregate("avg.slo")));
        b.effectiveSlo = ratio(g.value(f.aggregate("avg.effectiveSlo")));
      }
    }
    FeedData traffic = a.feed(AnalyticsFeed.TUNNEL_TRAFFIC);
    if (traffic != null) {
      AnalyticsFeed f = AnalyticsFeed.TUNNEL_TRAFFIC;
      for (AnalyticsGroup g : traffic.groups()) {
        builder(by, g.dimension(f.dimension("tunnelName"))).traffic.add(new Traffic(
            g.dimension(f.dimension("direction")), g.dimension(f.dimension("onRamp")),
            g.dimension(f.dimension("offRamp")), g.value(f.aggregate("sum.bits")), g.value(f.aggregate("sum.packets"))));
      }
    }
    Map<String, TunnelAnalytics> out = new TreeMap<>();
    by.forEach((n, b) -> {
      b.dataCenters.sort(java.util.Comparator.comparing(DataCenterState::dataCenter));
      out.put(n, new TunnelAnalytics(n, b.dataCenters, b.checks, b.slo, b.effectiveSlo, b.traffic));
    });
    return out;
  }

  /**
   * An SLO as a ratio. Cloudflare's public docs name the fields but not their scale; SLO targets
   * are chosen as percentages in the dashboard (99.9), so a value above 1 is read as a percentage.
   */
  static double ratio(double v) {
    // decimal shift, so that 99.9 becomes 0.999 and not 0.9990000000000001
    return v > 1 && Double.isFinite(v) ? java.math.BigDecimal.valueOf(v).movePointLeft(2).doubleValue() : v;
  }

  private static Builder builder(Map<String, Builder> by, String name) {
    return by.computeIfAbsent(name, n -> new Builder());
  }

  private static final class Builder {
    final List<DataCenterState> dataCenters = new ArrayList<>();
    final Map<String, Double> checks = new TreeMap<>();
    double slo = Double.NaN;
    double effectiveSlo = Double.NaN;
    final List<Traffic> traffic = new ArrayList<>();
  }
}
