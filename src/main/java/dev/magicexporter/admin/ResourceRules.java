package dev.magicexporter.admin;

import static dev.magicexporter.admin.Schema.anyObject;
import static dev.magicexporter.admin.Schema.anyOf;
import static dev.magicexporter.admin.Schema.arrayOf;
import static dev.magicexporter.admin.Schema.bool;
import static dev.magicexporter.admin.Schema.integer;
import static dev.magicexporter.admin.Schema.integerFrom;
import static dev.magicexporter.admin.Schema.mapOf;
import static dev.magicexporter.admin.Schema.number;
import static dev.magicexporter.admin.Schema.obj;
import static dev.magicexporter.admin.Schema.oneOfValues;
import static dev.magicexporter.admin.Schema.opt;
import static dev.magicexporter.admin.Schema.req;
import static dev.magicexporter.admin.Schema.str;
import static dev.magicexporter.admin.Schema.tagged;
import static dev.magicexporter.admin.Schema.text;

import java.util.List;

/**
 * The field rules of every resource, transcribed from the seed text (api/*.md): required fields,
 * types, enums, formats and documented limits. Where the seed gives no bound, only the bound of
 * the value's own kind is applied (a port is 16 bits, a VLAN id 12, a TTL 8, an ASN 32).
 */
public final class ResourceRules {
  private ResourceRules() {}

  /** The header that switches the health check target between string and object form. */
  public static final String HC_TARGET_HEADER = "x-magic-new-hc-target";

  static final double INT32_MAX = Integer.MAX_VALUE;
  static final double UINT32_MAX = 4294967295d;

  // ---- path and query values ----

  /** "account_id: string ... maxLength 32". */
  public static final Schema ACCOUNT_ID = new Schema.Str(1, 32, Format.IDENTIFIER);
  public static final Schema IDENTIFIER = str(Format.IDENTIFIER);
  public static final Schema UUID = str(Format.UUID);
  public static final Schema SECONDS = number(0, Double.MAX_VALUE);
  public static final Schema BOOLEAN = bool();

  // ---- shared parts ----

  /** Empty means "use the calculated default" (seed: "Setting the value to the empty string ..."). */
  static final Schema HC_ADDRESS = anyOf(str(0, 0), str(Format.IP));

  /** "Must be in object form if the x-magic-new-hc-target header is set to true and string form if ... absent or false". */
  static final Schema HC_TARGET = new Schema.ByHeader(HC_TARGET_HEADER,
      obj(opt("effective", str()), opt("saved", HC_ADDRESS)), HC_ADDRESS);

  static final Schema.Obj HEALTH_CHECK = obj(
      opt("enabled", bool()),
      opt("rate", oneOfValues("low", "mid", "high")),
      opt("target", HC_TARGET),
      opt("type", oneOfValues("reply", "request")));

  static final Schema.Obj TUNNEL_HEALTH_CHECK =
      HEALTH_CHECK.with(opt("direction", oneOfValues("unidirectional", "bidirectional")));

  static final Schema.Obj BGP = obj(
      req("customer_asn", integer(0, UINT32_MAX)),
      opt("extra_prefixes", arrayOf(str(Format.CIDR))),
      opt("md5_key", str(Format.MD5_KEY)));

  /** "The minimum value is 576." */
  static final Schema MTU = integerFrom(576);

  // ---- Magic Transit tunnels ----

  public static final Schema.Obj GRE_TUNNEL = obj(
      req("cloudflare_gre_endpoint", str(Format.IP)),
      req("customer_gre_endpoint", str(Format.IP)),
      req("interface_address", str(Format.PRIVATE_31)),
      req("name", str(Format.TUNNEL_NAME)),
      opt("automatic_return_routing", bool()),
      opt("bgp", BGP),
      opt("description", str()),
      opt("health_check", TUNNEL_HEALTH_CHECK),
      opt("interface_address6", str(Format.IPV6_127)),
      opt("mtu", MTU),
      opt("ttl", integer(1, 255)));

  /** The seed's GRE update has no {@code bgp}. */
  public static final Schema.Obj GRE_TUNNEL_UPDATE = GRE_TUNNEL.without("bgp");

  public static final Schema.Obj IPSEC_TUNNEL = obj(
      req("cloudflare_endpoint", str(Format.IP)),
      req("interface_address", str(Format.PRIVATE_31)),
      req("name", text()),
      opt("automatic_return_routing", bool()),
      opt("bgp", BGP),
      opt("custom_remote_identities", obj(opt("fqdn_id", str(Format.FQDN_ID)))),
      opt("customer_endpoint", str(Format.IP)),
      opt("description", str()),
      opt("health_check", TUNNEL_HEALTH_CHECK),
      opt("interface_address6", str(Format.IPV6_127)),
      opt("psk", text()),
      opt("replay_protection", bool()));

  public static final Schema.Obj CF_INTERCONNECT = obj(
      opt("automatic_return_routing", bool()),
      opt("description", str()),
      opt("gre", obj(opt("cloudflare_endpoint", str(Format.IP)))),
      opt("health_check", HEALTH_CHECK),
      opt("interface_address", str(Format.PRIVATE_31)),
      opt("interface_address6", str(Format.IPV6_127)),
      opt("mtu", MTU),
      opt("name", text()));

  static final Schema.Obj ROUTE_SCOPE = obj(
      opt("colo_names", arrayOf(text())),
      opt("colo_regions", arrayOf(text())));

  public static final Schema.Obj ROUTE = obj(
      req("nexthop", str(Format.IP)),
      req("prefix", str(Format.CIDR)),
      req("priority", integerFrom(0)),
      opt("description", str()),
      opt("scope", ROUTE_SCOPE),
      opt("weight", number()));

  /**
   * Bulk updates: "Only fields for a route that need to be changed need be provided", each item
   * named by its {@code id}; the list is under the resource's plural name.
   */
  static Schema.Obj bulk(String listName, Schema.Obj item) {
    return obj(req(listName, arrayOf(item.partial().with(req("id", IDENTIFIER)))));
  }

  // ---- Magic WAN sites and their parts ----

  static final Schema.Obj LOCATION = obj(opt("lat", str(Format.LATITUDE)), opt("lon", str(Format.LONGITUDE)));

  public static final Schema.Obj SITE = obj(
      req("name", text()),
      opt("connector_id", IDENTIFIER),
      opt("description", str()),
      opt("ha_mode", bool()),
      opt("location", LOCATION),
      opt("secondary_connector_id", IDENTIFIER));

  /** Updates cannot switch HA mode and need no name. */
  public static final Schema.Obj SITE_UPDATE = SITE.without("ha_mode").partial();

  public static final Schema.Obj APP = obj(
      req("name", text()),
      req("type", text()),
      opt("hostnames", arrayOf(str(Format.HOSTNAME))),
      opt("ip_subnets", arrayOf(str(Format.CIDR_V4))),
      opt("source_subnets", arrayOf(str(Format.CIDR_V4))));

  static final Schema.OnlyWhen WANS_NEED_BREAKOUT = new Schema.OnlyWhen("preferred_wans", "breakout", true);

  static Schema.Obj appConfig(Schema.Field app) {
    return obj(app,
        opt("breakout", bool()),
        opt("preferred_wans", arrayOf(text())),
        opt("priority", integer(0, 1))).rule(WANS_NEED_BREAKOUT);
  }

  /** "AccountApp { account_app_id, ... } or ManagedApp { managed_app_id, ... }". */
  public static final Schema APP_CONFIG = anyOf(
      appConfig(req("account_app_id", text())), appConfig(req("managed_app_id", text())));

  public static final Schema.Obj APP_CONFIG_UPDATE = obj(
      opt("account_app_id", text()),
      opt("breakout", bool()),
      opt("managed_app_id", text()),
      opt("preferred_wans", arrayOf(text())),
      opt("priority", integer(0, 1)));

  static final Schema.Obj ACL_CONFIGURATION = obj(
      req("lan_id", text()),
      opt("lan_name", str()),
      opt("port_ranges", arrayOf(str(Format.PORT_RANGE))),
      opt("ports", arrayOf(integer(0, 65535))),
      opt("subnets", arrayOf(str(Format.IPV4_OR_CIDR_V4))));

  public static final Schema.Obj ACL = obj(
      req("lan_1", ACL_CONFIGURATION),
      req("lan_2", ACL_CONFIGURATION),
      req("name", text()),
      opt("description", str()),
      opt("forward_locally", bool()),
      opt("protocols", arrayOf(oneOfValues("tcp", "udp", "icmp"))),
      opt("unidirectional", bool()));

  static final Schema.Obj NAT = obj(opt("static_prefix", str(Format.CIDR)));

  static final Schema.Obj DHCP_SERVER = obj(
      opt("dhcp_pool_end", str(Format.IPV4)),
      opt("dhcp_pool_start", str(Format.IPV4)),
      opt("dns_server", str(Format.IPV4)),
      opt("dns_servers", arrayOf(str(Format.IP))),
      opt("reservations", mapOf(Format.MAC, str(Format.IPV4))));

  static final Schema.Obj LAN_STATIC_ADDRESSING = obj(
      req("address", str(Format.CIDR)),
      opt("dhcp_relay", obj(opt("server_addresses", arrayOf(str(Format.IPV4))))),
      opt("dhcp_server", DHCP_SERVER),
      opt("secondary_address", str(Format.CIDR)),
      opt("virtual_address", str(Format.CIDR)));

  /** "VLAN ID. Use zero for untagged." (12 bits; 4095 is reserved). */
  static final Schema VLAN_TAG = integer(0, 4094);

  public static final Schema.Obj LAN = obj(
      opt("bond_id", integerFrom(0)),
      opt("ha_link", bool()),
      opt("is_breakout", bool()),
      opt("is_prioritized", bool()),
      opt("name", str()),
      opt("nat", NAT),
      opt("physport", integerFrom(0)),
      opt("routed_subnets", arrayOf(obj(
          req("next_hop", str(Format.IPV4)),
          req("prefix", str(Format.CIDR)),
          opt("nat", NAT)))),
      opt("static_addressing", LAN_STATIC_ADDRESSING),
      opt("vlan_tag", VLAN_TAG));

  /** The seed's LAN updates have no {@code ha_link}. */
  public static final Schema.Obj LAN_UPDATE = LAN.without("ha_link");

  public static final Schema.Obj WAN = obj(
      req("physport", integerFrom(0)),
      opt("name", str()),
      opt("priority", integerFrom(0)),
      opt("static_addressing", obj(
          req("address", str(Format.CIDR)),
          req("gateway_address", str(Format.IPV4)),
          opt("secondary_address", str(Format.CIDR)))),
      opt("vlan_tag", VLAN_TAG));

  // ---- connectors ----

  static final Schema.Obj CONNECTOR_SETTINGS = obj(
      opt("activated", bool()),
      opt("interrupt_window_days_of_week", arrayOf(
          oneOfValues("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"))),
      opt("interrupt_window_duration_hours", number(0, Double.MAX_VALUE)),
      opt("interrupt_window_embargo_dates", arrayOf(str(Format.DATE))),
      opt("interrupt_window_hour_of_day", integer(0, 23)),
      opt("notes", str()),
      opt("timezone", str(Format.TIMEZONE)));

  /** "Exactly one of id, serial_number, or provision_license must be provided." */
  public static final Schema.Obj CONNECTOR_CREATE = CONNECTOR_SETTINGS.with(req("device", obj(
          opt("id", text()),
          opt("provision_license", bool()),
          opt("serial_number", text()))
      .rule(new Schema.ExactlyOne(List.of("id", "serial_number", "provision_license")))));

  public static final Schema.Obj CONNECTOR_UPDATE = CONNECTOR_SETTINGS.with(opt("provision_license", bool()));

  // ---- packet captures ----

  static final Schema.Obj PCAP_FILTER = obj(
      opt("destination_address", str(Format.IP)),
      opt("destination_port", integer(0, 65535)),
      opt("protocol", integer(0, 255)),
      opt("source_address", str(Format.IP)),
      opt("source_port", integer(0, 65535)));

  static final Schema SYSTEM = oneOfValues("magic-transit");
  static final Schema PCAP_TYPE = oneOfValues("simple", "full");

  public static final Schema PCAP_CREATE = tagged("type",
      "simple", obj(
          req("packet_limit", integerFrom(1)),
          req("system", SYSTEM),
          req("time_limit", integerFrom(1)),
          req("type", PCAP_TYPE),
          opt("filter_v1", PCAP_FILTER),
          opt("offset_time", str(Format.LAST_24H))),
      "full", obj(
          req("colo_name", text()),
          req("destination_conf", str(Format.BUCKET_URI)),
          req("system", SYSTEM),
          req("time_limit", integerFrom(1)),
          req("type", PCAP_TYPE),
          opt("byte_limit", integerFrom(1)),
          opt("filter_v1", PCAP_FILTER),
          opt("packet_limit", integerFrom(1))));

  public static final Schema.Obj OWNERSHIP_ADD = obj(req("destination_conf", str(Format.BUCKET_URI)));

  public static final Schema.Obj OWNERSHIP_VALIDATE = obj(
      req("destination_conf", str(Format.BUCKET_URI)),
      req("ownership_challenge", text()));

  // ---- Workers VPC connectivity services ----

  static final Schema.Obj NETWORK = obj(req("tunnel_id", UUID));

  /** "InfraIPv4Host or InfraIPv6Host or InfraDualStackHost or InfraHostnameHost". */
  static final Schema HOST = anyOf(
      obj(req("ipv4", str(Format.IPV4)), req("network", NETWORK)),
      obj(req("ipv6", str(Format.IPV6)), req("network", NETWORK)),
      obj(req("ipv4", str(Format.IPV4)), req("ipv6", str(Format.IPV6)), req("network", NETWORK)),
      obj(req("hostname", str(Format.HOSTNAME)),
          req("resolver_network", obj(req("tunnel_id", UUID), opt("resolver_ips", arrayOf(str(Format.IP)))))));

  static final Schema.Obj SERVICE_COMMON = obj(
      req("host", HOST),
      req("name", text()),
      req("type", oneOfValues("tcp", "http")),
      opt("created_at", str(Format.DATE_TIME)),
      opt("service_id", UUID),
      opt("tls_settings", obj(req("cert_verification_mode", oneOfValues("verify_full", "verify_ca", "disabled")))),
      opt("updated_at", str(Format.DATE_TIME)));

  /** "formatint32, minimum1". */
  static final Schema SERVICE_PORT = integer(1, INT32_MAX);

  public static final Schema SERVICE = tagged("type",
      "http", SERVICE_COMMON.with(opt("http_port", SERVICE_PORT), opt("https_port", SERVICE_PORT)),
      "tcp", SERVICE_COMMON.with(opt("app_protocol", oneOfValues("postgresql", "mysql")), opt("tcp_port", SERVICE_PORT)));

  /** The seed's {@code body: unknown} (PSK generation): any JSON object. */
  public static final Schema UNKNOWN = anyObject();
}
