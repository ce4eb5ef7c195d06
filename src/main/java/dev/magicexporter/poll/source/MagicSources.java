package dev.magicexporter.poll.source;

import dev.magicexporter.client.Priority;
import dev.magicexporter.model.ConnectivityService;
import dev.magicexporter.model.GreTunnel;
import dev.magicexporter.model.Interconnect;
import dev.magicexporter.model.IpsecTunnel;
import dev.magicexporter.model.MagicApp;
import dev.magicexporter.model.MagicRoute;
import dev.magicexporter.model.Pcap;
import dev.magicexporter.model.PcapOwnership;
import dev.magicexporter.model.Tunnel;
import dev.magicexporter.store.SiteInventory;
import java.util.List;
import java.util.function.Function;

/**
 * The account-level sources as data: name, permission, request and decoding of each. Every list
 * the API documents as unpaged is one request; Workers VPC services are paged.
 */
public final class MagicSources {
  /** Permission for tunnels, interconnects, routes and the site inventory. */
  public static final String MAGIC_READ = "\"Magic WAN Read\" or \"Magic Transit Read\"";
  /** Permission for packet captures and bucket ownership. */
  public static final String PCAPS_READ = "\"Magic Firewall Packet Captures - Read PCAPs API\"";
  /** Permission for Workers VPC services. */
  public static final String CONNECTIVITY_READ = "\"Connectivity Directory Read\"";

  public static final String GRE_TUNNELS = "gre_tunnels";
  public static final String IPSEC_TUNNELS = "ipsec_tunnels";
  public static final String INTERCONNECTS = "cf_interconnects";
  public static final String PCAPS = "pcaps";
  public static final String PCAP_OWNERSHIP = "pcap_ownership";
  public static final String VPC_SERVICES = "vpc_services";
  public static final String SITES = "sites";
  public static final String APPS = "apps";
  public static final String ROUTES = "routes";

  private MagicSources() {}

  public static Source<List<Tunnel>> greTunnels() {
    return tunnels(GRE_TUNNELS, "/accounts/{account_id}/magic/gre_tunnels", "gre_tunnels", GreTunnel.class,
        GreTunnel::id, Tunnel::of);
  }

  public static Source<List<Tunnel>> ipsecTunnels() {
    return tunnels(IPSEC_TUNNELS, "/accounts/{account_id}/magic/ipsec_tunnels", "ipsec_tunnels", IpsecTunnel.class,
        IpsecTunnel::id, Tunnel::of);
  }

  public static Source<List<Tunnel>> interconnects() {
    return tunnels(INTERCONNECTS, "/accounts/{account_id}/magic/cf_interconnects", "interconnects",
        Interconnect.class, Interconnect::id, Tunnel::of);
  }

  private static <A> Source<List<Tunnel>> tunnels(String name, String template, String field, Class<A> type,
      Function<A, String> id, Function<A, Tunnel> toTunnel) {
    return new Source<>(name, MAGIC_READ, ctx -> Requests.listField(ctx.client(),
            Requests.get(template, ctx.accountId(), Priority.TUNNELS).withHeader(Requests.NEW_HC_TARGET_HEADER, "true"),
            field, type)
        .map(items -> Requests.withIds(items, id).stream().map(toTunnel).toList()), List::size);
  }

  public static Source<List<Pcap>> pcaps() {
    return new Source<>(PCAPS, PCAPS_READ, ctx -> Requests.list(ctx.client(),
            Requests.get("/accounts/{account_id}/pcaps", ctx.accountId(), Priority.TUNNELS), Pcap.class)
        .map(items -> Requests.withIds(items, Pcap::id)), List::size);
  }

  public static Source<List<PcapOwnership>> pcapOwnership() {
    return new Source<>(PCAP_OWNERSHIP, PCAPS_READ, ctx -> Requests.list(ctx.client(),
            Requests.get("/accounts/{account_id}/pcaps/ownership", ctx.accountId(), Priority.TUNNELS),
            PcapOwnership.class)
        .map(items -> Requests.withIds(items, PcapOwnership::id)), List::size);
  }

  /** Workers VPC services, {@code perPage} per page (the API allows 1..1000). */
  public static Source<List<ConnectivityService>> vpcServices(int perPage) {
    if (perPage < 1 || perPage > 1000) {
      throw new IllegalArgumentException("services per page must be within 1..1000, not " + perPage);
    }
    return new Source<>(VPC_SERVICES, CONNECTIVITY_READ, ctx -> ctx.client().listAllPages(
            Requests.get("/accounts/{account_id}/connectivity/directory/services", ctx.accountId(), Priority.INVENTORY),
            dev.magicexporter.client.ResultDecoder.listOf(ConnectivityService.class), perPage)
        .map(items -> Requests.withIds(Requests.withoutNulls(items), ConnectivityService::serviceId)), List::size);
  }

  /** Sites with the children of at most {@code sitesPerCycle} sites refreshed per cycle. */
  public static Source<SiteInventory> sites(int sitesPerCycle) {
    return new Source<>(SITES, MAGIC_READ, new SiteInventoryFetcher(sitesPerCycle), inv -> inv.sites().size());
  }

  public static Source<List<MagicApp>> apps() {
    return new Source<>(APPS, MAGIC_READ, ctx -> Requests.list(ctx.client(),
            Requests.get("/accounts/{account_id}/magic/apps", ctx.accountId(), Priority.INVENTORY), MagicApp.class)
        .map(items -> Requests.withIds(items, a -> a.accountAppId() != null ? a.accountAppId() : a.managedAppId())),
        List::size);
  }

  public static Source<List<MagicRoute>> routes() {
    return new Source<>(ROUTES, MAGIC_READ, ctx -> Requests.listField(ctx.client(),
            Requests.get("/accounts/{account_id}/magic/routes", ctx.accountId(), Priority.INVENTORY), "routes",
            MagicRoute.class)
        .map(items -> Requests.withIds(items, MagicRoute::id)), List::size);
  }
}
