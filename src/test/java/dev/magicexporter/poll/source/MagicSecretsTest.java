package dev.magicexporter.poll.source;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.magicexporter.poll.PollScheduler;
import dev.magicexporter.sim.SimOptions;
import dev.magicexporter.sim.magic.MagicSimModules;
import dev.magicexporter.sim.magic.MagicSimWorld;
import dev.magicexporter.testing.ApiExamples;
import dev.magicexporter.testing.LogCapture;
import dev.magicexporter.testing.SimHarness;
import io.vertx.core.Vertx;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * BGP MD5 keys, IPsec PSKs, bucket URIs, ownership challenges and LAN MAC reservations never
 * reach the exposition or the log (captured at DEBUG with a Logback ListAppender), even when a
 * malformed answer makes the parser quote them.
 */
class MagicSecretsTest {
  static final String A = SimOptions.DEFAULT_ACCOUNT;

  /** Strings that must never leak: the simulator's and the fixtures' secrets. */
  static final List<String> SECRETS = List.of("sim-md5-", "golden-md5-secret", "golden-psk-secret", "s3://", "gs://",
      "golden-secret-bucket", "sim-pcaps-", "ownership-challenge", "02:00:5e", "00:11:22:33:44:55", "leaky-bucket",
      SimOptions.DEFAULT_TOKEN, MagicRig.TOKEN);

  static void assertClean(String what, String text) {
    for (String s : SECRETS) {
      assertThat(text).as("%s must not contain %s", what, s).doesNotContain(s);
    }
  }

  @Test
  void theSimulatedEstateLeaksNothing() {
    MagicSimWorld world = new MagicSimWorld(SimOptions.defaults());
    try (LogCapture logs = new LogCapture();
        SimHarness sim = new SimHarness(SimOptions.defaults(), 1717243200, MagicSimModules.all(world));
        MagicRig rig = new MagicRig(sim.vertx, sim.baseUrl(), List.of(A), MagicPollers.Settings.defaults(), true,
            SimOptions.DEFAULT_TOKEN)) {
      String bodies = sim.get("/accounts/" + A + "/magic/gre_tunnels").body().toString()
          + sim.get("/accounts/" + A + "/pcaps/ownership").body();
      assertThat(bodies).as("the simulator does serve secrets").contains("sim-md5-").contains("s3://");
      rig.pollAll();
      for (var p : rig.pollers.pollers()) {
        assertThat(rig.health.state(p.name(), A).up()).as(p.name()).isTrue();
      }
      String scrape = rig.scrape();
      assertThat(scrape).contains("cloudflare_pcap_bucket_ownership_status").contains("cloudflare_tunnel_bgp_info");
      assertClean("the exposition", scrape);
      assertClean("the log", logs.text());
    }
  }

  @Test
  void fixturesWithSecretsLeakNothing() throws Exception {
    WireMockServer wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    wm.start();
    Vertx vertx = Vertx.vertx();
    try (LogCapture logs = new LogCapture();
        MagicRig rig = new MagicRig(vertx, wm.baseUrl() + "/client/v4", List.of(A), false)) {
      String base = "/client/v4/accounts/" + A;
      wm.stubFor(get(urlPathEqualTo(base + "/magic/gre_tunnels"))
          .willReturn(okJson(ApiExamples.read("/fixtures/magic/gre-shapes.json"))));
      wm.stubFor(get(urlPathEqualTo(base + "/magic/ipsec_tunnels"))
          .willReturn(okJson(ApiExamples.read("/fixtures/magic/ipsec-shapes.json"))));
      wm.stubFor(get(urlPathEqualTo(base + "/pcaps")).willReturn(okJson(ApiExamples.read("/fixtures/magic/pcaps-shapes.json"))));
      wm.stubFor(get(urlPathEqualTo(base + "/pcaps/ownership"))
          .willReturn(okJson(ApiExamples.read("/fixtures/magic/ownership-shapes.json"))));
      for (String s : List.of(MagicSources.GRE_TUNNELS, MagicSources.IPSEC_TUNNELS, MagicSources.PCAPS,
          MagicSources.PCAP_OWNERSHIP)) {
        rig.poll(s);
        assertThat(rig.health.state(s, A).up()).as(s).isTrue();
      }
      String goodScrape = rig.scrape();
      assertThat(goodScrape).contains("cloudflare_tunnel_ipsec_null_cipher_allowed");

      // A value that cannot be read quotes a bucket URI: left out of its object, counted by field only.
      wm.stubFor(get(urlPathEqualTo(base + "/pcaps")).willReturn(okJson(
          "{\"result\":[{\"id\":\"x\",\"packets_captured\":\"s3://leaky-bucket/path\"}],\"success\":true,\"errors\":[],\"messages\":[]}")));
      wm.stubFor(get(urlPathEqualTo(base + "/pcaps/ownership")).willReturn(okJson(
          "{\"result\":[{\"id\":\"b\",\"status\":{\"uri\":\"s3://leaky-bucket\"}}],\"success\":true,\"errors\":[],\"messages\":[]}")));
      PollScheduler scheduler = new PollScheduler(vertx, rig.metrics);
      rig.pollers.pollers().forEach(scheduler::add);
      SimHarness.await(scheduler.runNow(MagicSources.PCAPS));
      SimHarness.await(scheduler.runNow(MagicSources.PCAP_OWNERSHIP));
      assertThat(rig.scrape())
          .contains("cloudflare_exporter_source_field_errors_total{field=\"packets_captured\",source=\"pcaps\"} 1.0")
          .contains("cloudflare_exporter_source_field_errors_total{field=\"status\",source=\"pcap_ownership\"} 1.0");
      assertThat(logs.text()).contains("packets_captured");

      // A malformed answer whose parse error quotes a bucket URI, through the scheduler's own logging too.
      wm.stubFor(get(urlPathEqualTo(base + "/pcaps")).willReturn(okJson(
          "{\"result\":[{\"id\":\"x\"}],\"success\":s3://leaky-bucket/path,\"errors\":[],\"messages\":[]}")));
      Throwable failed = null;
      try {
        SimHarness.await(scheduler.runNow(MagicSources.PCAPS));
      } catch (IllegalStateException e) {
        failed = e;
      }
      assertThat(failed).as("the malformed cycle fails").isNotNull();
      assertThat(rig.health.state(MagicSources.PCAPS, A).lastError()).startsWith("malformed response");
      assertThat(logs.text()).contains("poller pcaps failed").contains("malformed");
      // WireMock's own Jetty logs the requests it receives, token included: it is the test's server.
      assertClean("the log", logs.textExcept("org.eclipse.jetty", "wiremock", "WireMock"));
      assertClean("the exposition", rig.scrape());
      assertClean("the status", rig.health.state(MagicSources.PCAPS, A).lastError()
          + rig.health.state(MagicSources.PCAP_OWNERSHIP, A).lastError());
    } finally {
      wm.stop();
      SimHarness.await(vertx.close());
    }
  }
}
