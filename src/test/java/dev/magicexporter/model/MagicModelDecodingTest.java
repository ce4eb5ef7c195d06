package dev.magicexporter.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magicexporter.client.EnvelopeDecoder;
import dev.magicexporter.client.ResultDecoder;
import dev.magicexporter.testing.ApiExamples;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The records bind the API reference's example responses, and ignore what they must not hold. */
class MagicModelDecodingTest {

  private static <T> T decode(String json, ResultDecoder<T> decoder) {
    return EnvelopeDecoder.decode(json.getBytes(StandardCharsets.UTF_8), 200, decoder).result();
  }

  private static String example(String file, String path) {
    return ApiExamples.response(file, "get", path);
  }

  @Test
  void greTunnelListExample() {
    List<GreTunnel> list = decode(example("magic-transit-04-gre-tunnels.md", "/accounts/{account_id}/magic/gre_tunnels"),
        ResultDecoder.field("gre_tunnels", ResultDecoder.listOf(GreTunnel.class)));
    assertThat(list).hasSize(1);
    GreTunnel t = list.get(0);
    assertThat(t.id()).isEqualTo("c4a7362d577a6c3019a474fd6f485821");
    assertThat(t.name()).isEqualTo("GRE_1");
    assertThat(t.bgp().customerAsn()).isZero();
    assertThat(t.bgpStatus().state()).isEqualTo("BGP_DOWN");
    assertThat(t.bgpStatus().tcpEstablished()).isTrue();
    assertThat(t.healthCheck().target()).isEqualTo(new HealthCheckTarget("203.0.113.1", "203.0.113.1"));
    assertThat(t.mtu()).isZero();
    assertThat(t.toString()).doesNotContain("md5_key").doesNotContain("md5Key");
  }

  @Test
  void detailExamplesDecodeToo() {
    GreTunnel gre = decode(example("magic-transit-04-gre-tunnels.md",
        "/accounts/{account_id}/magic/gre_tunnels/{gre_tunnel_id}"), ResultDecoder.field("gre_tunnel", ResultDecoder.of(GreTunnel.class)));
    assertThat(gre.customerGreEndpoint()).isEqualTo("203.0.113.1");
    IpsecTunnel ipsec = decode(example("magic-transit-05-ipsec-tunnels.md",
        "/accounts/{account_id}/magic/ipsec_tunnels/{ipsec_tunnel_id}"),
        ResultDecoder.field("ipsec_tunnel", ResultDecoder.of(IpsecTunnel.class)));
    assertThat(ipsec.replayProtection()).isFalse();
    Interconnect ic = decode(example("magic-transit-03-cf-interconnects.md",
        "/accounts/{account_id}/magic/cf_interconnects/{cf_interconnect_id}"),
        ResultDecoder.field("interconnect", ResultDecoder.of(Interconnect.class)));
    assertThat(ic.coloName()).isEqualTo("pni_ord");
    MagicRoute route = decode(example("magic-transit-06-routes.md", "/accounts/{account_id}/magic/routes/{route_id}"),
        ResultDecoder.field("route", ResultDecoder.of(MagicRoute.class)));
    assertThat(route.scope().coloNames()).containsExactly("den01");
    assertThat(route.effectiveWeight()).isZero();
  }

  @Test
  void ipsecAndInterconnectListExamples() {
    List<IpsecTunnel> ipsec = decode(example("magic-transit-05-ipsec-tunnels.md",
        "/accounts/{account_id}/magic/ipsec_tunnels"), ResultDecoder.field("ipsec_tunnels", ResultDecoder.listOf(IpsecTunnel.class)));
    assertThat(ipsec.get(0).cloudflareEndpoint()).isEqualTo("203.0.113.1");
    assertThat(ipsec.get(0).allowNullCipher()).isTrue();
    assertThat(ipsec.get(0).toString()).doesNotContain("psk");
    List<Interconnect> ics = decode(example("magic-transit-03-cf-interconnects.md",
        "/accounts/{account_id}/magic/cf_interconnects"),
        ResultDecoder.field("interconnects", ResultDecoder.listOf(Interconnect.class)));
    assertThat(ics.get(0).gre().cloudflareEndpoint()).isEqualTo("203.0.113.1");
    assertThat(Tunnel.of(ics.get(0)).colo()).isEqualTo("pni_ord");
  }

  @Test
  void healthCheckTargetAcceptsTheStringForm() {
    String json = "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{\"gre_tunnels\":[{\"id\":\"a\",\"name\":\"x\","
        + "\"health_check\":{\"enabled\":true,\"target\":\"198.51.100.7\",\"type\":\"reply\"}}]}}";
    List<GreTunnel> list = decode(json, ResultDecoder.field("gre_tunnels", ResultDecoder.listOf(GreTunnel.class)));
    HealthCheckTarget target = list.get(0).healthCheck().target();
    assertThat(target.inEffect()).isEqualTo("198.51.100.7");
    assertThat(target).isEqualTo(new HealthCheckTarget("198.51.100.7", "198.51.100.7"));
  }

  @Test
  void healthCheckTargetObjectWithEmptySavedUsesEffective() {
    assertThat(new HealthCheckTarget("203.0.113.9", "").inEffect()).isEqualTo("203.0.113.9");
    assertThat(new HealthCheckTarget(null, "203.0.113.8").inEffect()).isEqualTo("203.0.113.8");
    assertThat(new HealthCheckTarget("", "").inEffect()).isNull();
  }

  @Test
  void pcapExamplesWithoutBucketUris() {
    List<Pcap> pcaps = decode(example("magic-transit-17-pcaps.md", "/accounts/{account_id}/pcaps"),
        ResultDecoder.listOf(Pcap.class));
    assertThat(pcaps.get(0).status()).isEqualTo("success");
    assertThat(pcaps.get(0).timeLimit()).isEqualTo(300.0);
    List<PcapOwnership> owners = decode(example("magic-transit-18-ownership.md", "/accounts/{account_id}/pcaps/ownership"),
        ResultDecoder.listOf(PcapOwnership.class));
    assertThat(owners.get(0).validated()).isEqualTo("2020-01-01T08:00:00Z");
    assertThat(owners.get(0).toString()).doesNotContain("s3://").doesNotContain("ownership-challenge");
  }

  @Test
  void serviceExamples() {
    List<ConnectivityService> list = decode(example("connectivity-directory-services.md",
        "/accounts/{account_id}/connectivity/directory/services"), ResultDecoder.listOf(ConnectivityService.class));
    ConnectivityService s = list.get(0);
    assertThat(s.host().kind()).isEqualTo("ipv4");
    assertThat(s.host().tunnelId()).isEqualTo("0191dce4-9ab4-7fce-b660-8e5dec5172da");
    assertThat(s.httpsPort()).isEqualTo(8443);
    assertThat(s.certVerificationMode()).isEqualTo("verify_full");
  }

  @Test
  void inventoryExamples() {
    Site site = decode(example("magic-transit-07-sites.md", "/accounts/{account_id}/magic/sites/{site_id}"),
        ResultDecoder.of(Site.class));
    assertThat(site.haMode()).isTrue();
    assertThat(site.location().lat()).isEqualTo("37.6192");
    assertThat(decode(example("magic-transit-10-lans.md", "/accounts/{account_id}/magic/sites/{site_id}/lans"),
        ResultDecoder.listOf(SiteLan.class)).get(0).vlanTag()).isEqualTo(42);
    assertThat(decode(example("magic-transit-11-wans.md", "/accounts/{account_id}/magic/sites/{site_id}/wans"),
        ResultDecoder.listOf(SiteWan.class)).get(0).healthCheckRate()).isEqualTo("low");
    assertThat(decode(example("magic-transit-09-acls.md", "/accounts/{account_id}/magic/sites/{site_id}/acls"),
        ResultDecoder.listOf(SiteAcl.class)).get(0).protocols()).containsExactly("tcp");
    assertThat(decode(example("magic-transit-02-apps.md", "/accounts/{account_id}/magic/apps"),
        ResultDecoder.listOf(MagicApp.class)).get(0).origin()).isEqualTo("account");
    assertThat(decode(example("magic-transit-08-app-configuration.md",
        "/accounts/{account_id}/magic/sites/{site_id}/app_configs"), ResultDecoder.listOf(AppConfig.class)).get(0).breakout())
        .isTrue();
  }

  @Test
  void bgpStateOfTunnels() {
    GreTunnel noBgp = new GreTunnel("a", "n", null, null, null, null, null, null, null, null, null, null, null, null, null);
    assertThat(Tunnel.of(noBgp).bgpState()).isNull();
    GreTunnel bgpNoStatus = new GreTunnel("a", "n", null, null, null, null, null, new BgpConfig(65000L, null), null,
        null, null, null, null, null, null);
    assertThat(Tunnel.of(bgpNoStatus).bgpState()).isEqualTo("unknown");
  }

  @Test
  void rfc3339() {
    assertThat(Rfc3339.seconds("2019-12-27T18:11:19.117Z")).isEqualTo(1577470279.117);
    assertThat(Rfc3339.seconds("2020-01-01T08:00:00+01:00")).isEqualTo(1577862000.0);
    assertThat(Rfc3339.seconds("not a time")).isNaN();
    assertThat(Rfc3339.seconds(null)).isNaN();
  }
}
