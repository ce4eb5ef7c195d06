package dev.magicexporter.poll.source;

import dev.magicexporter.poll.Poller;
import dev.magicexporter.store.MagicStores;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Builds one {@link SourcePoller} per account-level source, each on its own interval, writing to
 * {@link MagicStores}. Register every poller of {@link #pollers()} with the {@code PollScheduler}.
 */
public final class MagicPollers {
  /**
   * Intervals and budget knobs.
   *
   * @param tunnels GRE, IPsec and interconnect lists ({@code sources.tunnels_interval})
   * @param pcaps captures and bucket ownership ({@code sources.pcaps_interval})
   * @param services Workers VPC services ({@code sources.services_interval})
   * @param inventory sites and their children, apps, routes ({@code sources.inventory_interval})
   * @param servicesPerPage page size for the services list (1..1000)
   * @param sitesPerCycle sites whose LANs/WANs/ACLs/app configs are refreshed per inventory cycle
   */
  public record Settings(Duration tunnels, Duration pcaps, Duration services, Duration inventory,
      int servicesPerPage, int sitesPerCycle) {

    /** 60 s for tunnels, 60 s for captures, 5 min for services and inventory, 100 per page, 25 sites. */
    public static Settings defaults() {
      return new Settings(Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofMinutes(5),
          Duration.ofMinutes(5), 100, 25);
    }
  }

  private final List<Poller> pollers;

  public MagicPollers(List<AccountTarget> accounts, MagicStores stores, SourceHealth health, Settings settings,
      Clock clock) {
    this.pollers = List.of(
        new SourcePoller<>(MagicSources.greTunnels(), settings.tunnels(), accounts, stores.greTunnels, health, clock),
        new SourcePoller<>(MagicSources.ipsecTunnels(), settings.tunnels(), accounts, stores.ipsecTunnels, health,
            clock),
        new SourcePoller<>(MagicSources.interconnects(), settings.tunnels(), accounts, stores.interconnects, health,
            clock),
        new SourcePoller<>(MagicSources.pcaps(), settings.pcaps(), accounts, stores.pcaps, health, clock),
        new SourcePoller<>(MagicSources.pcapOwnership(), settings.pcaps(), accounts, stores.pcapOwnership, health,
            clock),
        new SourcePoller<>(MagicSources.vpcServices(settings.servicesPerPage()), settings.services(), accounts,
            stores.vpcServices, health, clock),
        new SourcePoller<>(MagicSources.sites(settings.sitesPerCycle()), settings.inventory(), accounts, stores.sites,
            health, clock),
        new SourcePoller<>(MagicSources.apps(), settings.inventory(), accounts, stores.apps, health, clock),
        new SourcePoller<>(MagicSources.routes(), settings.inventory(), accounts, stores.routes, health, clock));
  }

  public List<Poller> pollers() {
    return pollers;
  }
}
