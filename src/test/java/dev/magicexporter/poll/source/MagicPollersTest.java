package dev.magicexporter.poll.source;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.magicexporter.poll.Poller;
import dev.magicexporter.testing.ApiExamples;
import dev.magicexporter.testing.LogCapture;
import dev.magicexporter.testing.SimHarness;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pollers against a scripted Cloudflare: requests, paging, failures and last good data. */
class MagicPollersTest {
  static final String A = "023e105f4ecef8ad9ca31a8372d0c353";
  static final String B = "99999999999999999999999999999999";
  static final String V4 = "/client/v4/accounts/";
  static final String ENVELOPE = "\"success\":true,\"errors\":[],\"messages\":[]";
  static final String FORBIDDEN =
      "{\"success\":false,\"errors\":[{\"code\":10000,\"message\":\"Authentication error\"}],\"messages\":[],\"result\":null}";

  static WireMockServer wm;
  static Vertx vertx;
  MagicRig rig;

  @BeforeAll
  static void startAll() {
    wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    wm.start();
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopAll() {
    wm.stop();
    SimHarness.await(vertx.close());
  }

  @BeforeEach
  void reset() {
    wm.resetAll();
  }

  @AfterEach
  void close() {
    if (rig != null) {
      rig.close();
    }
  }

  MagicRig rig(List<String> accounts, MagicPollers.Settings settings) {
    rig = new MagicRig(vertx, wm.baseUrl() + "/client/v4", accounts, settings, false, MagicRig.TOKEN);
    return rig;
  }

  MagicRig rig() {
    return rig(List.of(A), MagicPollers.Settings.defaults());
  }

  static void answer(String path, String body) {
    wm.stubFor(get(urlPathEqualTo(V4 + path)).willReturn(okJson(body)));
  }

  static void answer(String path, int status, String body) {
    wm.stubFor(get(urlPathEqualTo(V4 + path))
        .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
  }

  static String gre(String... ids) {
    StringBuilder sb = new StringBuilder("{\"result\":{\"gre_tunnels\":[");
    for (int i = 0; i < ids.length; i++) {
      sb.append(i > 0 ? "," : "").append("{\"id\":\"").append(ids[i]).append("\",\"name\":\"GRE_").append(i)
          .append("\",\"bgp\":{\"customer_asn\":65000},\"bgp_status\":{\"state\":\"BGP_UP\",\"tcp_established\":true,"
              + "\"updated_at\":\"2024-06-01T00:00:00Z\"}}");
    }
    return sb.append("]},").append(ENVELOPE).append('}').toString();
  }

  static String pcaps() {
    return ApiExamples.response("magic-transit-17-pcaps.md", "get", "/accounts/{account_id}/pcaps");
  }

  @Test
  void tunnelListsAskForTheNewHealthCheckTarget() {
    answer(A + "/magic/gre_tunnels", gre("t1"));
    answer(A + "/magic/ipsec_tunnels", "{\"result\":{\"ipsec_tunnels\":[]}," + ENVELOPE + "}");
    answer(A + "/magic/cf_interconnects", "{\"result\":{\"interconnects\":[]}," + ENVELOPE + "}");
    rig();
    assertThat(rig.poll(MagicSources.GRE_TUNNELS).items()).isEqualTo(1);
    assertThat(rig.poll(MagicSources.IPSEC_TUNNELS).items()).isZero();
    assertThat(rig.poll(MagicSources.INTERCONNECTS).items()).isZero();
    for (String p : List.of("gre_tunnels", "ipsec_tunnels", "cf_interconnects")) {
      wm.verify(1, getRequestedFor(urlPathEqualTo(V4 + A + "/magic/" + p))
          .withHeader("x-magic-new-hc-target", equalTo("true"))
          .withHeader("Authorization", equalTo("Bearer " + MagicRig.TOKEN)));
    }
  }

  @Test
  void servicesArePagedWithTheConfiguredPageSize() {
    String one = "{\"service_id\":\"s%d\",\"name\":\"n%d\",\"type\":\"http\",\"host\":{\"ipv4\":\"10.0.0.%d\",\"network\":{\"tunnel_id\":\"t\"}}}";
    for (int page = 1; page <= 3; page++) {
      String items = page == 3 ? String.format(one, 5, 5, 5)
          : String.format(one, 2 * page - 1, 2 * page - 1, page) + "," + String.format(one, 2 * page, 2 * page, page);
      wm.stubFor(get(urlPathEqualTo(V4 + A + "/connectivity/directory/services"))
          .withQueryParam("page", equalTo(Integer.toString(page))).withQueryParam("per_page", equalTo("2"))
          .willReturn(okJson("{" + ENVELOPE + ",\"result\":[" + items + "],\"result_info\":{\"count\":2,\"page\":" + page
              + ",\"per_page\":2,\"total_count\":5,\"total_pages\":3}}")));
    }
    MagicPollers.Settings s = MagicPollers.Settings.defaults();
    rig(List.of(A), new MagicPollers.Settings(s.tunnels(), s.pcaps(), s.services(), s.inventory(), 2, 25));
    assertThat(rig.poll(MagicSources.VPC_SERVICES).items()).isEqualTo(5);
    assertThat(rig.stores.vpcServices.get(A)).extracting(x -> x.serviceId()).containsExactly("s1", "s2", "s3", "s4", "s5");
    wm.verify(3, getRequestedFor(urlPathEqualTo(V4 + A + "/connectivity/directory/services")));
  }

  @Test
  void capturesAndOwnershipFollowResultInfoAcrossEveryPage() {
    String capture = "{\"id\":\"p%d\",\"status\":\"success\",\"system\":\"magic-transit\",\"type\":\"simple\","
        + "\"time_limit\":300,\"submitted\":\"2024-06-01T00:00:00Z\"}";
    String bucket = "{\"id\":\"b%d\",\"destination_conf\":\"s3://bucket-%d/pcaps\",\"filename\":\"f\","
        + "\"status\":\"success\",\"submitted\":\"2024-06-01T00:00:00Z\",\"validated\":\"2024-06-01T00:00:00Z\"}";
    threePages(A + "/pcaps", capture);
    threePages(A + "/pcaps/ownership", bucket);
    rig();

    assertThat(rig.poll(MagicSources.PCAPS).items()).isEqualTo(5);
    assertThat(rig.poll(MagicSources.PCAP_OWNERSHIP).items()).isEqualTo(5);

    assertThat(rig.stores.pcaps.get(A)).extracting(x -> x.id()).containsExactly("p1", "p2", "p3", "p4", "p5");
    assertThat(rig.stores.pcapOwnership.get(A)).extracting(x -> x.id()).containsExactly("b1", "b2", "b3", "b4", "b5");
    for (String list : List.of("/pcaps", "/pcaps/ownership")) {
      wm.verify(1, getRequestedFor(urlPathEqualTo(V4 + A + list)).withQueryParam("page", absent()));
      for (int page = 2; page <= 3; page++) {
        wm.verify(1, getRequestedFor(urlPathEqualTo(V4 + A + list))
            .withQueryParam("page", equalTo(Integer.toString(page))).withQueryParam("per_page", equalTo("2")));
      }
    }
    assertThat(rig.families()).contains("pcap_id=\"p5\"");
  }

  /**
   * Five items over three pages of two: the first answer to the plain request, the next ones to
   * {@code page}/{@code per_page} as its {@code result_info} tells.
   */
  private static void threePages(String path, String itemFormat) {
    for (int page = 1; page <= 3; page++) {
      StringBuilder items = new StringBuilder();
      for (int i = 2 * page - 1; i <= Math.min(2 * page, 5); i++) {
        items.append(items.isEmpty() ? "" : ",").append(String.format(itemFormat, i, i));
      }
      int count = page == 3 ? 1 : 2;
      var request = get(urlPathEqualTo(V4 + path));
      request = page == 1 ? request.withQueryParam("page", absent())
          : request.withQueryParam("page", equalTo(Integer.toString(page))).withQueryParam("per_page", equalTo("2"));
      wm.stubFor(request.willReturn(okJson("{" + ENVELOPE + ",\"result\":[" + items + "],\"result_info\":{\"count\":"
          + count + ",\"page\":" + page + ",\"per_page\":2,\"total_count\":5}}")));
    }
  }

  @Test
  void anOutOfRangeValueInOneTunnelLeavesOutThatValueAndIsCountedOnce() {
    answer(A + "/magic/gre_tunnels", "{\"result\":{\"gre_tunnels\":["
        + "{\"id\":\"t1\",\"name\":\"odd\",\"mtu\":2147483648,\"ttl\":64},"
        + "{\"id\":\"t2\",\"name\":\"fine\",\"mtu\":1476,\"ttl\":64},"
        + "{\"id\":\"t3\",\"name\":\"also odd\",\"mtu\":1e400,\"ttl\":{\"not\":\"a number\"}}]}," + ENVELOPE + "}");
    rig();
    try (LogCapture logs = new LogCapture()) {
      assertThat(rig.poll(MagicSources.GRE_TUNNELS).items()).isEqualTo(3);
      rig.poll(MagicSources.GRE_TUNNELS);

      String families = rig.families();
      assertThat(families).contains("cloudflare_tunnel_mtu_bytes{account_id=\"" + A + "\",tunnel_id=\"t2\"")
          .doesNotContain("cloudflare_tunnel_mtu_bytes{account_id=\"" + A + "\",tunnel_id=\"t1\"")
          .doesNotContain("cloudflare_tunnel_mtu_bytes{account_id=\"" + A + "\",tunnel_id=\"t3\"")
          .contains("tunnel_id=\"t1\"").contains("tunnel_id=\"t3\"");
      assertThat(rig.stores.greTunnels.get(A)).extracting(t -> t.name()).containsExactly("odd", "fine", "also odd");
      String scrape = rig.scrape();
      assertThat(scrape)
          .contains("cloudflare_exporter_source_up{account_id=\"" + A + "\",source=\"gre_tunnels\"} 1.0")
          .contains("cloudflare_exporter_source_field_errors_total{field=\"mtu\",source=\"gre_tunnels\"} 4.0")
          .contains("cloudflare_exporter_source_field_errors_total{field=\"ttl\",source=\"gre_tunnels\"} 2.0");
      assertThat(logs.at(Level.WARN, "FieldErrors")).extracting(e -> e.getFormattedMessage())
          .as("one line per source and field, not per cycle or object").hasSize(2)
          .allMatch(m -> m.contains("gre_tunnels")).noneMatch(m -> m.contains("2147483648"));
    }
  }

  @Test
  void aForbiddenSourceKeepsItsLastGoodDataAndTheOthersGoOn() {
    answer(A + "/magic/gre_tunnels", gre("t1", "t2"));
    answer(A + "/pcaps", pcaps());
    rig();
    try (LogCapture logs = new LogCapture()) {
      rig.poll(MagicSources.GRE_TUNNELS);
      rig.poll(MagicSources.PCAPS);
      assertThat(rig.families()).contains("pcap_id=\"66802ca5668e47a2b82c2e6746e45037\"").contains("tunnel_id=\"t2\"");

      answer(A + "/pcaps", 403, FORBIDDEN);
      answer(A + "/magic/gre_tunnels", gre("t1"));
      assertThat(rig.poll(MagicSources.PCAPS)).as("the only account failed: the cycle fails").isNull();
      rig.poll(MagicSources.GRE_TUNNELS);
      rig.poll(MagicSources.PCAPS);

      String families = rig.families();
      assertThat(families).as("last good captures kept").contains("pcap_id=\"66802ca5668e47a2b82c2e6746e45037\"");
      assertThat(families).as("the deleted tunnel is gone").contains("tunnel_id=\"t1\"").doesNotContain("tunnel_id=\"t2\"");
      String scrape = rig.scrape();
      assertThat(scrape)
          .contains("cloudflare_exporter_source_up{account_id=\"" + A + "\",source=\"pcaps\"} 0.0")
          .contains("cloudflare_exporter_source_up{account_id=\"" + A + "\",source=\"gre_tunnels\"} 1.0")
          .contains("cloudflare_exporter_source_errors_total{account_id=\"" + A + "\",kind=\"auth\",source=\"pcaps\"} 2.0")
          .contains("cloudflare_exporter_source_objects{account_id=\"" + A + "\",source=\"gre_tunnels\"} 1.0");

      List<String> warnings = logs.at(Level.WARN, "SourceHealth").stream().map(e -> e.getFormattedMessage()).toList();
      assertThat(warnings).as("one warning for two failed cycles").hasSize(1);
      assertThat(warnings.get(0)).contains("pcaps").contains(A).contains("403")
          .contains("Magic Firewall Packet Captures - Read PCAPs API").contains("keeping its last good data");

      answer(A + "/pcaps", pcaps());
      rig.poll(MagicSources.PCAPS);
      assertThat(logs.at(Level.INFO, "SourceHealth")).extracting(e -> e.getFormattedMessage())
          .containsExactly("source pcaps for account " + A + " recovered");
      assertThat(rig.scrape()).contains("cloudflare_exporter_source_up{account_id=\"" + A + "\",source=\"pcaps\"} 1.0");
    }
  }

  @Test
  void aMissingResultIsMalformedAndKeepsTheTunnels() {
    answer(A + "/magic/gre_tunnels", gre("t1"));
    rig();
    rig.poll(MagicSources.GRE_TUNNELS);
    answer(A + "/magic/gre_tunnels", "{\"result\":null," + ENVELOPE + "}");
    assertThat(rig.poll(MagicSources.GRE_TUNNELS)).isNull();
    assertThat(rig.stores.greTunnels.get(A)).hasSize(1);
    assertThat(rig.scrape()).contains("kind=\"malformed\",source=\"gre_tunnels\"} 1.0");
    answer(A + "/magic/gre_tunnels", "{\"result\":{}," + ENVELOPE + "}");
    assertThat(rig.poll(MagicSources.GRE_TUNNELS).items()).as("an absent list is an empty one").isZero();
    assertThat(rig.families()).doesNotContain("cloudflare_tunnel_info");
  }

  @Test
  void oneFailingAccountDoesNotFailTheCycle() {
    answer(A + "/magic/gre_tunnels", gre("t1"));
    answer(B + "/magic/gre_tunnels", 403, FORBIDDEN);
    rig(List.of(A, B), MagicPollers.Settings.defaults());
    Poller.PollOutcome out = rig.poll(MagicSources.GRE_TUNNELS);
    assertThat(out).isEqualTo(new Poller.PollOutcome(1, 1));
    assertThat(rig.health.state(MagicSources.GRE_TUNNELS, A).up()).isTrue();
    assertThat(rig.health.state(MagicSources.GRE_TUNNELS, B).up()).isFalse();
    assertThat(rig.health.state(MagicSources.GRE_TUNNELS, B).lastError()).contains("Magic WAN Read or Magic Transit Read");
  }

  static String sites(String... ids) {
    StringBuilder sb = new StringBuilder("{\"result\":[");
    for (int i = 0; i < ids.length; i++) {
      sb.append(i > 0 ? "," : "").append("{\"id\":\"").append(ids[i]).append("\",\"name\":\"").append(ids[i]).append("\"}");
    }
    return sb.append("],").append(ENVELOPE).append('}').toString();
  }

  static String list(int n, String prefix) {
    StringBuilder sb = new StringBuilder("{\"result\":[");
    for (int i = 0; i < n; i++) {
      sb.append(i > 0 ? "," : "").append("{\"id\":\"").append(prefix).append(i).append("\"}");
    }
    return sb.append("],").append(ENVELOPE).append('}').toString();
  }

  int childRequests(String site) {
    return wm.countRequestsMatching(getRequestedFor(urlPathEqualTo(V4 + A + "/magic/sites/" + site + "/lans")).build())
        .getCount();
  }

  @Test
  void siteChildrenAreRefreshedRoundRobinWithinTheBudget() {
    answer(A + "/magic/sites", sites("s1", "s2", "s3"));
    for (String s : List.of("s1", "s2", "s3")) {
      for (String kind : List.of("lans", "wans", "acls", "app_configs")) {
        answer(A + "/magic/sites/" + s + "/" + kind, list(1, kind));
      }
    }
    MagicPollers.Settings d = MagicPollers.Settings.defaults();
    rig(List.of(A), new MagicPollers.Settings(d.tunnels(), d.pcaps(), d.services(), d.inventory(), 100, 1));
    int[][] expected = {{1, 0, 0}, {1, 1, 0}, {1, 1, 1}, {2, 1, 1}, {2, 2, 1}};
    for (int[] e : expected) {
      rig.poll(MagicSources.SITES);
      rig.clock.advance(Duration.ofMinutes(5));
      assertThat(new int[] {childRequests("s1"), childRequests("s2"), childRequests("s3")}).isEqualTo(e);
    }
    assertThat(wm.getAllServeEvents()).as("1 list + 4 children per cycle").hasSize(5 * 5);
    assertThat(rig.families()).contains("cloudflare_site_objects{account_id=\"" + A + "\",site_id=\"s3\",kind=\"lan\"} 1");
  }

  @Test
  void aFailingChildListKeepsItsPreviousCount() {
    answer(A + "/magic/sites", sites("s1"));
    answer(A + "/magic/sites/s1/lans", list(2, "lan"));
    answer(A + "/magic/sites/s1/wans", list(1, "wan"));
    answer(A + "/magic/sites/s1/acls", list(0, "acl"));
    answer(A + "/magic/sites/s1/app_configs", list(3, "cfg"));
    rig();
    rig.poll(MagicSources.SITES);
    answer(A + "/magic/sites/s1/lans", 500, "{\"success\":false,\"errors\":[{\"code\":1000,\"message\":\"boom\"}]}");
    answer(A + "/magic/sites/s1/wans", list(4, "wan"));
    rig.clock.advance(Duration.ofMinutes(5));
    Poller.PollOutcome out = rig.poll(MagicSources.SITES);
    assertThat(out).isEqualTo(new Poller.PollOutcome(1, 1));
    String f = rig.families();
    assertThat(f).contains("site_id=\"s1\",kind=\"lan\"} 2").contains("site_id=\"s1\",kind=\"wan\"} 4")
        .contains("site_id=\"s1\",kind=\"app_config\"} 3");
    assertThat(rig.health.state(MagicSources.SITES, A).up()).isTrue();
    assertThat(rig.scrape()).contains("kind=\"server\",source=\"sites\"} 1.0");
  }

  @Test
  void aSiteThatDisappearsLosesItsSeries() {
    answer(A + "/magic/sites", sites("s1", "s2"));
    for (String s : List.of("s1", "s2")) {
      for (String kind : List.of("lans", "wans", "acls", "app_configs")) {
        answer(A + "/magic/sites/" + s + "/" + kind, list(1, kind));
      }
    }
    rig();
    rig.poll(MagicSources.SITES);
    assertThat(rig.families()).contains("site_id=\"s2\"");
    answer(A + "/magic/sites", sites("s1"));
    rig.poll(MagicSources.SITES);
    assertThat(rig.families()).contains("site_id=\"s1\"").doesNotContain("site_id=\"s2\"")
        .contains("cloudflare_magic_objects{account_id=\"" + A + "\",kind=\"site\"} 1");
  }
}
