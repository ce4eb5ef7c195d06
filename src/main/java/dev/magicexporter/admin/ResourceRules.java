package dev.magicexporter.admin;

import static dev.magicexporter.admin.Schema.advisory;
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
import static dev.magicexporter.admin.Schema.undocumented;
import static dev.magicexporter.admin.Schema.unknown;

import java.util.List;

/**
 * The field rules of every resource, transcribed from the seed text (api/*.md). The rule: refuse
 * only what the reference states as a type, a required field, an enumeration or a format;
 * anything else goes upstream, and Cloudflare decides. What the reference recommends is
 * {@link Advice} (a warning). Fields the reference returns for a resource but does not take in a
 * request are {@code returned(...)}: accepted (so a GET answer can be PUT back) and dropped.
 *
 * <p>Numbers: the reference writes every number as {@code number}; where Cloudflare's schema is an
 * integer its Workers VPC part adds {@code format int32}. A Magic field is an integer here when
 * its description counts whole units (bytes, hops, packets, ports, protocol and VLAN numbers,
 * ASNs, hours of the day, physical ports and bonds, priorities): int32 unless the kind has its
 * own range (a port is 16 bits, a protocol number and a TTL 8, a VLAN id 12, an ASN 32 unsigned,
 * a capture's byte limit up to 2^53 - 1). Every other number is any finite number.
 */
public final class ResourceRules {
  private ResourceRules() {}

  /** The header that switches the health check target between string and object form. */
  public static final String HC_TARGET_HEADER = "x-magic-new-hc-target";

  static final double INT32_MAX = Integer.MAX_VALUE;
  static final double UINT32_MAX = 4294967295d;
  /** The largest integer a JSON number holds exactly in the official SDK (JavaScript's MAX_SAFE_INTEGER). */
  static final double SAFE_INTEGER_MAX = 9007199254740991d;

  // ---- path and query values ----

  /** "account_id: string ... maxLength 32". */
  public static final Schema ACCOUNT_ID = new Schema.Str(1, 32, Format.IDENTIFIER, null);
  public static final Schema IDENTIFIER = str(Format.IDENTIFIER);
  public static final Schema UUID = str(Format.UUID);
  public static final Schema SECONDS = number(0, Double.MAX_VALUE);
  public static final Schema BOOLEAN = bool();

  // ---- kinds of numbers ----

  static final Schema PORT = integer(0, 65535);
  static final Schema PROTOCOL_NUMBER = integer(0, 255);
  /** "VLAN ID. Use zero for untagged." 12 bits; IEEE 802.1Q reserves 4095. */
  static final Schema VLAN_TAG = integer(0, 4094);
  /** "ASN used on the customer end of the BGP session": 32 bits (RFC 6793). */
  static final Schema ASN = integer(0, UINT32_MAX);
  /** "Time To Live (TTL) in number of hops": the 8-bit IP header field. */
  static final Schema TTL = integer(0, 255);
  /** "The minimum value is 576." */
  static final Schema MTU = integerFrom(576);
  /** Counts of packets and the like. */
  static final Schema COUNT = integerFrom(0);

  // ---- shared parts ----

  /** Empty means "use the calculated default" (seed: "Setting the value to the empty string ..."). */
  static final Schema HC_ADDRESS = anyOf(str(0, 0), str(Format.IP));

  /**
   * "Must be in object form if the x-magic-new-hc-target header is set to true and string form if ... absent or false".
   * {@code effective} is "ignored in POST, PUT, and PATCH requests", so it is forwarded as it is.
   */
  static final Schema HC_TARGET = new Schema.ByHeader(HC_TARGET_HEADER,
      obj(opt("effective", str()), opt("saved", HC_ADDRESS)), HC_ADDRESS);

  static final Schema.Obj HEALTH_CHECK = obj(
      opt("enabled", bool()),
      opt("rate", oneOfValues("low", "mid", "high")),
      opt("target", HC_TARGET),
      opt("type", oneOfValues("reply", "request")));

  static final Schema.Obj TUNNEL_HEALTH_CHECK =
      HEALTH_CHECK.with(opt("direction", oneOfValues("unidirectional", "bidirectional")));

  /** "Prefixes in this list will be advertised": no format stated (the example is {@code "string"}). */
  static final Schema.Obj BGP = obj(
      req("customer_asn", ASN),
      opt("extra_prefixes", arrayOf(str().withAdvice(Advice.PREFIX))),
      opt("md5_key", str(Format.MD5_KEY)));

  /** "A 31-bit prefix (/31 in CIDR notation) ... Select the subnet from the following private IP space". */
  static final Schema.Str INTERFACE_ADDRESS = str(Format.IPV4_31).withAdvice(Advice.PRIVATE_SPACE);

  /** A prefix that names a network: host bits are stated nowhere, so they are a warning. */
  static final Schema.Str NETWORK_PREFIX = str(Format.CIDR).withAdvice(Advice.NETWORK_ADDRESS);
  static final Schema.Str NETWORK_PREFIX_V4 = str(Format.CIDR_V4).withAdvice(Advice.NETWORK_ADDRESS);

  // ---- Magic Transit tunnels ----

  /** What every tunnel answer carries that no request sets: identity, timestamps, live BGP state. */
  private static final String[] TUNNEL_STATE = {"id", "created_on", "modified_on", "bgp_status"};

  public static final Schema.Obj GRE_TUNNEL = obj(
      req("cloudflare_gre_endpoint", str(Format.IP)),
      req("customer_gre_endpoint", str(Format.IP)),
      req("interface_address", INTERFACE_ADDRESS),
      req("name", str(Format.TUNNEL_NAME)),
      opt("automatic_return_routing", bool()),
      opt("bgp", BGP),
      opt("description", str()),
      opt("health_check", TUNNEL_HEALTH_CHECK),
      opt("interface_address6", str(Format.IPV6_127)),
      opt("mtu", MTU),
      opt("ttl", TTL)).returned(TUNNEL_STATE);

  /** The seed's GRE update has no {@code bgp} (nor has the official SDK's): forwarded with a warning. */
  public static final Schema.Obj GRE_TUNNEL_UPDATE = GRE_TUNNEL.with(opt("bgp", undocumented(BGP)));

  /** {@code allow_null_cipher} is in every IPsec answer and can be set. */
  public static final Schema.Obj IPSEC_TUNNEL = obj(
      req("cloudflare_endpoint", str(Format.IP)),
      req("interface_address", INTERFACE_ADDRESS),
      req("name", str()),
      opt("allow_null_cipher", bool()),
      opt("automatic_return_routing", bool()),
      opt("bgp", BGP),
      opt("custom_remote_identities", obj(opt("fqdn_id", str(Format.FQDN_ID)))),
      opt("customer_endpoint", str(Format.IP)),
      opt("description", str()),
      opt("health_check", TUNNEL_HEALTH_CHECK),
      opt("interface_address6", str(Format.IPV6_127)),
      opt("psk", str()),
      opt("replay_protection", bool())).returned(TUNNEL_STATE).returned("psk_metadata");

  public static final Schema.Obj CF_INTERCONNECT = obj(
      opt("automatic_return_routing", bool()),
      opt("description", str()),
      opt("gre", obj(opt("cloudflare_endpoint", str(Format.IP)))),
      opt("health_check", HEALTH_CHECK),
      opt("interface_address", INTERFACE_ADDRESS),
      opt("interface_address6", str(Format.IPV6_127)),
      opt("mtu", MTU),
      opt("name", str()))
      .returned("id", "created_on", "modified_on", "colo_name", "virtual_port_reservation_id");

  static final Schema.Obj ROUTE_SCOPE = obj(
      opt("colo_names", arrayOf(str())),
      opt("colo_regions", arrayOf(str())));

  /** "Priority of the static route": an integer rank, no range stated. */
  public static final Schema.Obj ROUTE = obj(
      req("nexthop", str(Format.IP)),
      req("prefix", NETWORK_PREFIX),
      req("priority", Schema.integer()),
      opt("description", str()),
      opt("scope", ROUTE_SCOPE),
      opt("weight", number())).returned("id", "created_on", "modified_on");

  /**
   * Bulk updates of tunnels and interconnects: the reference's body is {@code unknown} (example
   * {@code {}}), so anything goes; items under the list name Cloudflare answers with
   * ({@code gre_tunnels}, {@code ipsec_tunnels}, {@code interconnects}) get warnings, not refusals.
   */
  static Schema bulk(String listName, Schema.Obj item) {
    return advisory(obj(opt(listName, arrayOf(item.partial().with(req("id", IDENTIFIER))))));
  }

  /** "Only fields for a route that need to be changed need be provided", each item named by its {@code id}. */
  public static final Schema.Obj ROUTES_BULK = obj(req("routes", arrayOf(ROUTE.partial().with(req("id", IDENTIFIER)))));

  // ---- Magic WAN sites and their parts ----

  static final Schema.Obj LOCATION = obj(opt("lat", str(Format.LATITUDE)), opt("lon", str(Format.LONGITUDE)));

  public static final Schema.Obj SITE = obj(
      req("name", str()),
      opt("connector_id", IDENTIFIER),
      opt("description", str()),
      opt("ha_mode", bool()),
      opt("location", LOCATION),
      opt("secondary_connector_id", IDENTIFIER)).returned("id");

  /**
   * Updates need no name. The seed's updates have no {@code ha_mode}; the official SDK's do, so it
   * is forwarded with a warning.
   */
  public static final Schema.Obj SITE_UPDATE = SITE.partial().with(opt("ha_mode", undocumented(bool())));

  /** "IPv4 CIDRs to associate with traffic decisions. (IPv6 CIDRs are currently unsupported)". */
  public static final Schema.Obj APP = obj(
      req("name", str()),
      req("type", str()),
      opt("hostnames", arrayOf(str(Format.HOSTNAME))),
      opt("ip_subnets", arrayOf(NETWORK_PREFIX_V4)),
      opt("source_subnets", arrayOf(NETWORK_PREFIX_V4))).returned("account_app_id");

  /** "Can only be specified for breakout rules (breakout must be true)." */
  static final Schema.OnlyWhen WANS_NEED_BREAKOUT = new Schema.OnlyWhen("preferred_wans", "breakout", true, false);
  /** On an update the stored rule may already be a breakout rule. */
  static final Schema.OnlyWhen WANS_NEED_BREAKOUT_UPDATE = new Schema.OnlyWhen("preferred_wans", "breakout", true, true);

  /** "Priority of traffic. 0 is default ... (Currently only 0 and 1 are supported)". */
  static final Schema APP_PRIORITY = integer(0, 1);

  static Schema.Obj appConfig(Schema.Field app) {
    return obj(app,
        opt("breakout", bool()),
        opt("preferred_wans", arrayOf(str())),
        opt("priority", APP_PRIORITY)).rule(WANS_NEED_BREAKOUT).returned("id", "site_id");
  }

  /** "AccountApp { account_app_id, ... } or ManagedApp { managed_app_id, ... }". */
  public static final Schema APP_CONFIG = anyOf(
      appConfig(req("account_app_id", str())), appConfig(req("managed_app_id", str())));

  public static final Schema.Obj APP_CONFIG_UPDATE = obj(
      opt("account_app_id", str()),
      opt("breakout", bool()),
      opt("managed_app_id", str()),
      opt("preferred_wans", arrayOf(str())),
      opt("priority", APP_PRIORITY)).rule(WANS_NEED_BREAKOUT_UPDATE).returned("id", "site_id");

  /** "subnets: optional array of Subnet" where "Subnet = string: A valid IPv4 address." */
  static final Schema.Obj ACL_CONFIGURATION = obj(
      req("lan_id", str()),
      opt("lan_name", str()),
      opt("port_ranges", arrayOf(str(Format.PORT_RANGE))),
      opt("ports", arrayOf(PORT)),
      opt("subnets", arrayOf(str(Format.IPV4))));

  public static final Schema.Obj ACL = obj(
      req("lan_1", ACL_CONFIGURATION),
      req("lan_2", ACL_CONFIGURATION),
      req("name", str()),
      opt("description", str()),
      opt("forward_locally", bool()),
      opt("protocols", arrayOf(oneOfValues("tcp", "udp", "icmp"))),
      opt("unidirectional", bool())).returned("id");

  static final Schema.Obj NAT = obj(opt("static_prefix", NETWORK_PREFIX));

  static final Schema.Obj DHCP_SERVER = obj(
      opt("dhcp_pool_end", str(Format.IPV4)),
      opt("dhcp_pool_start", str(Format.IPV4)),
      opt("dns_server", str(Format.IPV4)),
      opt("dns_servers", arrayOf(str(Format.IP))),
      // "Mapping of MAC addresses to IP addresses"
      opt("reservations", mapOf(Format.MAC, str(Format.IP))));

  /** LAN and WAN addresses are interface addresses: host bits are the point, so no advice. */
  static final Schema.Obj LAN_STATIC_ADDRESSING = obj(
      req("address", str(Format.CIDR)),
      // "List of DHCP server IPs."
      opt("dhcp_relay", obj(opt("server_addresses", arrayOf(str(Format.IP))))),
      opt("dhcp_server", DHCP_SERVER),
      opt("secondary_address", str(Format.CIDR)),
      opt("virtual_address", str(Format.CIDR)));

  public static final Schema.Obj LAN = obj(
      opt("bond_id", COUNT),
      opt("ha_link", bool()),
      opt("is_breakout", bool()),
      opt("is_prioritized", bool()),
      opt("name", str()),
      opt("nat", NAT),
      opt("physport", COUNT),
      opt("routed_subnets", arrayOf(obj(
          req("next_hop", str(Format.IPV4)),
          req("prefix", NETWORK_PREFIX),
          opt("nat", NAT)))),
      opt("static_addressing", LAN_STATIC_ADDRESSING),
      opt("vlan_tag", VLAN_TAG)).returned("id", "site_id");

  /** The seed's LAN updates have no {@code ha_link}; the official SDK's do: forwarded with a warning. */
  public static final Schema.Obj LAN_UPDATE = LAN.with(opt("ha_link", undocumented(bool())));

  public static final Schema.Obj WAN = obj(
      req("physport", COUNT),
      opt("name", str()),
      opt("priority", Schema.integer()),
      opt("static_addressing", obj(
          req("address", str(Format.CIDR)),
          req("gateway_address", str(Format.IPV4)),
          opt("secondary_address", str(Format.CIDR)))),
      opt("vlan_tag", VLAN_TAG),
      // "Magic WAN health check rate for tunnels created on this link": only in answers in the
      // seed, settable in the official SDK.
      opt("health_check_rate", undocumented(oneOfValues("low", "mid", "high")))).returned("id", "site_id");

  // ---- connectors ----

  /** What a connector answer carries that no request sets (a licence key is in one answer only). */
  private static final String[] CONNECTOR_STATE =
      {"id", "device", "last_heartbeat", "last_seen_version", "last_updated", "license_key"};

  static final Schema.Obj CONNECTOR_SETTINGS = obj(
      opt("activated", bool()),
      opt("interrupt_window_days_of_week", arrayOf(
          oneOfValues("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"))),
      opt("interrupt_window_duration_hours", number()),
      opt("interrupt_window_embargo_dates", arrayOf(str(Format.DATE))),
      opt("interrupt_window_hour_of_day", integer(0, 23)),
      opt("notes", str()),
      // "timezone: string", nothing more: no format is stated, so none is checked
      opt("timezone", str()));

  /** "Exactly one of id, serial_number, or provision_license must be provided." */
  public static final Schema.Obj CONNECTOR_CREATE = CONNECTOR_SETTINGS.with(req("device", obj(
          opt("id", str()),
          opt("provision_license", bool()),
          opt("serial_number", str()))
      .rule(new Schema.ExactlyOne(List.of("id", "serial_number", "provision_license")))))
      .returned("id", "last_heartbeat", "last_seen_version", "last_updated", "license_key");

  public static final Schema.Obj CONNECTOR_UPDATE =
      CONNECTOR_SETTINGS.with(opt("provision_license", bool())).returned(CONNECTOR_STATE);

  // ---- packet captures ----

  static final Schema.Obj PCAP_FILTER = obj(
      opt("destination_address", str(Format.IP)),
      opt("destination_port", PORT),
      opt("protocol", PROTOCOL_NUMBER),
      opt("source_address", str(Format.IP)),
      opt("source_port", PORT));

  static final Schema SYSTEM = oneOfValues("magic-transit");
  static final Schema PCAP_TYPE = oneOfValues("simple", "full");
  /** "The packet capture duration in seconds": a duration, any finite number. */
  static final Schema CAPTURE_SECONDS = number();
  private static final String[] CAPTURE_STATE =
      {"id", "status", "submitted", "stop_requested", "error_message", "packets_captured"};

  public static final Schema PCAP_CREATE = tagged("type",
      "simple", obj(
          req("packet_limit", COUNT),
          req("system", SYSTEM),
          req("time_limit", CAPTURE_SECONDS),
          req("type", PCAP_TYPE),
          opt("filter_v1", PCAP_FILTER),
          opt("offset_time", str(Format.DATE_TIME).withAdvice(Advice.LAST_24H))).returned(CAPTURE_STATE),
      "full", obj(
          req("colo_name", str()),
          req("destination_conf", str(Format.BUCKET_URI)),
          req("system", SYSTEM),
          req("time_limit", CAPTURE_SECONDS),
          req("type", PCAP_TYPE),
          opt("byte_limit", integer(0, SAFE_INTEGER_MAX)),
          opt("filter_v1", PCAP_FILTER),
          opt("packet_limit", COUNT)).returned(CAPTURE_STATE));

  public static final Schema.Obj OWNERSHIP_ADD = obj(req("destination_conf", str(Format.BUCKET_URI)));

  public static final Schema.Obj OWNERSHIP_VALIDATE = obj(
      req("destination_conf", str(Format.BUCKET_URI)),
      req("ownership_challenge", str()));

  // ---- Workers VPC connectivity services ----

  static final Schema.Obj NETWORK = obj(req("tunnel_id", UUID));

  /** "InfraIPv4Host or InfraIPv6Host or InfraDualStackHost or InfraHostnameHost". */
  static final Schema HOST = anyOf(
      obj(req("ipv4", str(Format.IPV4)), req("network", NETWORK)),
      obj(req("ipv6", str(Format.IPV6)), req("network", NETWORK)),
      obj(req("ipv4", str(Format.IPV4)), req("ipv6", str(Format.IPV6)), req("network", NETWORK)),
      // "hostname: string": unlike the apps' "FQDNs", no format is stated
      obj(req("hostname", str()),
          req("resolver_network", obj(req("tunnel_id", UUID), opt("resolver_ips", arrayOf(str(Format.IP)))))));

  static final Schema.Obj SERVICE_COMMON = obj(
      req("host", HOST),
      req("name", str()),
      req("type", oneOfValues("tcp", "http")),
      opt("created_at", str(Format.DATE_TIME)),
      opt("service_id", UUID),
      opt("tls_settings", obj(req("cert_verification_mode", oneOfValues("verify_full", "verify_ca", "disabled")))),
      opt("updated_at", str(Format.DATE_TIME)));

  /** "formatint32, minimum1". */
  static final Schema SERVICE_PORT = integerFrom(1);

  public static final Schema SERVICE = tagged("type",
      "http", SERVICE_COMMON.with(opt("http_port", SERVICE_PORT), opt("https_port", SERVICE_PORT)),
      "tcp", SERVICE_COMMON.with(opt("app_protocol", oneOfValues("postgresql", "mysql")), opt("tcp_port", SERVICE_PORT)));

  /** The seed's {@code body: unknown} (PSK generation): anything. */
  public static final Schema UNKNOWN = unknown();
}
