package dev.magicexporter.sim.magic;

import dev.magicexporter.sim.SimOptions;
import dev.magicexporter.sim.connectors.SimWorld;
import dev.magicexporter.sim.magic.inventory.InventorySim;
import dev.magicexporter.sim.magic.pcaps.PcapsSim;
import dev.magicexporter.sim.magic.services.ServicesSim;
import dev.magicexporter.sim.magic.tunnels.TunnelsSim;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The simulated Magic estate of every account: one {@link SimResourceStore} per resource, each
 * seeded from {@code options.seed()} and brought to the clock's time on every read. The stores
 * are the extension point for write endpoints: a POST {@code put}s a new {@link SimObject} (born
 * now, never dying), a PUT/PATCH {@code update}s its fields, a DELETE {@code remove}s it (and a
 * removed generated object stays removed). Derived fields (BGP status, capture status) are
 * computed by the views from the stored fields, so they keep working on written objects.
 */
public final class MagicSimWorld {
  /** One Magic estate per shared world, so that modules mounted on one simulator agree. */
  private static final Map<SimWorld, MagicSimWorld> BY_WORLD = Collections.synchronizedMap(new WeakHashMap<>());

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

  /** A standalone estate (no connectors to link to) of the default size. */
  public MagicSimWorld(SimOptions options) {
    this(options.seed(), MagicSimSizes.defaults());
  }

  /** A standalone estate: every id comes from the seed. */
  public MagicSimWorld(long seed, MagicSimSizes sizes) {
    this(seed, sizes, SimLinks.NONE);
  }

  /**
   * The estate of a shared simulator world: GRE and IPsec tunnels carry the ids of the tunnels in
   * the connectors' snapshots, and sites name the world's connectors.
   */
  public MagicSimWorld(SimWorld world, MagicSimSizes sizes) {
    this(world.options().seed(), sizes, new SimLinks(world));
  }

  /** The estate shared by every module mounted on {@code world}'s simulator. */
  public static MagicSimWorld of(SimWorld world) {
    return BY_WORLD.computeIfAbsent(world, w -> new MagicSimWorld(w, MagicSimSizes.defaults()));
  }

  private MagicSimWorld(long seed, MagicSimSizes sizes, SimLinks links) {
    this.seed = seed;
    this.sizes = sizes;
    this.greTunnels = TunnelsSim.greStore(seed, sizes, links);
    this.ipsecTunnels = TunnelsSim.ipsecStore(seed, sizes, links);
    this.interconnects = TunnelsSim.interconnectStore(seed, sizes);
    this.pcaps = PcapsSim.captureStore(seed);
    this.pcapBuckets = PcapsSim.bucketStore(seed);
    this.services = ServicesSim.store(seed, sizes);
    this.sites = InventorySim.siteStore(seed, sizes, links);
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
