package dev.magicexporter.poll.source;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.magicexporter.metrics.Promtool;
import dev.magicexporter.testing.ApiExamples;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden tests, one case per source and shape: API responses in (the reference's own examples,
 * and fixtures for the shapes they lack), exposition out, through the real pollers, decoders,
 * stores and family tables. Expected files live in {@code src/test/resources/golden/magic/};
 * rewrite them with {@code -Dgolden.update=true} and review the diff.
 */
class MagicGoldenTest {
  static final String A = "023e105f4ecef8ad9ca31a8372d0c353";
  static final String BASE = "/accounts/" + A;
  static final String SITE = "023e105f4ecef8ad9ca31a8372d0c353";
  static final Path GOLDEN = Path.of("src", "test", "resources", "golden", "magic");

  static WireMockServer wm;
  static Vertx vertx;

  @BeforeAll
  static void start() {
    wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    wm.start();
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    wm.stop();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  /** One case: the sources to poll, the answers to serve (path → body), the expected file. */
  record Case(String name, List<String> sources, Map<String, String> answers, boolean routeSeries) {
    @Override
    public String toString() {
      return name;
    }
  }

  static String seed(String file, String path) {
    return ApiExamples.response(file, "get", path);
  }

  static String fixture(String name) {
    return ApiExamples.read("/fixtures/magic/" + name);
  }

  static Map<String, String> answers(String... pathBody) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pathBody.length; i += 2) {
      m.put(pathBody[i], pathBody[i + 1]);
    }
    return m;
  }

  static Stream<Case> cases() {
    String m = "/accounts/{account_id}/magic/";
    return Stream.of(
        new Case("gre-seed", List.of(MagicSources.GRE_TUNNELS), answers(BASE + "/magic/gre_tunnels",
            seed("magic-transit-04-gre-tunnels.md", m + "gre_tunnels")), false),
        new Case("ipsec-seed", List.of(MagicSources.IPSEC_TUNNELS), answers(BASE + "/magic/ipsec_tunnels",
            seed("magic-transit-05-ipsec-tunnels.md", m + "ipsec_tunnels")), false),
        new Case("interconnects-seed", List.of(MagicSources.INTERCONNECTS), answers(BASE + "/magic/cf_interconnects",
            seed("magic-transit-03-cf-interconnects.md", m + "cf_interconnects")), false),
        new Case("tunnels-shapes", List.of(MagicSources.GRE_TUNNELS, MagicSources.IPSEC_TUNNELS),
            answers(BASE + "/magic/gre_tunnels", fixture("gre-shapes.json"),
                BASE + "/magic/ipsec_tunnels", fixture("ipsec-shapes.json")), false),
        new Case("pcaps-seed", List.of(MagicSources.PCAPS, MagicSources.PCAP_OWNERSHIP), answers(
            BASE + "/pcaps", seed("magic-transit-17-pcaps.md", "/accounts/{account_id}/pcaps"),
            BASE + "/pcaps/ownership", seed("magic-transit-18-ownership.md", "/accounts/{account_id}/pcaps/ownership")),
            false),
        new Case("pcaps-shapes", List.of(MagicSources.PCAPS, MagicSources.PCAP_OWNERSHIP), answers(
            BASE + "/pcaps", fixture("pcaps-shapes.json"), BASE + "/pcaps/ownership", fixture("ownership-shapes.json")),
            false),
        new Case("services-seed", List.of(MagicSources.VPC_SERVICES), answers(
            BASE + "/connectivity/directory/services?page=1", seed("connectivity-directory-services.md",
                "/accounts/{account_id}/connectivity/directory/services"),
            BASE + "/connectivity/directory/services?page=2", fixture("empty-page.json")), false),
        new Case("services-shapes", List.of(MagicSources.VPC_SERVICES), answers(
            BASE + "/connectivity/directory/services?page=1", fixture("services-page1.json"),
            BASE + "/connectivity/directory/services?page=2", fixture("services-page2.json")), false),
        new Case("inventory-seed", List.of(MagicSources.SITES, MagicSources.APPS, MagicSources.ROUTES), answers(
            BASE + "/magic/sites", seed("magic-transit-07-sites.md", m + "sites"),
            BASE + "/magic/sites/" + SITE + "/lans", seed("magic-transit-10-lans.md", m + "sites/{site_id}/lans"),
            BASE + "/magic/sites/" + SITE + "/wans", seed("magic-transit-11-wans.md", m + "sites/{site_id}/wans"),
            BASE + "/magic/sites/" + SITE + "/acls", seed("magic-transit-09-acls.md", m + "sites/{site_id}/acls"),
            BASE + "/magic/sites/" + SITE + "/app_configs",
            seed("magic-transit-08-app-configuration.md", m + "sites/{site_id}/app_configs"),
            BASE + "/magic/apps", seed("magic-transit-02-apps.md", m + "apps"),
            BASE + "/magic/routes", seed("magic-transit-06-routes.md", m + "routes")), true),
        new Case("inventory-shapes", List.of(MagicSources.SITES, MagicSources.APPS, MagicSources.ROUTES), answers(
            BASE + "/magic/sites", fixture("sites-shapes.json"),
            BASE + "/magic/sites/s1/lans", fixture("lans-two.json"),
            BASE + "/magic/sites/s1/wans", fixture("empty-list.json"),
            BASE + "/magic/sites/s1/acls", fixture("empty-list.json"),
            BASE + "/magic/sites/s1/app_configs", fixture("empty-list.json"),
            BASE + "/magic/sites/s2/lans", fixture("empty-list.json"),
            BASE + "/magic/sites/s2/wans", fixture("empty-list.json"),
            BASE + "/magic/sites/s2/acls", fixture("empty-list.json"),
            BASE + "/magic/sites/s2/app_configs", fixture("empty-list.json"),
            BASE + "/magic/apps", fixture("apps-mixed.json"),
            BASE + "/magic/routes", fixture("routes-empty-field.json")), false));
  }

  static void serve(Map<String, String> answers) {
    wm.resetAll();
    for (Map.Entry<String, String> e : answers.entrySet()) {
      String path = e.getKey();
      MappingBuilder b;
      int q = path.indexOf('?');
      if (q >= 0) {
        String[] kv = path.substring(q + 1).split("=");
        b = get(urlPathEqualTo("/client/v4" + path.substring(0, q))).withQueryParam(kv[0], equalTo(kv[1]));
      } else {
        b = get(urlPathEqualTo("/client/v4" + path));
      }
      if (path.contains("gre_tunnels") || path.contains("ipsec_tunnels") || path.contains("cf_interconnects")) {
        b = b.withHeader("x-magic-new-hc-target", equalTo("true"));
      }
      wm.stubFor(b.withHeader("Authorization", equalTo("Bearer " + MagicRig.TOKEN)).willReturn(okJson(e.getValue())));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void exposition(Case c) throws Exception {
    serve(c.answers());
    String text;
    try (MagicRig rig = new MagicRig(vertx, wm.baseUrl() + "/client/v4", List.of(A), c.routeSeries())) {
      List<String> failed = new ArrayList<>();
      for (String s : c.sources()) {
        if (rig.poll(s) == null || !rig.health.state(s, A).up()) {
          failed.add(s + ": " + rig.health.state(s, A).lastError());
        }
      }
      assertThat(failed).as("sources that failed").isEmpty();
      text = rig.families();
    }
    Path expected = GOLDEN.resolve(c.name() + ".prom");
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(GOLDEN);
      Files.writeString(expected, text, StandardCharsets.UTF_8);
    }
    assertThat(expected).as("golden file (create with -Dgolden.update=true)").exists();
    assertThat(text).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
    assertThat(Promtool.checkMetrics(text)).as("promtool on " + c.name()).isEmpty();
  }
}
