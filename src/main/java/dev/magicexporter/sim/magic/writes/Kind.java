package dev.magicexporter.sim.magic.writes;

import dev.magicexporter.sim.magic.JsonMaps;
import dev.magicexporter.sim.magic.MagicSimWorld;
import dev.magicexporter.sim.magic.SimObject;
import dev.magicexporter.sim.magic.SimResourceStore;
import dev.magicexporter.sim.magic.pcaps.PcapsSim;
import dev.magicexporter.sim.magic.tunnels.TunnelsSim;
import java.util.Map;
import java.util.function.Function;

/**
 * One resource as writes see it.
 *
 * @param idField the field holding the id ({@code id}, {@code account_app_id}, {@code service_id})
 * @param createdField / modifiedField timestamps the API keeps, or null
 * @param parentParam the path parameter of the parent site, or null
 * @param item name of the object in {@code modified_<item>} / {@code deleted_<item>}
 * @param uniqueName "cannot share a name with another tunnel"
 * @param view how GET shows a stored object (some fields are derived from the clock)
 */
record Kind(String name, Function<MagicSimWorld, SimResourceStore> store, String idParam, String idField,
    boolean uuid, String createdField, String modifiedField, String parentParam, String item, boolean uniqueName,
    View view) {

  /** How GET shows a stored object. */
  interface View {
    Map<String, Object> of(long seed, SimObject o, double now, boolean objectTarget);
  }

  private static final View FIELDS = (seed, o, now, objectTarget) -> JsonMaps.copy(o.fields());
  private static final View TUNNEL = TunnelsSim::view;
  private static final View CAPTURE = (seed, o, now, objectTarget) -> PcapsSim.captureView(o, now);
  private static final View BUCKET = (seed, o, now, objectTarget) -> PcapsSim.bucketView(o, now);

  static final Kind GRE = new Kind("gre", MagicSimWorld::greTunnels, "gre_tunnel_id", "id", false,
      "created_on", "modified_on", null, "gre_tunnel", true, TUNNEL);
  static final Kind IPSEC = new Kind("ipsec", MagicSimWorld::ipsecTunnels, "ipsec_tunnel_id", "id", false,
      "created_on", "modified_on", null, "ipsec_tunnel", true, TUNNEL);
  static final Kind CNI = new Kind("cni", MagicSimWorld::interconnects, "cf_interconnect_id", "id", false,
      "created_on", "modified_on", null, "interconnect", false, TUNNEL);
  static final Kind ROUTE = new Kind("route", MagicSimWorld::routes, "route_id", "id", false,
      "created_on", "modified_on", null, "route", false, FIELDS);
  static final Kind SITE = new Kind("site", MagicSimWorld::sites, "site_id", "id", false,
      null, null, null, "site", false, FIELDS);
  static final Kind LAN = new Kind("lan", MagicSimWorld::lans, "lan_id", "id", false,
      null, null, "site_id", "lan", false, FIELDS);
  static final Kind WAN = new Kind("wan", MagicSimWorld::wans, "wan_id", "id", false,
      null, null, "site_id", "wan", false, FIELDS);
  static final Kind ACL = new Kind("acl", MagicSimWorld::acls, "acl_id", "id", false,
      null, null, "site_id", "acl", false, FIELDS);
  static final Kind APP_CONFIG = new Kind("app_config", MagicSimWorld::appConfigs, "app_config_id", "id",
      false, null, null, "site_id", "app_config", false, FIELDS);
  static final Kind APP = new Kind("app", MagicSimWorld::apps, "account_app_id", "account_app_id", false,
      null, null, null, "app", false, FIELDS);
  static final Kind SERVICE = new Kind("service", MagicSimWorld::services, "service_id", "service_id", true,
      "created_at", "updated_at", null, "service", false, FIELDS);
  static final Kind PCAP = new Kind("pcap", MagicSimWorld::pcaps, "pcap_id", "id", false,
      null, null, null, "pcap", false, CAPTURE);
  static final Kind OWNERSHIP = new Kind("ownership", MagicSimWorld::pcapBuckets, "ownership_id", "id", false,
      null, null, null, "ownership", false, BUCKET);
}
