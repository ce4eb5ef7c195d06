package dev.magicexporter.metrics.magic;

import dev.magicexporter.metrics.family.Conversion;
import dev.magicexporter.metrics.family.Family;
import dev.magicexporter.metrics.family.FamilyTable;
import dev.magicexporter.metrics.family.FamilyType;
import dev.magicexporter.metrics.family.Row;
import dev.magicexporter.model.MagicApp;
import dev.magicexporter.model.MagicRoute;
import dev.magicexporter.store.SiteInventory;
import dev.magicexporter.store.SiteInventory.SiteState;
import java.util.ArrayList;
import java.util.List;

/**
 * The Magic WAN inventory: one {@code _info} series per site with its HA mode and location,
 * object counts per site and kind, counts per account and kind, and (opt-in, since an account can
 * have thousands) one series per static route.
 */
public final class InventoryFamilies {
  private InventoryFamilies() {}

  /** Kinds of {@code cloudflare_site_objects}, in exposition order. */
  public static final List<String> SITE_KINDS = List.of("lan", "wan", "acl", "app_config");
  /** Kinds of {@code cloudflare_magic_objects}, in exposition order. */
  public static final List<String> ACCOUNT_KINDS = List.of("site", "account_app", "managed_app", "route");

  public static final FamilyTable<SiteState> SITES = new FamilyTable<>(
      "Sites",
      "From `GET /accounts/{account_id}/magic/sites` and, per site, `.../sites/{site_id}/lans`, `/wans`, `/acls` "
          + "and `/app_configs`, polled every `sources.inventory_interval`. To spare the request budget the "
          + "four child lists are refreshed for a few sites per cycle (new sites first, then the least recently "
          + "refreshed); `cloudflare_site_inventory_timestamp_seconds` says how old a site's counts are. LAN "
          + "addressing and DHCP reservations are never read.",
      List.of("account_id", "site_id"),
      List.of(
          Family.info("cloudflare_site_info", "Descriptive fields of the site (name, primary and secondary connector); "
                  + "value 1.", "name, connector_id, secondary_connector_id",
              List.of("name", "connector_id", "secondary_connector_id"),
              s -> new String[] {s.site().name(), s.site().connectorId(), s.site().secondaryConnectorId()}),
          Family.gauge("cloudflare_site_ha_mode_enabled", "1 when the site runs in high-availability mode, else 0.",
              "ha_mode", Conversion.NONE, s -> Values.of(s.site().haMode())),
          Family.gauge("cloudflare_site_latitude_degrees", "Latitude of the site.", "location.lat", Conversion.NONE,
              s -> s.site().location() == null ? Double.NaN : Values.parse(s.site().location().lat())),
          Family.gauge("cloudflare_site_longitude_degrees", "Longitude of the site.", "location.lon", Conversion.NONE,
              s -> s.site().location() == null ? Double.NaN : Values.parse(s.site().location().lon())),
          new Family<>("cloudflare_site_objects",
              "Configured objects of the site by kind (lan, wan, acl, app_config), as of the last refresh of its "
                  + "children.", FamilyType.GAUGE, List.of("kind"), "lans, wans, acls, app_configs (list lengths)",
              Conversion.NONE, (s, out) -> {
                out.sample("lan", count(s.lans()));
                out.sample("wan", count(s.wans()));
                out.sample("acl", count(s.acls()));
                out.sample("app_config", count(s.appConfigs()));
              }),
          Family.gauge("cloudflare_site_inventory_timestamp_seconds",
              "When the site's LANs, WANs, ACLs and app configs were last fetched.", "(poll time)", Conversion.NONE,
              s -> s.childrenFetchedAt() == null ? Double.NaN : s.childrenFetchedAt().toEpochMilli() / 1000.0)));

  /** Object counts of one account; a null count means that list has not been fetched. */
  public record AccountCounts(Integer sites, Integer accountApps, Integer managedApps, Integer routes) {}

  public static final FamilyTable<AccountCounts> ACCOUNTS = new FamilyTable<>(
      "Magic account inventory",
      "Counts per account from `GET /accounts/{account_id}/magic/sites`, `/magic/apps` and `/magic/routes` "
          + "(routes are counted by default; per-route series are opt-in).",
      List.of("account_id"),
      List.of(new Family<>("cloudflare_magic_objects",
          "Configured objects of the account by kind (site, account_app, managed_app, route).", FamilyType.GAUGE,
          List.of("kind"), "sites, apps (account_app_id / managed_app_id), routes (list lengths)", Conversion.NONE,
          (c, out) -> {
            out.sample("site", Values.of(c.sites()));
            out.sample("account_app", Values.of(c.accountApps()));
            out.sample("managed_app", Values.of(c.managedApps()));
            out.sample("route", Values.of(c.routes()));
          })));

  public static final FamilyTable<MagicRoute> ROUTES = new FamilyTable<>(
      "Magic static routes",
      "From `GET /accounts/{account_id}/magic/routes`, one series per route. Off by default (an account can "
          + "have thousands of routes; `cloudflare_magic_objects{kind=\"route\"}` counts them); enable with "
          + "`sources.route_series`.",
      List.of("account_id", "route_id"),
      List.of(
          Family.info("cloudflare_magic_route_info",
              "Prefix, next hop and ECMP scope (comma-separated colo names and regions) of the route; value 1.",
              "prefix, nexthop, scope.colo_names, scope.colo_regions",
              List.of("prefix", "nexthop", "scope_colo_names", "scope_colo_regions"),
              r -> new String[] {r.prefix(), r.nexthop(), r.scope() == null ? null : Values.join(r.scope().coloNames()),
                  r.scope() == null ? null : Values.join(r.scope().coloRegions())}),
          Family.gauge("cloudflare_magic_route_priority", "Priority of the route (lower wins).", "priority",
              Conversion.NONE, r -> Values.of(r.priority())),
          Family.gauge("cloudflare_magic_route_weight", "ECMP weight of the route, when set.", "weight",
              Conversion.NONE, r -> Values.of(r.effectiveWeight()))));

  private static double count(List<?> l) {
    return l == null ? Double.NaN : l.size();
  }

  static List<Row<SiteState>> siteRows(String accountId, SiteInventory inventory) {
    List<Row<SiteState>> out = new ArrayList<>(inventory.sites().size());
    for (SiteState s : inventory.sites()) {
      out.add(SITES.row(s, accountId, s.site().id()));
    }
    return out;
  }

  static List<Row<MagicRoute>> routeRows(String accountId, List<MagicRoute> routes) {
    List<Row<MagicRoute>> out = new ArrayList<>(routes.size());
    for (MagicRoute r : routes) {
      out.add(ROUTES.row(r, accountId, r.id()));
    }
    return out;
  }

  static AccountCounts counts(SiteInventory sites, List<MagicApp> apps, List<MagicRoute> routes) {
    Integer accountApps = null;
    Integer managedApps = null;
    if (apps != null) {
      int managed = 0;
      for (MagicApp a : apps) {
        if (a.origin().equals("managed")) {
          managed++;
        }
      }
      accountApps = apps.size() - managed;
      managedApps = managed;
    }
    return new AccountCounts(sites == null ? null : sites.sites().size(), accountApps, managedApps,
        routes == null ? null : routes.size());
  }
}
