package dev.magicexporter.poll.source;

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
 * The account-level sources as data: name, permission, the {@link dev.magicexporter.client.CloudflareApi}
 * call of each and how its objects are keyed.
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
    return new Source<>(GRE_TUNNELS, MAGIC_READ, ctx -> ctx.api().greTunnels(ctx.accountId())
        .map(items -> tunnels(Ids.withIds(items, GreTunnel::id), Tunnel::of)), List::size);
  }

  public static Source<List<Tunnel>> ipsecTunnels() {
    return new Source<>(IPSEC_TUNNELS, MAGIC_READ, ctx -> ctx.api().ipsecTunnels(ctx.accountId())
        .map(items -> tunnels(Ids.withIds(items, IpsecTunnel::id), Tunnel::of)), List::size);
  }

  public static Source<List<Tunnel>> interconnects() {
    return new Source<>(INTERCONNECTS, MAGIC_READ, ctx -> ctx.api().interconnects(ctx.accountId())
        .map(items -> tunnels(Ids.withIds(items, Interconnect::id), Tunnel::of)), List::size);
  }

  private static <A> List<Tunnel> tunnels(List<A> items, Function<A, Tunnel> toTunnel) {
    return items.stream().map(toTunnel).toList();
  }

  public static Source<List<Pcap>> pcaps() {
    return new Source<>(PCAPS, PCAPS_READ, ctx -> ctx.api().pcaps(ctx.accountId())
        .map(items -> Ids.withIds(items, Pcap::id)), List::size);
  }

  public static Source<List<PcapOwnership>> pcapOwnership() {
    return new Source<>(PCAP_OWNERSHIP, PCAPS_READ, ctx -> ctx.api().pcapOwnership(ctx.accountId())
        .map(items -> Ids.withIds(items, PcapOwnership::id)), List::size);
  }

  /** Workers VPC services, {@code perPage} per page (the API allows 1..1000). */
  public static Source<List<ConnectivityService>> vpcServices(int perPage) {
    if (perPage < 1 || perPage > 1000) {
      throw new IllegalArgumentException("services per page must be within 1..1000, not " + perPage);
    }
    return new Source<>(VPC_SERVICES, CONNECTIVITY_READ, ctx -> ctx.api().vpcServices(ctx.accountId(), perPage)
        .map(items -> Ids.withIds(items, ConnectivityService::serviceId)), List::size);
  }

  /** Sites with the children of at most {@code sitesPerCycle} sites refreshed per cycle. */
  public static Source<SiteInventory> sites(int sitesPerCycle) {
    return new Source<>(SITES, MAGIC_READ, new SiteInventoryFetcher(sitesPerCycle), inv -> inv.sites().size());
  }

  public static Source<List<MagicApp>> apps() {
    return new Source<>(APPS, MAGIC_READ, ctx -> ctx.api().apps(ctx.accountId())
        .map(items -> Ids.withIds(items, a -> a.accountAppId() != null ? a.accountAppId() : a.managedAppId())),
        List::size);
  }

  public static Source<List<MagicRoute>> routes() {
    return new Source<>(ROUTES, MAGIC_READ, ctx -> ctx.api().routes(ctx.accountId())
        .map(items -> Ids.withIds(items, MagicRoute::id)), List::size);
  }
}
