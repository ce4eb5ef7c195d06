package dev.magicexporter.metrics.magic;

import dev.magicexporter.metrics.Metrics;
import dev.magicexporter.metrics.family.FamilyCollector;
import dev.magicexporter.metrics.family.FamilyTable;
import dev.magicexporter.metrics.family.Row;
import dev.magicexporter.model.MagicApp;
import dev.magicexporter.model.MagicRoute;
import dev.magicexporter.store.AccountStore;
import dev.magicexporter.store.MagicStores;
import dev.magicexporter.store.SiteInventory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The family collectors of the account-level sources over {@link MagicStores}. Register them all
 * with {@link #register(Metrics)}; per-route series only when {@code routeSeries} is set
 * ({@code sources.route_series}).
 */
public final class MagicCollectors {
  /** Every table of this package, in reference order (the catalog lists them all). */
  public static final List<FamilyTable<?>> TABLES = List.of(TunnelFamilies.TABLE, PcapFamilies.CAPTURES,
      PcapFamilies.BUCKETS, VpcServiceFamilies.TABLE, InventoryFamilies.SITES, InventoryFamilies.ACCOUNTS,
      InventoryFamilies.ROUTES);

  private final List<FamilyCollector<?>> collectors;

  public MagicCollectors(MagicStores stores, boolean routeSeries) {
    List<FamilyCollector<?>> c = new ArrayList<>();
    c.add(new FamilyCollector<>(TunnelFamilies.TABLE, StoreRows.concat(
        new StoreRows<>(stores.greTunnels, TunnelFamilies::rows),
        new StoreRows<>(stores.ipsecTunnels, TunnelFamilies::rows),
        new StoreRows<>(stores.interconnects, TunnelFamilies::rows))));
    c.add(new FamilyCollector<>(PcapFamilies.CAPTURES, new StoreRows<>(stores.pcaps, PcapFamilies::captureRows)));
    c.add(new FamilyCollector<>(PcapFamilies.BUCKETS, new StoreRows<>(stores.pcapOwnership, PcapFamilies::bucketRows)));
    c.add(new FamilyCollector<>(VpcServiceFamilies.TABLE, new StoreRows<>(stores.vpcServices, VpcServiceFamilies::rows)));
    c.add(new FamilyCollector<>(InventoryFamilies.SITES, new StoreRows<>(stores.sites, InventoryFamilies::siteRows)));
    c.add(new FamilyCollector<>(InventoryFamilies.ACCOUNTS, accountRows(stores.sites, stores.apps, stores.routes)));
    if (routeSeries) {
      c.add(new FamilyCollector<>(InventoryFamilies.ROUTES, new StoreRows<>(stores.routes, InventoryFamilies::routeRows)));
    }
    this.collectors = List.copyOf(c);
  }

  public List<FamilyCollector<?>> collectors() {
    return collectors;
  }

  public void register(Metrics metrics) {
    collectors.forEach(metrics::register);
  }

  /** One row per account that any of the three stores knows, rebuilt when one of them changed. */
  private static Supplier<List<Row<InventoryFamilies.AccountCounts>>> accountRows(AccountStore<SiteInventory> sites,
      AccountStore<List<MagicApp>> apps, AccountStore<List<MagicRoute>> routes) {
    return new Supplier<>() {
      private volatile List<Object> keys = List.of();
      private volatile List<Row<InventoryFamilies.AccountCounts>> rows = List.of();

      @Override
      public List<Row<InventoryFamilies.AccountCounts>> get() {
        Map<String, AccountStore.Entry<SiteInventory>> s = sites.snapshot();
        Map<String, AccountStore.Entry<List<MagicApp>>> a = apps.snapshot();
        Map<String, AccountStore.Entry<List<MagicRoute>>> r = routes.snapshot();
        List<Object> k = keys;
        if (k.size() == 3 && k.get(0) == s && k.get(1) == a && k.get(2) == r) {
          return rows;
        }
        TreeSet<String> accounts = new TreeSet<>(s.keySet());
        accounts.addAll(a.keySet());
        accounts.addAll(r.keySet());
        List<Row<InventoryFamilies.AccountCounts>> out = new ArrayList<>();
        for (String account : accounts) {
          out.add(InventoryFamilies.ACCOUNTS.row(InventoryFamilies.counts(value(s, account), value(a, account),
              value(r, account)), account));
        }
        rows = List.copyOf(out);
        keys = List.of(s, a, r);
        return rows;
      }
    };
  }

  private static <V> V value(Map<String, AccountStore.Entry<V>> m, String account) {
    AccountStore.Entry<V> e = m.get(account);
    return e == null ? null : e.value();
  }
}
