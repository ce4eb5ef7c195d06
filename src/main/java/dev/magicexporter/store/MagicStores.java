package dev.magicexporter.store;

import dev.magicexporter.model.ConnectivityService;
import dev.magicexporter.model.MagicApp;
import dev.magicexporter.model.MagicRoute;
import dev.magicexporter.model.Pcap;
import dev.magicexporter.model.PcapOwnership;
import dev.magicexporter.model.Tunnel;
import java.util.List;

/**
 * The latest good state of every account-level source, one {@link AccountStore} each. Pollers
 * write, collectors read; nothing else shares these.
 */
public final class MagicStores {
  public final AccountStore<List<Tunnel>> greTunnels = new AccountStore<>();
  public final AccountStore<List<Tunnel>> ipsecTunnels = new AccountStore<>();
  public final AccountStore<List<Tunnel>> interconnects = new AccountStore<>();
  public final AccountStore<List<Pcap>> pcaps = new AccountStore<>();
  public final AccountStore<List<PcapOwnership>> pcapOwnership = new AccountStore<>();
  public final AccountStore<List<ConnectivityService>> vpcServices = new AccountStore<>();
  public final AccountStore<SiteInventory> sites = new AccountStore<>();
  public final AccountStore<List<MagicApp>> apps = new AccountStore<>();
  public final AccountStore<List<MagicRoute>> routes = new AccountStore<>();

  /** Forgets an account in every store (it left the configuration). */
  public void removeAccount(String accountId) {
    greTunnels.remove(accountId);
    ipsecTunnels.remove(accountId);
    interconnects.remove(accountId);
    pcaps.remove(accountId);
    pcapOwnership.remove(accountId);
    vpcServices.remove(accountId);
    sites.remove(accountId);
    apps.remove(accountId);
    routes.remove(accountId);
  }
}
