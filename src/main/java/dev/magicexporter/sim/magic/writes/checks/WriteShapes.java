package dev.magicexporter.sim.magic.writes.checks;

import static dev.magicexporter.sim.magic.writes.checks.Shape.join;
import static dev.magicexporter.sim.magic.writes.checks.Shape.under;

import java.util.Map;

/**
 * The body of every write endpoint, transcribed line by line from the reference's "Body
 * Parameters" (api/*.md, the seed text) into {@link Shape}'s notation: required fields, types and
 * enumerations, nothing else. Written apart from the admin API's rules on purpose: the simulator
 * plays Cloudflare in the tests of those rules, so it must not share them.
 */
public final class WriteShapes {
  private WriteShapes() {}

  private static final String[] HEALTH_CHECK = {
      "enabled: optional boolean",
      "rate: optional \"low\" or \"mid\" or \"high\"",
      "target: optional object or string",
      "target.effective: optional string",
      "target.saved: optional string",
      "type: optional \"reply\" or \"request\""};

  private static final String[] TUNNEL_HEALTH_CHECK = join(
      new String[] {"direction: optional \"unidirectional\" or \"bidirectional\""}, HEALTH_CHECK);

  private static final String[] BGP = {
      "customer_asn: number",
      "extra_prefixes: optional array of string",
      "md5_key: optional string"};

  private static final String[] GRE_TUNNEL = join(new String[] {
      "cloudflare_gre_endpoint: string",
      "customer_gre_endpoint: string",
      "interface_address: string",
      "name: string",
      "automatic_return_routing: optional boolean",
      "description: optional string",
      "health_check: optional object",
      "interface_address6: optional string",
      "mtu: optional number",
      "ttl: optional number"}, under("health_check", TUNNEL_HEALTH_CHECK));

  public static final Shape GRE_CREATE = Shape.of(join(GRE_TUNNEL, new String[] {"bgp: optional object"},
      under("bgp", BGP)));
  public static final Shape GRE_UPDATE = Shape.of(GRE_TUNNEL);

  public static final Shape IPSEC = Shape.of(join(new String[] {
      "cloudflare_endpoint: string",
      "interface_address: string",
      "name: string",
      "allow_null_cipher: optional boolean",
      "automatic_return_routing: optional boolean",
      "bgp: optional object",
      "custom_remote_identities: optional object",
      "custom_remote_identities.fqdn_id: optional string",
      "customer_endpoint: optional string",
      "description: optional string",
      "health_check: optional object",
      "interface_address6: optional string",
      "psk: optional string",
      "replay_protection: optional boolean"}, under("bgp", BGP), under("health_check", TUNNEL_HEALTH_CHECK)));

  public static final Shape INTERCONNECT = Shape.of(join(new String[] {
      "automatic_return_routing: optional boolean",
      "description: optional string",
      "gre: optional object",
      "gre.cloudflare_endpoint: optional string",
      "health_check: optional object",
      "interface_address: optional string",
      "interface_address6: optional string",
      "mtu: optional number",
      "name: optional string"}, under("health_check", HEALTH_CHECK)));

  /** "body: unknown" (bulk updates, PSK generation). */
  public static final Shape UNKNOWN = Shape.of();

  private static final String[] ROUTE_OPTIONAL = {
      "description: optional string",
      "scope: optional object",
      "scope.colo_names: optional array of string",
      "scope.colo_regions: optional array of string",
      "weight: optional number"};

  public static final Shape ROUTE = Shape.of(join(new String[] {
      "nexthop: string",
      "prefix: string",
      "priority: number"}, ROUTE_OPTIONAL));

  /** "Only fields for a route that need to be changed need be provided", so only the id is required. */
  public static final Shape ROUTES_BULK = Shape.of(join(new String[] {
      "routes: array of object",
      "routes[].id: string",
      "routes[].nexthop: optional string",
      "routes[].prefix: optional string",
      "routes[].priority: optional number"}, under("routes[]", ROUTE_OPTIONAL)));

  /** Not in the reference: Cloudflare's bulk delete names the routes to delete. */
  public static final Shape ROUTES_DELETE = Shape.of("routes: array of object", "routes[].id: string");

  private static final String[] SITE_OPTIONAL = {
      "connector_id: optional string",
      "description: optional string",
      "location: optional object",
      "location.lat: optional string",
      "location.lon: optional string",
      "secondary_connector_id: optional string"};

  public static final Shape SITE_CREATE = Shape.of(join(new String[] {"name: string", "ha_mode: optional boolean"},
      SITE_OPTIONAL));
  public static final Shape SITE_UPDATE = Shape.of(join(new String[] {"name: optional string"}, SITE_OPTIONAL));

  public static final Shape APP_CREATE = Shape.of(
      "name: string",
      "type: string",
      "hostnames: optional array of string",
      "ip_subnets: optional array of string",
      "source_subnets: optional array of string");
  public static final Shape APP_UPDATE = Shape.of(
      "name: optional string",
      "type: optional string",
      "hostnames: optional array of string",
      "ip_subnets: optional array of string",
      "source_subnets: optional array of string");

  /** "AccountApp { account_app_id, ... } or ManagedApp { managed_app_id, ... }": either id may be there. */
  public static final Shape APP_CONFIG = Shape.of(
      "account_app_id: optional string",
      "managed_app_id: optional string",
      "breakout: optional boolean",
      "preferred_wans: optional array of string",
      "priority: optional number");

  private static final String[] ACL_CONFIGURATION = {
      "lan_id: string",
      "lan_name: optional string",
      "port_ranges: optional array of string",
      "ports: optional array of number",
      "subnets: optional array of string"};

  private static final String[] ACL_OPTIONAL = {
      "description: optional string",
      "forward_locally: optional boolean",
      "protocols: optional array of \"tcp\" or \"udp\" or \"icmp\"",
      "unidirectional: optional boolean"};

  public static final Shape ACL_CREATE = Shape.of(join(new String[] {"lan_1: object", "lan_2: object", "name: string"},
      ACL_OPTIONAL, under("lan_1", ACL_CONFIGURATION), under("lan_2", ACL_CONFIGURATION)));
  public static final Shape ACL_UPDATE = Shape.of(join(new String[] {
      "lan_1: optional object", "lan_2: optional object", "name: optional string"},
      ACL_OPTIONAL, under("lan_1", ACL_CONFIGURATION), under("lan_2", ACL_CONFIGURATION)));

  private static final String[] NAT = {"static_prefix: optional string"};

  private static final String[] LAN_FIELDS = join(new String[] {
      "bond_id: optional number",
      "is_breakout: optional boolean",
      "is_prioritized: optional boolean",
      "name: optional string",
      "nat: optional object",
      "physport: optional number",
      "routed_subnets: optional array of object",
      "routed_subnets[].next_hop: string",
      "routed_subnets[].prefix: string",
      "routed_subnets[].nat: optional object",
      "static_addressing: optional object",
      "static_addressing.address: string",
      "static_addressing.dhcp_relay: optional object",
      "static_addressing.dhcp_relay.server_addresses: optional array of string",
      "static_addressing.dhcp_server: optional object",
      "static_addressing.dhcp_server.dhcp_pool_end: optional string",
      "static_addressing.dhcp_server.dhcp_pool_start: optional string",
      "static_addressing.dhcp_server.dns_server: optional string",
      "static_addressing.dhcp_server.dns_servers: optional array of string",
      "static_addressing.dhcp_server.reservations: optional map[string]",
      "static_addressing.secondary_address: optional string",
      "static_addressing.virtual_address: optional string",
      "vlan_tag: optional number"}, under("nat", NAT), under("routed_subnets[].nat", NAT));

  public static final Shape LAN_CREATE = Shape.of(join(new String[] {"ha_link: optional boolean"}, LAN_FIELDS));
  public static final Shape LAN_UPDATE = Shape.of(LAN_FIELDS);

  private static final String[] WAN_OPTIONAL = {
      "name: optional string",
      "priority: optional number",
      "static_addressing: optional object",
      "static_addressing.address: string",
      "static_addressing.gateway_address: string",
      "static_addressing.secondary_address: optional string",
      "vlan_tag: optional number"};

  public static final Shape WAN_CREATE = Shape.of(join(new String[] {"physport: number"}, WAN_OPTIONAL));
  public static final Shape WAN_UPDATE = Shape.of(join(new String[] {"physport: optional number"}, WAN_OPTIONAL));

  private static final String[] CONNECTOR_SETTINGS = {
      "activated: optional boolean",
      "interrupt_window_days_of_week: optional array of \"Sunday\" or \"Monday\" or \"Tuesday\" or \"Wednesday\""
          + " or \"Thursday\" or \"Friday\" or \"Saturday\"",
      "interrupt_window_duration_hours: optional number",
      "interrupt_window_embargo_dates: optional array of string",
      "interrupt_window_hour_of_day: optional number",
      "notes: optional string",
      "timezone: optional string"};

  public static final Shape CONNECTOR_CREATE = Shape.of(join(new String[] {
      "device: object",
      "device.id: optional string",
      "device.provision_license: optional boolean",
      "device.serial_number: optional string"}, CONNECTOR_SETTINGS));
  public static final Shape CONNECTOR_UPDATE = Shape.of(join(new String[] {"provision_license: optional boolean"},
      CONNECTOR_SETTINGS));

  private static final String[] PCAP_FILTER = {
      "filter_v1: optional object",
      "filter_v1.destination_address: optional string",
      "filter_v1.destination_port: optional number",
      "filter_v1.protocol: optional number",
      "filter_v1.source_address: optional string",
      "filter_v1.source_port: optional number"};

  /** "MagicVisibilityPCAPsPCAPsRequestSimple ... or ...RequestFull", told apart by {@code type}. */
  public static final Shape PCAP_CREATE = Shape.of(
      "system: \"magic-transit\"",
      "time_limit: number",
      "type: \"simple\" or \"full\"").variants("type", Map.of(
          "simple", Shape.of(join(new String[] {"packet_limit: number", "offset_time: optional string"},
              PCAP_FILTER)),
          "full", Shape.of(join(new String[] {
              "colo_name: string",
              "destination_conf: string",
              "byte_limit: optional number",
              "packet_limit: optional number"}, PCAP_FILTER))));

  public static final Shape OWNERSHIP_ADD = Shape.of("destination_conf: string");
  public static final Shape OWNERSHIP_VALIDATE = Shape.of("destination_conf: string", "ownership_challenge: string");

  private static final String[] SERVICE_COMMON = {
      "host: object",
      "host.ipv4: optional string",
      "host.ipv6: optional string",
      "host.network: optional object",
      "host.network.tunnel_id: string",
      "host.hostname: optional string",
      "host.resolver_network: optional object",
      "host.resolver_network.tunnel_id: string",
      "host.resolver_network.resolver_ips: optional array of string",
      "name: string",
      "type: \"tcp\" or \"http\"",
      "created_at: optional string",
      "service_id: optional string",
      "tls_settings: optional object",
      "tls_settings.cert_verification_mode: \"verify_full\" or \"verify_ca\" or \"disabled\"",
      "updated_at: optional string"};

  /** "InfraHTTPServiceConfig ... or InfraTCPServiceConfig", told apart by {@code type}. */
  public static final Shape SERVICE = Shape.of(SERVICE_COMMON).variants("type", Map.of(
      "http", Shape.of("http_port: optional number", "https_port: optional number"),
      "tcp", Shape.of("app_protocol: optional \"postgresql\" or \"mysql\"", "tcp_port: optional number")));
}
