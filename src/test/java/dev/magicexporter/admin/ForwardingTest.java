package dev.magicexporter.admin;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.magicexporter.client.ClientOptions;
import dev.magicexporter.app.ClientStack;
import dev.magicexporter.client.TestClients;
import dev.magicexporter.client.Credential;
import io.vertx.core.http.HttpMethod;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every row of the route table, forwarded through the daemon's real client stack ({@link ClientStack}) to
 * WireMock: exact method, path, query, body and headers arrive upstream; the admin token does not,
 * the daemon's Cloudflare token does, and the answer comes back unchanged.
 */
class ForwardingTest {
  static final String CF_TOKEN = "cf-daemon-token-7d2e91aa55";
  static final String ANSWER = "{\"result\":{\"id\":\"x\"},\"success\":true,\"errors\":[],\"messages\":[]}";
  static final byte[] PCAP = {(byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1, 2, 0, 4, 0};

  static WireMockServer wm;
  static AdminHarness h;
  static ClientStack client;

  @BeforeAll
  static void start() {
    wm = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    wm.start();
    io.vertx.core.Vertx v = io.vertx.core.Vertx.vertx();
    client = TestClients.stack(v, ClientOptions.defaults("http://127.0.0.1:" + wm.port() + "/client/v4"),
        Credential.token(CF_TOKEN));
    h = new AdminHarness(AdminHarness.defaultOptions(), DaemonStatus.empty(),
        new io.micrometer.core.instrument.simple.SimpleMeterRegistry(),
        ClientUpstream.forAccounts(Map.of(Samples.ACCOUNT, client.passThrough())));
    vertxOfClient = v;
  }

  static io.vertx.core.Vertx vertxOfClient;

  @AfterAll
  static void stop() {
    h.close();
    AdminHarness.await(client.close());
    AdminHarness.await(vertxOfClient.close());
    wm.stop();
  }

  @BeforeEach
  void reset() {
    wm.resetAll();
    wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody(ANSWER)));
    wm.stubFor(any(urlPathMatching(".*/download")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/vnd.tcpdump.pcap").withBody(PCAP)));
  }

  static Stream<Route> routes() {
    return RouteTable.ROUTES.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void eachEndpointIsForwardedExactly(Route route) {
    String path = "/client/v4" + Samples.path(route);
    String query = Samples.query(route);
    String uri = path + (query.isEmpty() ? "" : "?" + query);
    JsonNode body = Samples.body(route);
    String bodyText = body == null ? null : body.toString();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Authorization", "Bearer " + AdminHarness.WRITE_TOKEN);
    headers.put("X-Auth-Key", "caller-global-key");
    headers.put("X-Auth-Email", "caller@example.com");
    headers.put("Cookie", "session=caller");
    headers.put("X-Custom", "dropped");
    if (route.headers().contains(ResourceRules.HC_TARGET_HEADER)) {
      headers.put(ResourceRules.HC_TARGET_HEADER, "false");
    }

    AdminHarness.Resp r = AdminHarness.await(h.send(route.method(), uri, headers, bodyText));

    assertThat(r.status()).as(r.text()).isEqualTo(200);
    List<LoggedRequest> got = wm.findAll(RequestPatternBuilder.allRequests());
    assertThat(got).hasSize(1);
    LoggedRequest up = got.get(0);
    assertThat(up.getMethod().getName()).isEqualTo(route.method().name());
    assertThat(up.getUrl()).isEqualTo(uri);
    assertThat(up.getHeader("Authorization")).isEqualTo("Bearer " + CF_TOKEN);
    assertThat(up.containsHeader("X-Auth-Key")).isFalse();
    assertThat(up.containsHeader("X-Auth-Email")).isFalse();
    assertThat(up.containsHeader("Cookie")).isFalse();
    assertThat(up.containsHeader("X-Custom")).isFalse();
    if (route.headers().contains(ResourceRules.HC_TARGET_HEADER)) {
      assertThat(up.getHeader(ResourceRules.HC_TARGET_HEADER)).isEqualTo("false");
    } else {
      assertThat(up.containsHeader(ResourceRules.HC_TARGET_HEADER)).isFalse();
    }
    if (bodyText == null) {
      assertThat(up.getBody()).isEmpty();
    } else {
      assertThat(up.getBodyAsString()).isEqualTo(bodyText);
      assertThat(up.getHeader("Content-Type")).startsWith("application/json");
    }
    if (route.streamed()) {
      assertThat(r.body().getBytes()).isEqualTo(PCAP);
      assertThat(r.headers().get("Content-Type")).isEqualTo("application/vnd.tcpdump.pcap");
    } else {
      assertThat(r.text()).isEqualTo(ANSWER);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void aRequestWithABrokenBodyOrQueryNeverReachesCloudflare(Route route) {
    String uri = "/client/v4" + Samples.path(route) + "?unknown_parameter=1";
    String body = route.body().mode() == Route.Body.Mode.NONE ? null : "{\"not_a_field\":true}";
    AdminHarness.Resp r = AdminHarness.await(h.send(route.method(), uri,
        Map.of("Authorization", "Bearer " + AdminHarness.WRITE_TOKEN), body));
    assertThat(r.status()).isEqualTo(400);
    assertThat(wm.findAll(RequestPatternBuilder.allRequests())).isEmpty();
  }
}
