package dev.magicexporter.sim.graphql;

import dev.magicexporter.sim.SimHash;
import dev.magicexporter.sim.magic.MagicSimWorld;
import dev.magicexporter.sim.magic.SimObject;
import dev.magicexporter.sim.magic.tunnels.TunnelsSim;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The raw analytics of the simulated estate, one minute at a time: a pure function of the seed,
 * the account's tunnels and the minute, so any window can be recomputed and always gives the same
 * rows (the ground truth that the GraphQL executor aggregates and tests compare against).
 *
 * <p>Health follows the tunnels' own simulated state ({@link TunnelsSim#stateAt}): a tunnel in
 * {@code BGP_DOWN} is down (state 0) in at least one of its data centers and degraded in the
 * others; {@code BGP_ESTABLISHING} is degraded (0.5) in at least one; {@code BGP_UP} is healthy
 * everywhere but for a rare degraded blip. Tunnels with health checks disabled have no checks and
 * no SLO rows. Traffic follows a daily curve per tunnel, drops with degraded health and stops while
 * the tunnel is down. The data is not sampled: every sum is exact, unlike Cloudflare's adaptive
 * datasets.
 */
public final class AnalyticsSimData {
  /** A Cloudflare data center as the health dataset names it. */
  record DataCenter(String colo, String city, String country) {}

  static final List<DataCenter> DATA_CENTERS = List.of(
      new DataCenter("ORD", "Chicago", "US"), new DataCenter("AMS", "Amsterdam", "NL"),
      new DataCenter("SIN", "Singapore", "SG"), new DataCenter("FRA", "Frankfurt", "DE"),
      new DataCenter("LHR", "London", "GB"), new DataCenter("NRT", "Tokyo", "JP"),
      new DataCenter("SJC", "San Jose", "US"), new DataCenter("GRU", "Sao Paulo", "BR"),
      new DataCenter("SYD", "Sydney", "AU"), new DataCenter("JNB", "Johannesburg", "ZA"));

  /** Data centers that health-check each tunnel. */
  static final int DATA_CENTERS_PER_TUNNEL = 6;
  /** Magic Firewall rules per account that traffic matches. */
  static final int FIREWALL_RULES = 4;

  /** The tunnel fields the analytics need. */
  record SimTunnel(String id, String name, boolean healthChecked, String rate, String remoteIp, double bornAt) {}

  /** One raw row: a minute, its dimensions, its values, and how many events it stands for. */
  record SimRow(long minuteStart, Map<String, Object> dims, Map<String, Double> values, long weight) {}

  private final long seed;
  private final MagicSimWorld magic;

  AnalyticsSimData(long seed, MagicSimWorld magic) {
    this.seed = seed;
    this.magic = magic;
  }

  private long h(Object... parts) {
    long x = seed;
    for (Object p : parts) {
      x = SimHash.of(x, SimHash.of(String.valueOf(p)));
    }
    return x;
  }

  private double unit(Object... parts) {
    return SimHash.unit(h(parts));
  }

  private int below(int n, Object... parts) {
    return SimHash.below(h(parts), n);
  }

  /** The account's tunnels as they exist at {@code now} (GRE, IPsec, then interconnects). */
  List<SimTunnel> tunnels(String account, double now) {
    List<SimTunnel> out = new ArrayList<>();
    for (var store : List.of(magic.greTunnels(), magic.ipsecTunnels(), magic.interconnects())) {
      for (SimObject o : store.list(account, now)) {
        Map<String, Object> f = o.fields();
        boolean checked = false;
        String rate = "mid";
        if (f.get("health_check") instanceof Map<?, ?> hc) {
          checked = !Boolean.FALSE.equals(hc.get("enabled"));
          if (hc.get("rate") instanceof String r) {
            rate = r;
          }
        }
        Object remote = f.containsKey("customer_gre_endpoint") ? f.get("customer_gre_endpoint") : f.get("customer_endpoint");
        out.add(new SimTunnel(o.id(), String.valueOf(f.get("name")), checked, rate,
            remote == null ? "" : String.valueOf(remote), o.bornAt()));
      }
    }
    return out;
  }

  /** The data centers that check {@code t}, stable for the tunnel. */
  List<DataCenter> dataCenters(SimTunnel t) {
    List<DataCenter> pool = new ArrayList<>(DATA_CENTERS);
    List<DataCenter> out = new ArrayList<>();
    for (int i = 0; i < DATA_CENTERS_PER_TUNNEL; i++) {
      out.add(pool.remove(below(pool.size(), t.id(), "colo", i)));
    }
    return out;
  }

  /** The tunnel state (0, 0.5, 1) seen from the {@code i}-th of its data centers during a minute. */
  double coloState(SimTunnel t, DataCenter dc, int i, long minuteStart) {
    String state = TunnelsSim.stateAt(seed, t.id(), minuteStart);
    double u = unit(t.id(), dc.colo(), minuteStart / 60, "state");
    return switch (state) {
      case "BGP_DOWN" -> i == 0 || u < 0.6 ? 0 : 0.5;
      case "BGP_ESTABLISHING" -> i == 0 || u < 0.5 ? 0.5 : 1;
      default -> u < 0.02 ? 0.5 : 1;
    };
  }

  private static int checksPerServerMinute(String rate) {
    return switch (rate) {
      case "low" -> 1;
      case "high" -> 6;
      default -> 2;
    };
  }

  /** Rows of {@code dataset} for the account's tunnels {@code tunnels} during one minute. */
  List<SimRow> rows(SimDataset dataset, String account, List<SimTunnel> tunnels, long minuteStart) {
    if (dataset == SimDataset.TUNNEL_HEALTH) {
      return healthRows(tunnels, minuteStart);
    } else if (dataset == SimDataset.TUNNEL_SLO) {
      return sloRows(tunnels, minuteStart);
    } else if (dataset == SimDataset.TUNNEL_TRAFFIC) {
      return trafficRows(tunnels, minuteStart);
    } else if (dataset == SimDataset.FIREWALL_SAMPLES) {
      return firewallRows(account, minuteStart);
    }
    throw new IllegalArgumentException("no data for " + dataset.name());
  }

  private List<SimRow> healthRows(List<SimTunnel> tunnels, long minuteStart) {
    List<SimRow> out = new ArrayList<>();
    for (SimTunnel t : tunnels) {
      if (!t.healthChecked() || t.bornAt() > minuteStart) {
        continue;
      }
      List<DataCenter> dcs = dataCenters(t);
      for (int i = 0; i < dcs.size(); i++) {
        DataCenter dc = dcs.get(i);
        double state = coloState(t, dc, i, minuteStart);
        int servers = 2 + below(3, t.id(), dc.colo(), "servers");
        int perServer = checksPerServerMinute(t.rate());
        int healthyServers = state == 1 ? servers : state == 0 ? 0 : servers / 2;
        long healthy = (long) healthyServers * perServer;
        long unhealthy = (long) (servers - healthyServers) * perServer;
        for (String status : List.of("healthy", "unhealthy")) {
          long n = status.equals("healthy") ? healthy : unhealthy;
          if (n == 0) {
            continue;
          }
          Map<String, Object> dims = new LinkedHashMap<>();
          dims.put("tunnelName", t.name());
          dims.put("siteName", "");
          dims.put("edgeColoName", dc.colo());
          dims.put("edgeColoCity", dc.city());
          dims.put("edgeColoCountry", dc.country());
          dims.put("edgePopName", dc.colo().toLowerCase(java.util.Locale.ROOT) + "01");
          dims.put("remoteTunnelIPv4", t.remoteIp());
          dims.put("resultStatus", status);
          dims.put("active", 1L);
          out.add(new SimRow(minuteStart, dims, Map.of("tunnelState", state), n));
        }
      }
    }
    return out;
  }

  private List<SimRow> sloRows(List<SimTunnel> tunnels, long minuteStart) {
    List<SimRow> out = new ArrayList<>();
    List<SimRow> health = healthRows(tunnels, minuteStart);
    for (SimTunnel t : tunnels) {
      long ok = 0;
      long all = 0;
      for (SimRow r : health) {
        if (r.dims().get("tunnelName").equals(t.name())) {
          all += r.weight();
          ok += "healthy".equals(r.dims().get("resultStatus")) ? r.weight() : 0;
        }
      }
      if (all == 0) {
        continue;
      }
      double slo = new double[] {0.99, 0.995, 0.999}[below(3, t.id(), "slo")];
      double effective = (double) ok / all;
      Map<String, Object> dims = new LinkedHashMap<>();
      dims.put("tunnelName", t.name());
      dims.put("siteName", "");
      dims.put("status", effective >= slo ? "healthy" : "unhealthy");
      out.add(new SimRow(minuteStart, dims, Map.of("slo", slo, "effectiveSlo", effective), 1));
    }
    return out;
  }

  private List<SimRow> trafficRows(List<SimTunnel> tunnels, long minuteStart) {
    List<SimRow> out = new ArrayList<>();
    for (SimTunnel t : tunnels) {
      if (t.bornAt() > minuteStart) {
        continue;
      }
      double factor = switch (TunnelsSim.stateAt(seed, t.id(), minuteStart)) {
        case "BGP_DOWN" -> 0;
        case "BGP_ESTABLISHING" -> 0.6;
        default -> 1;
      };
      if (factor == 0) {
        continue;
      }
      double mbps = 20 + below(780, t.id(), "mbps");
      double phase = unit(t.id(), "phase");
      double daily = 0.75 + 0.25 * Math.sin(2 * Math.PI * (minuteStart / 86_400.0 + phase));
      long minute = minuteStart / 60;
      long ingressBytes = Math.round(mbps * 1e6 / 8 * 60 * daily * factor * (0.9 + 0.2 * unit(t.id(), minute, "in")));
      long egressBytes = Math.round(ingressBytes * (0.3 + 0.5 * unit(t.id(), "egress"))
          * (0.9 + 0.2 * unit(t.id(), minute, "eg")));
      int packetSize = 400 + below(1000, t.id(), "packet");
      for (String direction : List.of("ingress", "egress")) {
        long bytes = direction.equals("ingress") ? ingressBytes : egressBytes;
        Map<String, Object> dims = new LinkedHashMap<>();
        dims.put("tunnelName", t.name());
        dims.put("direction", direction);
        dims.put("onRamp", "");
        dims.put("offRamp", "");
        double bits = bytes * 8.0;
        out.add(new SimRow(minuteStart, dims, Map.of("bits", bits, "packets", (double) Math.max(1, bytes / packetSize),
            "bitRateFiveMinutes", bits / 60.0), 1));
      }
    }
    return out;
  }

  /** The ids of the account's firewall rules that the samples name. */
  List<String> firewallRules(String account) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < FIREWALL_RULES; i++) {
      out.add(SimHash.hex(h(account, "mfw-rule", i), 16) + SimHash.hex(h(account, "mfw-rule", i, 2), 16));
    }
    return out;
  }

  private List<SimRow> firewallRows(String account, long minuteStart) {
    List<SimRow> out = new ArrayList<>();
    List<String> rules = firewallRules(account);
    for (int i = 0; i < rules.size(); i++) {
      String rule = rules.get(i);
      if (unit(rule, minuteStart / 60, "hit") >= 0.7) {
        continue;
      }
      long packets = (1 + below(5000, rule, minuteStart / 60, "packets")) * (i + 1L);
      long bytes = packets * (60 + below(1400, rule, "size"));
      Map<String, Object> dims = new LinkedHashMap<>();
      dims.put("ruleId", rule);
      out.add(new SimRow(minuteStart, dims, Map.of("bits", bytes * 8.0, "packets", (double) packets), 1));
    }
    return out;
  }
}
