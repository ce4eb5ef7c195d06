package dev.magicexporter.metrics.analytics;

import dev.magicexporter.metrics.Metrics;
import dev.magicexporter.metrics.analytics.AnalyticsFamilies.FirewallRule;
import dev.magicexporter.metrics.family.FamilyCollector;
import dev.magicexporter.metrics.family.FamilyTable;
import dev.magicexporter.metrics.family.Row;
import dev.magicexporter.model.Tunnel;
import dev.magicexporter.model.analytics.AccountAnalytics;
import dev.magicexporter.model.analytics.AnalyticsFeed;
import dev.magicexporter.model.analytics.AnalyticsGroup;
import dev.magicexporter.model.analytics.FeedData;
import dev.magicexporter.store.AccountStore;
import dev.magicexporter.store.MagicStores;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The family collectors of the analytics feeds over their store, joined by name with the tunnel
 * lists for {@code tunnel_id} and {@code tunnel_type}. Rows are rebuilt only when the analytics or
 * a tunnel list changed; per-data-center series only when {@code dataCenterSeries}
 * ({@code analytics.data_center_series}).
 */
public final class AnalyticsCollectors {
  private final List<FamilyCollector<?>> collectors;

  public AnalyticsCollectors(AccountStore<AccountAnalytics> analytics, MagicStores tunnels, boolean dataCenterSeries) {
    Supplier<List<Row<TunnelAnalytics>>> tunnelRows = new TunnelRows(analytics, tunnels, AnalyticsFamilies.TUNNELS);
    List<FamilyCollector<?>> c = new ArrayList<>();
    c.add(new FamilyCollector<>(AnalyticsFamilies.TUNNELS, tunnelRows));
    if (dataCenterSeries) {
      // same objects, same labels: the rows of the first table serve the second
      c.add(new FamilyCollector<>(AnalyticsFamilies.DATA_CENTERS, tunnelRows));
    }
    c.add(new FamilyCollector<>(AnalyticsFamilies.FIREWALL_RULES, new FirewallRows(analytics)));
    this.collectors = List.copyOf(c);
  }

  public List<FamilyCollector<?>> collectors() {
    return collectors;
  }

  public void register(Metrics metrics) {
    collectors.forEach(metrics::register);
  }

  /** Which tunnel a name stands for in one account: its id and type, or empty when unknown or ambiguous. */
  static Map<String, String[]> tunnelsByName(List<List<Tunnel>> lists) {
    Map<String, String[]> out = new HashMap<>();
    Set<String> ambiguous = new HashSet<>();
    for (List<Tunnel> l : lists) {
      for (Tunnel t : l == null ? List.<Tunnel>of() : l) {
        if (t.name() == null) {
          continue;
        }
        if (out.putIfAbsent(t.name(), new String[] {t.id(), t.type()}) != null) {
          ambiguous.add(t.name());
        }
      }
    }
    ambiguous.forEach(n -> out.put(n, new String[] {"", ""}));
    return out;
  }

  /** Tunnel rows of every account, cached on the identity of the four store snapshots. */
  private static final class TunnelRows implements Supplier<List<Row<TunnelAnalytics>>> {
    private final AccountStore<AccountAnalytics> analytics;
    private final MagicStores tunnels;
    private final FamilyTable<TunnelAnalytics> table;
    private volatile List<Object> keys = List.of();
    private volatile List<Row<TunnelAnalytics>> rows = List.of();

    TunnelRows(AccountStore<AccountAnalytics> analytics, MagicStores tunnels, FamilyTable<TunnelAnalytics> table) {
      this.analytics = analytics;
      this.tunnels = tunnels;
      this.table = table;
    }

    @Override
    public List<Row<TunnelAnalytics>> get() {
      var a = analytics.snapshot();
      var gre = tunnels.greTunnels.snapshot();
      var ipsec = tunnels.ipsecTunnels.snapshot();
      var cni = tunnels.interconnects.snapshot();
      List<Object> k = keys;
      if (k.size() == 4 && k.get(0) == a && k.get(1) == gre && k.get(2) == ipsec && k.get(3) == cni) {
        return rows;
      }
      List<Row<TunnelAnalytics>> out = new ArrayList<>();
      for (var e : a.entrySet()) {
        String account = e.getKey();
        Map<String, String[]> ids = tunnelsByName(java.util.Arrays.asList(value(gre, account), value(ipsec, account),
            value(cni, account)));
        for (TunnelAnalytics t : TunnelAnalytics.of(e.getValue().value()).values()) {
          String[] id = ids.getOrDefault(t.name(), new String[] {"", ""});
          out.add(table.row(t, account, id[0], id[1], t.name()));
        }
      }
      List<Row<TunnelAnalytics>> frozen = List.copyOf(out);
      rows = frozen;
      keys = List.of(a, gre, ipsec, cni);
      return frozen;
    }

    private static List<Tunnel> value(Map<String, AccountStore.Entry<List<Tunnel>>> m, String account) {
      AccountStore.Entry<List<Tunnel>> e = m.get(account);
      return e == null ? null : e.value();
    }
  }

  /** Firewall rule rows of every account, cached on the store snapshot. */
  private static final class FirewallRows implements Supplier<List<Row<FirewallRule>>> {
    private final AccountStore<AccountAnalytics> analytics;
    private volatile Object key = new Object();
    private volatile List<Row<FirewallRule>> rows = List.of();

    FirewallRows(AccountStore<AccountAnalytics> analytics) {
      this.analytics = analytics;
    }

    @Override
    public List<Row<FirewallRule>> get() {
      var a = analytics.snapshot();
      if (key == a) {
        return rows;
      }
      AnalyticsFeed f = AnalyticsFeed.FIREWALL_SAMPLES;
      int rule = f.dimension("ruleId");
      int bits = f.aggregate("sum.bits");
      int packets = f.aggregate("sum.packets");
      List<Row<FirewallRule>> out = new ArrayList<>();
      for (var e : a.entrySet()) {
        FeedData d = e.getValue().value().feed(f);
        if (d == null) {
          continue;
        }
        for (AnalyticsGroup g : d.groups()) {
          out.add(AnalyticsFamilies.FIREWALL_RULES.row(
              new FirewallRule(g.dimension(rule), g.value(bits), g.value(packets)), e.getKey(), g.dimension(rule)));
        }
      }
      List<Row<FirewallRule>> frozen = List.copyOf(out);
      rows = frozen;
      key = a;
      return frozen;
    }
  }
}
