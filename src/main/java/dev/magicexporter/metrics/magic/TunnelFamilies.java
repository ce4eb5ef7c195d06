package dev.magicexporter.metrics.magic;

import dev.magicexporter.metrics.family.Conversion;
import dev.magicexporter.metrics.family.Family;
import dev.magicexporter.metrics.family.FamilyTable;
import dev.magicexporter.metrics.family.Row;
import dev.magicexporter.model.BgpStatus;
import dev.magicexporter.model.HealthCheck;
import dev.magicexporter.model.Rfc3339;
import dev.magicexporter.model.Tunnel;
import java.util.ArrayList;
import java.util.List;

/**
 * GRE tunnels, IPsec tunnels and CNI interconnects as one table under {@code cloudflare_tunnel_}:
 * an interconnect is a GRE tunnel that Cloudflare terminates at a colo, with the same health
 * check, MTU and return-routing settings, so one prefix lets one alert rule cover every kind, and
 * the {@code tunnel_type} label (gre, ipsec, interconnect) on every series selects a kind without
 * a join. BGP MD5 keys and IPsec pre-shared keys are never read.
 *
 * <pre>
 * cloudflare_tunnel_bgp_state{account_id="a1",tunnel_id="t1",tunnel_type="gre",state="BGP_UP"} 1
 * </pre>
 */
public final class TunnelFamilies {
  private TunnelFamilies() {}

  public static final FamilyTable<Tunnel> TABLE = new FamilyTable<>(
      "Tunnels and interconnects",
      "From `GET /accounts/{account_id}/magic/gre_tunnels`, `.../ipsec_tunnels` and `.../cf_interconnects` "
          + "(sent with `x-magic-new-hc-target: true`; both forms of `health_check.target` are read). "
          + "Polled every `sources.tunnels_interval`. A tunnel deleted in Cloudflare loses its series at the next "
          + "successful poll; a failed poll keeps the last good series (see `cloudflare_exporter_source_up`). "
          + "`bgp.md5_key`, `psk` and `psk_metadata` are never read.",
      List.of("account_id", "tunnel_id", "tunnel_type"),
      List.of(
          Family.info("cloudflare_tunnel_info", "Descriptive fields of the tunnel; value 1.",
              "name, cloudflare_(gre_)endpoint, customer_(gre_)endpoint, interface_address(6), colo_name",
              List.of("name", "cloudflare_endpoint", "customer_endpoint", "interface_address", "interface_address6",
                  "colo"),
              t -> new String[] {t.name(), t.cloudflareEndpoint(), t.customerEndpoint(), t.interfaceAddress(),
                  t.interfaceAddress6(), t.colo()}),
          Family.stateSet("cloudflare_tunnel_bgp_state",
              "BGP session state, one-hot; unknown when BGP is configured but no bgp_status is reported. "
                  + "No series for tunnels without BGP.",
              "bgp_status.state", "state", Tunnel.BGP_STATES, Tunnel::bgpState),
          Family.gauge("cloudflare_tunnel_bgp_tcp_established", "1 when the BGP TCP session is established, else 0.",
              "bgp_status.tcp_established", Conversion.NONE, t -> t.bgpStatus() == null
                  ? Double.NaN : Values.of(t.bgpStatus().tcpEstablished())),
          Family.gauge("cloudflare_tunnel_bgp_status_updated_timestamp_seconds",
              "When the BGP status last changed, in seconds since the epoch.",
              "bgp_status.updated_at (RFC 3339)", Conversion.NONE,
              t -> t.bgpStatus() == null ? Double.NaN : Rfc3339.seconds(t.bgpStatus().updatedAt())),
          Family.info("cloudflare_tunnel_bgp_info", "BGP peering of the tunnel; value 1.",
              "bgp.customer_asn, bgp_status.cf_speaker_ip, bgp_status.customer_speaker_ip",
              List.of("customer_asn", "cf_speaker_ip", "customer_speaker_ip"), TunnelFamilies::bgpInfo),
          Family.gauge("cloudflare_tunnel_health_check_enabled", "1 when Cloudflare health-checks the tunnel, else 0.",
              "health_check.enabled", Conversion.NONE,
              t -> t.healthCheck() == null ? Double.NaN : Values.of(t.healthCheck().enabled())),
          Family.info("cloudflare_tunnel_health_check_info",
              "Health check settings (rate low/mid/high, type reply/request, direction, the target in effect); value 1.",
              "health_check.{rate,type,direction,target}", List.of("rate", "type", "direction", "target"),
              TunnelFamilies::healthCheckInfo),
          Family.gauge("cloudflare_tunnel_mtu_bytes", "Maximum transmission unit of the tunnel.", "mtu",
              Conversion.NONE, t -> Values.of(t.mtu())),
          Family.gauge("cloudflare_tunnel_ttl_hops", "Time to live of the tunnel's outer packets (GRE).", "ttl",
              Conversion.NONE, t -> Values.of(t.ttl())),
          Family.gauge("cloudflare_tunnel_automatic_return_routing_enabled",
              "1 when automatic stateful return routing is on, else 0.", "automatic_return_routing", Conversion.NONE,
              t -> Values.of(t.automaticReturnRouting())),
          Family.gauge("cloudflare_tunnel_ipsec_replay_protection_enabled",
              "1 when IPsec replay protection is on in the Cloudflare-to-customer direction, else 0 (IPsec only).",
              "replay_protection", Conversion.NONE, t -> Values.of(t.replayProtection())),
          Family.gauge("cloudflare_tunnel_ipsec_null_cipher_allowed",
              "1 when the tunnel may use the null cipher (no encryption) in phase 2, else 0 (IPsec only).",
              "allow_null_cipher", Conversion.NONE, t -> Values.of(t.allowNullCipher())),
          Family.gauge("cloudflare_tunnel_created_timestamp_seconds", "When the tunnel was created.",
              "created_on (RFC 3339)", Conversion.NONE, t -> Rfc3339.seconds(t.createdOn())),
          Family.gauge("cloudflare_tunnel_modified_timestamp_seconds", "When the tunnel was last modified.",
              "modified_on (RFC 3339)", Conversion.NONE, t -> Rfc3339.seconds(t.modifiedOn()))));

  private static String[] bgpInfo(Tunnel t) {
    if (!t.bgpConfigured() && t.bgpStatus() == null) {
      return null;
    }
    BgpStatus s = t.bgpStatus();
    return new String[] {t.customerAsn() == null ? null : Long.toString(t.customerAsn()),
        s == null ? null : s.cfSpeakerIp(), s == null ? null : s.customerSpeakerIp()};
  }

  private static String[] healthCheckInfo(Tunnel t) {
    HealthCheck h = t.healthCheck();
    if (h == null) {
      return null;
    }
    return new String[] {h.rate(), h.type(), h.direction(), h.target() == null ? null : h.target().inEffect()};
  }

  /** The rows of one account's tunnels of one kind. */
  static List<Row<Tunnel>> rows(String accountId, List<Tunnel> tunnels) {
    List<Row<Tunnel>> out = new ArrayList<>(tunnels.size());
    for (Tunnel t : tunnels) {
      out.add(TABLE.row(t, accountId, t.id(), t.type()));
    }
    return out;
  }
}
