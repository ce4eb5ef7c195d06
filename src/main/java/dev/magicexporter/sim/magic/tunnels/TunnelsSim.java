package dev.magicexporter.sim.magic.tunnels;

import static dev.magicexporter.sim.magic.JsonMaps.obj;

import dev.magicexporter.sim.magic.JsonMaps;
import dev.magicexporter.sim.magic.MagicSimSizes;
import dev.magicexporter.sim.magic.SimHash;
import dev.magicexporter.sim.magic.SimLinks;
import dev.magicexporter.sim.magic.SimObject;
import dev.magicexporter.sim.magic.SimResourceStore;
import dev.magicexporter.sim.magic.SimTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The simulated GRE tunnels, IPsec tunnels and CNI interconnects: their stored configuration
 * (generated from the seed) and the live parts derived from the clock: every tunnel with BGP
 * configured flaps between {@code BGP_UP}, {@code BGP_ESTABLISHING} and {@code BGP_DOWN} in
 * two-minute segments, except every IPsec tunnel whose index is 1 mod 3, which has BGP configured
 * but reports no {@code bgp_status} (the "unknown" case). Every third tunnel uses static routing.
 */
public final class TunnelsSim {
  /** Length of one BGP segment: the state may change at each segment boundary. */
  public static final double BGP_SEGMENT_SECONDS = 120;
  /** Marks a stored tunnel whose status the view must leave out. */
  static final String NO_STATUS = "_sim_no_bgp_status";

  private static final String[] RATES = {"low", "mid", "high"};
  private static final String[] COLOS = {"pni_ord", "pni_ams", "pni_sin", "pni_fra"};

  private TunnelsSim() {}

  public static SimResourceStore greStore(long seed, MagicSimSizes sizes, SimLinks links) {
    return new SimResourceStore(new SimResourceStore.Generator() {
      @Override
      public List<SimObject> permanent(String account) {
        List<SimObject> out = new ArrayList<>();
        for (int i = 0; i < sizes.greTunnels(); i++) {
          out.add(gre(seed, account, i, links.tunnelId(account, SimLinks.GRE, i, sizes.greTunnels())));
        }
        return out;
      }

      @Override
      public List<SimObject> aliveAt(String account, double now) {
        return List.of();
      }
    });
  }

  public static SimResourceStore ipsecStore(long seed, MagicSimSizes sizes, SimLinks links) {
    return new SimResourceStore(new SimResourceStore.Generator() {
      @Override
      public List<SimObject> permanent(String account) {
        List<SimObject> out = new ArrayList<>();
        for (int i = 0; i < sizes.ipsecTunnels(); i++) {
          out.add(ipsec(seed, account, i, links.tunnelId(account, SimLinks.IPSEC, i, sizes.greTunnels())));
        }
        return out;
      }

      @Override
      public List<SimObject> aliveAt(String account, double now) {
        return List.of();
      }
    });
  }

  public static SimResourceStore interconnectStore(long seed, MagicSimSizes sizes) {
    return new SimResourceStore(new SimResourceStore.Generator() {
      @Override
      public List<SimObject> permanent(String account) {
        List<SimObject> out = new ArrayList<>();
        for (int i = 0; i < sizes.interconnects(); i++) {
          out.add(interconnect(seed, account, i));
        }
        return out;
      }

      @Override
      public List<SimObject> aliveAt(String account, double now) {
        return List.of();
      }
    });
  }

  /** The /31 of tunnel {@code n} of a kind: 10.{kind}.{n/128}.{2n%256}/31. */
  static String interfaceAddress(int kind, int n) {
    return "10." + (100 + kind) + "." + (n / 128) + "." + ((n * 2) % 256) + "/31";
  }

  /** The customer side of that /31, the next hop of routes through the tunnel. */
  public static String customerSide(int kind, int n) {
    return "10." + (100 + kind) + "." + (n / 128) + "." + ((n * 2) % 256 + 1);
  }

  private static Map<String, Object> healthCheck(long seed, String id, int i, String defaultTarget, boolean direction) {
    boolean custom = SimHash.below(4, seed, id, "hc-target") == 0;
    String saved = custom ? "198.51.100." + (200 + i % 50) : "";
    return obj(
        "direction", direction ? (i % 2 == 0 ? "bidirectional" : "unidirectional") : null,
        "enabled", SimHash.below(5, seed, id, "hc-enabled") != 0,
        "rate", RATES[i % RATES.length],
        "target", obj("effective", custom ? saved : defaultTarget, "saved", saved),
        "type", i % 2 == 0 ? "request" : "reply");
  }

  private static Map<String, Object> bgp(long seed, String id, int i) {
    return obj("customer_asn", 64512 + i, "extra_prefixes", List.of("192.0.2." + (i % 64) * 4 + "/30"),
        "md5_key", "sim-md5-" + SimHash.id(seed, id, "md5").substring(0, 12));
  }

  /** GRE tunnel {@code i}; {@code linkedId} is its id in the connectors' snapshots, or null. */
  static SimObject gre(long seed, String account, int i, String linkedId) {
    String id = linkedId != null ? linkedId : SimHash.id(seed, account, "gre", i);
    double created = SimTime.createdAt(seed, id);
    String customer = "198.51.100." + (1 + i % 250);
    boolean bgp = i % 3 != 2;
    return SimObject.permanent(id, null, obj(
        "id", id,
        "cloudflare_gre_endpoint", "203.0.113." + (1 + i % 250),
        "customer_gre_endpoint", customer,
        "interface_address", interfaceAddress(0, i),
        "name", "GRE_" + (i + 1),
        "automatic_return_routing", i % 2 == 0,
        "bgp", bgp ? bgp(seed, id, i) : null,
        "created_on", SimTime.rfc3339(created),
        "description", "Tunnel " + (i + 1) + " for ISP " + (char) ('A' + i % 26),
        "health_check", healthCheck(seed, id, i, customer, true),
        "interface_address6", "2606:54c1:7:0:a9fe:12d2:" + Integer.toHexString(i) + ":200/127",
        "modified_on", SimTime.rfc3339(created + 86400 * (1 + i % 30)),
        "mtu", 1476,
        "ttl", 64));
  }

  /** IPsec tunnel {@code i}; {@code linkedId} is its id in the connectors' snapshots, or null. */
  static SimObject ipsec(long seed, String account, int i, String linkedId) {
    String id = linkedId != null ? linkedId : SimHash.id(seed, account, "ipsec", i);
    double created = SimTime.createdAt(seed, id);
    String customer = "198.51.100." + (1 + (i + 100) % 250);
    boolean bgp = i % 3 != 2;
    Map<String, Object> fields = obj(
        "id", id,
        "cloudflare_endpoint", "203.0.113." + (1 + (i + 100) % 250),
        "interface_address", interfaceAddress(1, i),
        "name", "IPsec_" + (i + 1),
        "allow_null_cipher", false,
        "automatic_return_routing", i % 2 == 1,
        "bgp", bgp ? bgp(seed, id, i) : null,
        "created_on", SimTime.rfc3339(created),
        "custom_remote_identities", obj("fqdn_id", "t" + (i + 1) + ".sim.custom.ipsec.cloudflare.com"),
        "customer_endpoint", customer,
        "description", "IPsec tunnel " + (i + 1),
        "health_check", healthCheck(seed, id, i, customer, true),
        "interface_address6", "2606:54c1:7:1:a9fe:12d2:" + Integer.toHexString(i) + ":200/127",
        "modified_on", SimTime.rfc3339(created + 3600 * (1 + i % 48)),
        "psk_metadata", obj("last_generated_on", SimTime.rfc3339(created + 60)),
        "replay_protection", i % 2 == 0);
    if (bgp && i % 3 == 1) {
      fields.put(NO_STATUS, true);
    }
    return SimObject.permanent(id, null, fields);
  }

  static SimObject interconnect(long seed, String account, int i) {
    String id = SimHash.id(seed, account, "cni", i);
    double created = SimTime.createdAt(seed, id);
    String colo = COLOS[i % COLOS.length] + (i >= COLOS.length ? "_" + (i / COLOS.length) : "");
    return SimObject.permanent(id, null, obj(
        "id", id,
        "automatic_return_routing", true,
        "colo_name", colo,
        "created_on", SimTime.rfc3339(created),
        "description", "Tunnel for Interconnect to " + colo.substring(4).toUpperCase(),
        "gre", obj("cloudflare_endpoint", "203.0.113." + (1 + (i + 200) % 250)),
        "health_check", healthCheck(seed, id, i, customerSide(2, i), false),
        "interface_address", interfaceAddress(2, i),
        "interface_address6", "2606:54c1:7:2:a9fe:12d2:" + Integer.toHexString(i) + ":200/127",
        "modified_on", SimTime.rfc3339(created + 7200),
        "mtu", 1500,
        "name", colo,
        "virtual_port_reservation_id", SimHash.id(seed, id, "vpr")));
  }

  /** The BGP state of tunnel {@code id} during segment {@code k}. */
  static String bgpState(long seed, String id, long k) {
    double u = SimHash.unit(seed, id, "bgp", k);
    if (u < 0.75) {
      return "BGP_UP";
    }
    return u < 0.88 ? "BGP_ESTABLISHING" : "BGP_DOWN";
  }

  /**
   * The state of tunnel {@code id} at {@code time} ({@code BGP_UP}, {@code BGP_ESTABLISHING} or
   * {@code BGP_DOWN}), whether or not the tunnel runs BGP: the simulator's one notion of a tunnel
   * being up, flapping or down, which other simulated views (GraphQL analytics) follow.
   */
  public static String stateAt(long seed, String id, double time) {
    return bgpState(seed, id, (long) Math.floor(time / BGP_SEGMENT_SECONDS));
  }

  /** {@code bgp_status} at {@code now}: the segment's state and when it last changed. */
  static Map<String, Object> bgpStatus(long seed, String id, Map<String, Object> fields, double now) {
    long k = (long) Math.floor(now / BGP_SEGMENT_SECONDS);
    String state = bgpState(seed, id, k);
    long since = k;
    for (long j = k; j > k - 200; j--) {
      since = j;
      if (!bgpState(seed, id, j - 1).equals(state)) {
        break;
      }
    }
    boolean tcp = state.equals("BGP_UP") || (state.equals("BGP_ESTABLISHING") && SimHash.below(2, seed, id, k) == 0);
    String cfSide = (String) fields.get("interface_address");
    String ip = cfSide == null ? "192.168.1.1" : cfSide.substring(0, cfSide.indexOf('/'));
    return obj(
        "state", state,
        "tcp_established", tcp,
        "updated_at", SimTime.rfc3339(since * BGP_SEGMENT_SECONDS),
        "bgp_state", switch (state) {
          case "BGP_UP" -> "Established";
          case "BGP_ESTABLISHING" -> tcp ? "OpenConfirm" : "Connect";
          default -> "Idle";
        },
        "cf_speaker_ip", ip,
        "cf_speaker_port", 179,
        "customer_speaker_ip", nextAddress(ip),
        "customer_speaker_port", 30000 + SimHash.below(30000, seed, id, "port"));
  }

  private static String nextAddress(String ip) {
    int dot = ip.lastIndexOf('.');
    return ip.substring(0, dot + 1) + (Integer.parseInt(ip.substring(dot + 1)) + 1);
  }

  /**
   * The object as a GET returns it at {@code now}: {@code bgp_status} derived from the clock for
   * tunnels with BGP, and {@code health_check.target} in the form the header asks for.
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> view(long seed, SimObject o, double now, boolean objectTarget) {
    Map<String, Object> m = JsonMaps.copy(o.fields());
    boolean noStatus = Boolean.TRUE.equals(m.remove(NO_STATUS));
    if (m.containsKey("bgp") && !noStatus) {
      m = JsonMaps.insertAfter(m, "bgp", "bgp_status", bgpStatus(seed, o.id(), m, now));
    }
    Object hc = m.get("health_check");
    if (!objectTarget && hc instanceof Map<?, ?> h && h.get("target") instanceof Map<?, ?> t) {
      Object effective = t.get("effective");
      ((Map<String, Object>) h).put("target", effective == null ? "" : effective);
    }
    return m;
  }
}
