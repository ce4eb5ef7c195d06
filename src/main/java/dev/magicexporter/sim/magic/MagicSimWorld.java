package dev.magicexporter.sim.magic;

import dev.magicexporter.sim.SimOptions;

/**
 * The simulated Magic estate of every account: one {@link SimResourceStore} per resource, each
 * seeded from {@code options.seed()} and brought to the clock's time on every read. The stores
 * are the extension point for write endpoints: a POST {@code put}s a new {@link SimObject} (born
 * now, never dying), a PUT/PATCH {@code update}s its fields, a DELETE {@code remove}s it (and a
 * removed generated object stays removed). Derived fields (BGP status, capture status) are
 * computed by the views from the stored fields, so they keep working on written objects.
 */
public final class MagicSimWorld {
  private final long seed;
  private final MagicSimSizes sizes;
  private final SimResourceStore greTunnels;
  private final SimResourceStore ipsecTunnels;
  private final SimResourceStore interconnects;
  private final SimResourceStore pcaps;
  private final SimResourceStore pcapBuckets;
  private final SimResourceStore services;
  private final SimResourceStore sites;
  private final SimResourceStore lans;
  private final SimResourceStore wans;
  private final SimResourceStore acls;
  private final SimResourceStore appConfigs;
  private final SimResourceStore apps;
  private final SimResourceStore routes;

  public MagicSimWorld(SimOptions options) {
    this(options.seed(), MagicSimSizes.defaults());
  }

  public MagicSimWorld(long seed, MagicSimSizes sizes) {
    this.seed = seed;
    this.sizes = sizes;
    this.greTunnels = TunnelsSim.greStore(seed, sizes);
    this.ipsecTunnels = TunnelsSim.ipsecStore(seed, sizes);
    this.interconnects = TunnelsSim.interconnectStore(seed, sizes);
    this.pcaps = PcapsSim.captureStore(seed);
    this.pcapBuckets = PcapsSim.bucketStore(seed);
    this.services = ServicesSim.store(seed, sizes);
    this.sites = InventorySim.siteStore(seed, sizes);
    this.lans = InventorySim.lanStore(seed, sizes);
    this.wans = InventorySim.wanStore(seed, sizes);
    this.acls = InventorySim.aclStore(seed, sizes);
    this.appConfigs = InventorySim.appConfigStore(seed, sizes);
    this.apps = InventorySim.appStore(seed, sizes);
    this.routes = InventorySim.routeStore(seed, sizes);
  }

  public long seed() {
    return seed;
  }

  public MagicSimSizes sizes() {
    return sizes;
  }

  public SimResourceStore greTunnels() {
    return greTunnels;
  }

  public SimResourceStore ipsecTunnels() {
    return ipsecTunnels;
  }

  public SimResourceStore interconnects() {
    return interconnects;
  }

  public SimResourceStore pcaps() {
    return pcaps;
  }

  public SimResourceStore pcapBuckets() {
    return pcapBuckets;
  }

  public SimResourceStore services() {
    return services;
  }

  public SimResourceStore sites() {
    return sites;
  }

  public SimResourceStore lans() {
    return lans;
  }

  public SimResourceStore wans() {
    return wans;
  }

  public SimResourceStore acls() {
    return acls;
  }

  public SimResourceStore appConfigs() {
    return appConfigs;
  }

  public SimResourceStore apps() {
    return apps;
  }

  public SimResourceStore routes() {
    return routes;
  }
}
