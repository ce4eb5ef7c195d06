package dev.magicexporter.model;

import java.util.List;

/**
 * The common view of the three kinds of Cloudflare-side tunnel (GRE, IPsec, CNI interconnect), so
 * that one table of metric families covers them all. Fields a kind does not have are null.
 *
 * @param type {@link #GRE}, {@link #IPSEC} or {@link #INTERCONNECT}
 * @param bgpConfigured the tunnel has a {@code bgp} block (its session is expected to report a
 *     {@code bgp_status})
 * @param colo the Cloudflare colo, where the API gives one (interconnects)
 */
public record Tunnel(
    String id,
    String type,
    String name,
    String cloudflareEndpoint,
    String customerEndpoint,
    String interfaceAddress,
    String interfaceAddress6,
    String colo,
    boolean bgpConfigured,
    Long customerAsn,
    BgpStatus bgpStatus,
    HealthCheck healthCheck,
    Integer mtu,
    Integer ttl,
    Boolean automaticReturnRouting,
    Boolean replayProtection,
    Boolean allowNullCipher,
    String createdOn,
    String modifiedOn) {

  public static final String GRE = "gre";
  public static final String IPSEC = "ipsec";
  public static final String INTERCONNECT = "interconnect";

  /** BGP states the API documents, plus {@link #BGP_UNKNOWN}. */
  public static final List<String> BGP_STATES = List.of("BGP_UP", "BGP_DOWN", "BGP_ESTABLISHING", "unknown");
  /** The state of a tunnel that has BGP configured but reports no {@code bgp_status}. */
  public static final String BGP_UNKNOWN = "unknown";

  public static Tunnel of(GreTunnel t) {
    return new Tunnel(t.id(), GRE, t.name(), t.cloudflareGreEndpoint(), t.customerGreEndpoint(),
        t.interfaceAddress(), t.interfaceAddress6(), null, t.bgp() != null,
        t.bgp() == null ? null : t.bgp().customerAsn(), t.bgpStatus(), t.healthCheck(), t.mtu(), t.ttl(),
        t.automaticReturnRouting(), null, null, t.createdOn(), t.modifiedOn());
  }

  public static Tunnel of(IpsecTunnel t) {
    return new Tunnel(t.id(), IPSEC, t.name(), t.cloudflareEndpoint(), t.customerEndpoint(),
        t.interfaceAddress(), t.interfaceAddress6(), null, t.bgp() != null,
        t.bgp() == null ? null : t.bgp().customerAsn(), t.bgpStatus(), t.healthCheck(), null, null,
        t.automaticReturnRouting(), t.replayProtection(), t.allowNullCipher(), t.createdOn(), t.modifiedOn());
  }

  public static Tunnel of(Interconnect t) {
    return new Tunnel(t.id(), INTERCONNECT, t.name(), t.gre() == null ? null : t.gre().cloudflareEndpoint(), null,
        t.interfaceAddress(), t.interfaceAddress6(), t.coloName(), false, null, null, t.healthCheck(), t.mtu(), null,
        t.automaticReturnRouting(), null, null, t.createdOn(), t.modifiedOn());
  }

  /**
   * The BGP state for the one-hot state set: the reported state, {@link #BGP_UNKNOWN} when BGP is
   * configured but no status is reported, null when the tunnel does not use BGP.
   */
  public String bgpState() {
    if (bgpStatus != null && bgpStatus.state() != null) {
      return bgpStatus.state();
    }
    return bgpConfigured || bgpStatus != null ? BGP_UNKNOWN : null;
  }
}
