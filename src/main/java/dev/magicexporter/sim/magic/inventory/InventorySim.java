package dev.magicexporter.sim.magic.inventory;

import static dev.magicexporter.sim.magic.JsonMaps.obj;

import dev.magicexporter.sim.magic.MagicSimSizes;
import dev.magicexporter.sim.magic.SimHash;
import dev.magicexporter.sim.magic.SimLinks;
import dev.magicexporter.sim.magic.SimObject;
import dev.magicexporter.sim.magic.SimResourceStore;
import dev.magicexporter.sim.magic.SimTime;
import dev.magicexporter.sim.magic.tunnels.TunnelsSim;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The simulated Magic WAN inventory: sites (some permanent, and one new site every fifteen
 * minutes that lives forty-five minutes, so sites are added and removed), each with LANs, WANs,
 * ACLs and app configs that live as long as their site; account and managed apps; static routes
 * through the simulated tunnels.
 */
public final class InventorySim {
  static final double SITE_PERIOD = 900;
  static final double SITE_LIFETIME = 2700;

  private static final String[][] PLACES = {
      {"37.6192", "-122.3816"}, {"51.4700", "-0.4543"}, {"1.3644", "103.9915"}, {"41.9742", "-87.9073"}};

  private InventorySim() {}

  /** A site to generate: permanent ones have index {@code 0..n-1}, churned ones their slot. */
  private record SiteSeed(String account, String id, String key, int index, double bornAt, double diesAt) {}

  private static List<SiteSeed> permanentSites(long seed, String account, MagicSimSizes sizes) {
    List<SiteSeed> out = new ArrayList<>();
    for (int i = 0; i < sizes.sites(); i++) {
      out.add(new SiteSeed(account, SimHash.id(seed, account, "site", i), "site" + i, i, Double.NEGATIVE_INFINITY,
          Double.POSITIVE_INFINITY));
    }
    return out;
  }

  private static List<SiteSeed> churnSites(long seed, String account, double now) {
    List<SiteSeed> out = new ArrayList<>();
    long last = (long) Math.floor(now / SITE_PERIOD);
    long first = (long) Math.floor((now - SITE_LIFETIME) / SITE_PERIOD) + 1;
    for (long k = first; k <= last; k++) {
      out.add(new SiteSeed(account, SimHash.id(seed, account, "site-churn", k), "churn" + k, (int) Math.floorMod(k, 1000L),
          k * SITE_PERIOD, k * SITE_PERIOD + SITE_LIFETIME));
    }
    return out;
  }

  private interface ChildMaker {
    List<SimObject> make(SiteSeed site);
  }

  private static SimResourceStore siteScoped(long seed, MagicSimSizes sizes, ChildMaker maker) {
    return new SimResourceStore(new SimResourceStore.Generator() {
      @Override
      public List<SimObject> permanent(String account) {
        List<SimObject> out = new ArrayList<>();
        for (SiteSeed s : permanentSites(seed, account, sizes)) {
          out.addAll(maker.make(s));
        }
        return out;
      }

      @Override
      public List<SimObject> aliveAt(String account, double now) {
        List<SimObject> out = new ArrayList<>();
        for (SiteSeed s : churnSites(seed, account, now)) {
          out.addAll(maker.make(s));
        }
        return out;
      }
    });
  }

  public static SimResourceStore siteStore(long seed, MagicSimSizes sizes, SimLinks links) {
    return siteScoped(seed, sizes, s -> List.of(site(seed, s, links)));
  }

  /** A site; its connectors are the shared world's connectors {@code 2i} and {@code 2i+1} when there are any. */
  private static SimObject site(long seed, SiteSeed s, SimLinks links) {
    boolean ha = s.index() % 2 == 0;
    String primary = links.connectorId(s.account(), 2 * s.index());
    String secondary = links.connectorId(s.account(), 2 * s.index() + 1);
    String[] place = s.index() % 5 == 4 ? null : PLACES[s.index() % PLACES.length];
    return new SimObject(s.id(), null, obj(
        "id", s.id(),
        "connector_id", primary != null ? primary : SimHash.id(seed, s.id(), "connector"),
        "description", "Simulated site " + s.key(),
        "ha_mode", ha,
        "location", place == null ? null : obj("lat", place[0], "lon", place[1]),
        "name", "site_" + s.key(),
        "secondary_connector_id", !ha ? null : secondary != null && !secondary.equals(primary) ? secondary
            : SimHash.id(seed, s.id(), "connector2")), s.bornAt(), s.diesAt());
  }

  public static SimResourceStore lanStore(long seed, MagicSimSizes sizes) {
    return siteScoped(seed, sizes, s -> {
      List<SimObject> out = new ArrayList<>();
      int n = 1 + SimHash.below(3, seed, s.id(), "lans");
      for (int j = 0; j < n; j++) {
        String id = SimHash.id(seed, s.id(), "lan", j);
        String net = "192.168." + (j * 16 + s.index() % 16) + ".";
        out.add(new SimObject(id, s.id(), obj(
            "id", id,
            "ha_link", j == 0 && s.index() % 2 == 0,
            "is_breakout", j == 1,
            "is_prioritized", false,
            "name", "lan" + j,
            "nat", obj("static_prefix", net + "0/24"),
            "physport", 2 + j,
            "routed_subnets", List.of(obj("next_hop", net + "254", "prefix", "172.16." + j + ".0/24")),
            "site_id", s.id(),
            "static_addressing", obj(
                "address", net + "1/24",
                "dhcp_server", obj("dhcp_pool_end", net + "200", "dhcp_pool_start", net + "100",
                    "dns_server", net + "1", "dns_servers", List.of(net + "1"),
                    "reservations", obj(String.format("02:00:5e:%02x:%02x:01", s.index() % 256, j), net + "150")),
                "secondary_address", net + "2/24",
                "virtual_address", net + "3/24"),
            "vlan_tag", 10 * (j + 1)), s.bornAt(), s.diesAt()));
      }
      return out;
    });
  }

  public static SimResourceStore wanStore(long seed, MagicSimSizes sizes) {
    return siteScoped(seed, sizes, s -> {
      List<SimObject> out = new ArrayList<>();
      int n = 1 + SimHash.below(2, seed, s.id(), "wans");
      for (int j = 0; j < n; j++) {
        String id = SimHash.id(seed, s.id(), "wan", j);
        out.add(new SimObject(id, s.id(), obj(
            "id", id,
            "health_check_rate", j == 0 ? "mid" : "low",
            "name", "wan" + j,
            "physport", 1 + j * 4,
            "priority", j,
            "site_id", s.id(),
            "static_addressing", obj("address", "100.64." + s.index() % 256 + "." + (j * 4 + 2) + "/30",
                "gateway_address", "100.64." + s.index() % 256 + "." + (j * 4 + 1),
                "secondary_address", "100.64." + s.index() % 256 + "." + (j * 4 + 3) + "/30"),
            "vlan_tag", 0), s.bornAt(), s.diesAt()));
      }
      return out;
    });
  }

  public static SimResourceStore aclStore(long seed, MagicSimSizes sizes) {
    return siteScoped(seed, sizes, s -> {
      List<SimObject> out = new ArrayList<>();
      int n = SimHash.below(3, seed, s.id(), "acls");
      for (int j = 0; j < n; j++) {
        String id = SimHash.id(seed, s.id(), "acl", j);
        Map<String, Object> lan1 = obj("lan_id", SimHash.id(seed, s.id(), "lan", 0), "lan_name", "lan0",
            "port_ranges", List.of("8080-9000"), "ports", List.of(443), "subnets", List.of("192.168.0.0/24"));
        Map<String, Object> lan2 = obj("lan_id", SimHash.id(seed, s.id(), "lan", 0), "lan_name", "lan0",
            "port_ranges", List.of(), "ports", List.of(5432), "subnets", List.of("192.168.0.10"));
        out.add(new SimObject(id, s.id(), obj(
            "id", id,
            "description", "Simulated policy " + j,
            "forward_locally", j == 0,
            "lan_1", lan1,
            "lan_2", lan2,
            "name", "acl" + j,
            "protocols", j == 0 ? List.of("tcp") : List.of("tcp", "udp"),
            "unidirectional", j == 1), s.bornAt(), s.diesAt()));
      }
      return out;
    });
  }

  public static SimResourceStore appConfigStore(long seed, MagicSimSizes sizes) {
    return siteScoped(seed, sizes, s -> {
      List<SimObject> out = new ArrayList<>();
      int n = SimHash.below(3, seed, s.id(), "app_configs");
      for (int j = 0; j < n; j++) {
        String id = SimHash.id(seed, s.id(), "app_config", j);
        boolean managed = j == 1 && sizes.managedApps() > 0 || sizes.accountApps() == 0;
        String app = managed
            ? managedAppId(seed, Math.max(1, sizes.managedApps()), s.index())
            : SimHash.id(seed, "app", s.index() % Math.max(1, sizes.accountApps()));
        boolean breakout = j == 0;
        out.add(new SimObject(id, s.id(), obj(
            managed ? "managed_app_id" : "account_app_id", app,
            "id", id,
            "breakout", breakout,
            "preferred_wans", breakout ? List.of(SimHash.id(seed, s.id(), "wan", 0)) : null,
            "priority", j == 1 ? 1 : 0,
            "site_id", s.id()), s.bornAt(), s.diesAt()));
      }
      return out;
    });
  }

  private static String managedAppId(long seed, int managed, int i) {
    return "managed-" + SimHash.id(seed, "managed", i % managed).substring(0, 8);
  }

  public static SimResourceStore appStore(long seed, MagicSimSizes sizes) {
    return new SimResourceStore(new SimResourceStore.Generator() {
      @Override
      public List<SimObject> permanent(String account) {
        List<SimObject> out = new ArrayList<>();
        for (int i = 0; i < sizes.accountApps(); i++) {
          String id = SimHash.id(seed, "app", i);
          out.add(SimObject.permanent(id, null, obj(
              "account_app_id", id,
              "hostnames", List.of("app" + i + ".example.com"),
              "ip_subnets", List.of("192.0.2." + (i % 64) * 4 + "/30"),
              "name", "Account app " + i,
              "source_subnets", List.of("10.0.0.0/8"),
              "type", i % 2 == 0 ? "Development" : "Productivity")));
        }
        for (int i = 0; i < sizes.managedApps(); i++) {
          String id = managedAppId(seed, sizes.managedApps(), i);
          out.add(SimObject.permanent(id, null, obj(
              "managed_app_id", id,
              "hostnames", List.of("managed" + i + ".cloudflare.com"),
              "ip_subnets", List.of("198.51.100." + (i % 64) * 4 + "/30"),
              "name", "Managed app " + i,
              "source_subnets", List.of(),
              "type", "Collaboration")));
        }
        return out;
      }

      @Override
      public List<SimObject> aliveAt(String account, double now) {
        return List.of();
      }
    });
  }

  public static SimResourceStore routeStore(long seed, MagicSimSizes sizes) {
    return new SimResourceStore(new SimResourceStore.Generator() {
      @Override
      public List<SimObject> permanent(String account) {
        List<SimObject> out = new ArrayList<>();
        int tunnels = Math.max(1, sizes.greTunnels() + sizes.ipsecTunnels());
        for (int i = 0; i < sizes.routes(); i++) {
          String id = SimHash.id(seed, account, "route", i);
          int t = i % tunnels;
          String nexthop = t < sizes.greTunnels()
              ? TunnelsSim.customerSide(0, t) : TunnelsSim.customerSide(1, t - sizes.greTunnels());
          double created = SimTime.createdAt(seed, id);
          boolean ecmp = i % 10 == 0;
          out.add(SimObject.permanent(id, null, obj(
              "id", id,
              "nexthop", nexthop,
              "prefix", "10." + (i / 65536 % 100) + "." + (i / 256 % 256) + "." + (i % 256) + "/32",
              "priority", 100 + (i % 3) * 100,
              "created_on", SimTime.rfc3339(created),
              "description", "Route " + i,
              "modified_on", SimTime.rfc3339(created + 600),
              "scope", ecmp ? obj("colo_names", List.of("den01"), "colo_regions", List.of("APAC")) : null,
              "weight", ecmp ? 10 : null)));
        }
        return out;
      }

      @Override
      public List<SimObject> aliveAt(String account, double now) {
        return List.of();
      }
    });
  }
}
