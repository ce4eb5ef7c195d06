package dev.magicexporter.poll.source;

import dev.magicexporter.client.CloudflareApi;
import dev.magicexporter.model.AppConfig;
import dev.magicexporter.model.Site;
import dev.magicexporter.model.SiteAcl;
import dev.magicexporter.model.SiteLan;
import dev.magicexporter.model.SiteWan;
import dev.magicexporter.store.SiteInventory;
import dev.magicexporter.store.SiteInventory.SiteState;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Fetches an account's sites every cycle, and the four child lists (LANs, WANs, ACLs, app configs)
 * of at most {@code sitesPerCycle} sites: new sites first, then those refreshed longest ago. The
 * cost per cycle is thus at most {@code 1 + 4 * sitesPerCycle} requests however many sites there
 * are, and every site's children are at most {@code ceil(sites / sitesPerCycle)} cycles old. A
 * child list that fails keeps its previous value and counts as an object error.
 */
final class SiteInventoryFetcher implements Function<FetchContext<SiteInventory>, Future<SiteInventory>> {
  private final int sitesPerCycle;

  SiteInventoryFetcher(int sitesPerCycle) {
    if (sitesPerCycle < 1) {
      throw new IllegalArgumentException("sites refreshed per cycle must be at least 1");
    }
    this.sitesPerCycle = sitesPerCycle;
  }

  @Override
  public Future<SiteInventory> apply(FetchContext<SiteInventory> ctx) {
    return ctx.api().sites(ctx.accountId()).compose(sites -> refresh(ctx, Ids.withIds(sites, Site::id)));
  }

  private Future<SiteInventory> refresh(FetchContext<SiteInventory> ctx, List<Site> sites) {
    SiteInventory previous = ctx.previous() == null ? SiteInventory.EMPTY : ctx.previous();
    Map<String, SiteState> states = new LinkedHashMap<>();
    for (Site s : sites) {
      SiteState before = previous.find(s.id());
      states.put(s.id(), before == null ? new SiteState(s, null, null, null, null, null) : before.withSite(s));
    }
    List<SiteState> due = new ArrayList<>(states.values());
    due.sort(Comparator.comparing(SiteState::childrenFetchedAt, Comparator.nullsFirst(Comparator.naturalOrder())));
    List<SiteState> chosen = due.subList(0, Math.min(sitesPerCycle, due.size()));
    Map<String, SiteState> refreshed = new HashMap<>();
    Future<Void> chain = Future.succeededFuture();
    for (SiteState s : List.copyOf(chosen)) {
      chain = chain.compose(v -> children(ctx, s).map(r -> {
        refreshed.put(s.site().id(), r);
        return null;
      }));
    }
    return chain.map(v -> {
      List<SiteState> out = new ArrayList<>(states.size());
      for (SiteState s : states.values()) {
        out.add(refreshed.getOrDefault(s.site().id(), s));
      }
      return new SiteInventory(out);
    });
  }

  /** The four child lists of one site; each failure keeps that list's previous value. */
  private Future<SiteState> children(FetchContext<SiteInventory> ctx, SiteState s) {
    String id = s.site().id();
    CloudflareApi api = ctx.api();
    String account = ctx.accountId();
    Future<List<SiteLan>> lans = child(ctx, id, "lans", api.siteLans(account, id), SiteLan::id, s.lans());
    Future<List<SiteWan>> wans = child(ctx, id, "wans", api.siteWans(account, id), SiteWan::id, s.wans());
    Future<List<SiteAcl>> acls = child(ctx, id, "acls", api.siteAcls(account, id), SiteAcl::id, s.acls());
    Future<List<AppConfig>> configs = child(ctx, id, "app_configs", api.siteAppConfigs(account, id), AppConfig::id,
        s.appConfigs());
    Instant at = ctx.now();
    return Future.all(lans, wans, acls, configs).map(v ->
        new SiteState(s.site(), lans.result(), wans.result(), acls.result(), configs.result(), at));
  }

  private <T> Future<List<T>> child(FetchContext<SiteInventory> ctx, String siteId, String kind,
      Future<List<T>> fetched, Function<T, String> idOf, List<T> previous) {
    return fetched
        .map(items -> Ids.withIds(items, idOf))
        .recover(err -> {
          ctx.errors().record(kind + " of site " + siteId, err);
          return Future.succeededFuture(previous);
        });
  }
}
