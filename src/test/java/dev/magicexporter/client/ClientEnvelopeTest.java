package dev.magicexporter.client;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.magicexporter.model.ApiMessage;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Auth headers, the v4 envelope and the typed errors, against WireMock. */
class ClientEnvelopeTest extends ClientTestBase {

  record Connector(String id, String deviceId) {}

  @Test
  void sendsTheTokenAsBearerAndDecodesTheEnvelope() {
    wm.stubFor(get(urlPathEqualTo(path(CONNECTORS)))
        .withHeader("Authorization", equalTo("Bearer " + TOKEN))
        .willReturn(okJson("{\"success\":true,\"errors\":[],\"messages\":[{\"code\":1,\"message\":\"note\"}],"
            + "\"result\":[{\"id\":\"c1\",\"device_id\":\"d1\",\"extra\":{\"x\":1}}],"
            + "\"result_info\":{\"page\":1,\"per_page\":20,\"count\":1,\"total_count\":1,\"total_pages\":1}}")));

    ApiResponse<List<Connector>> r = await(client().send(req(CONNECTORS), ResultDecoder.listOf(Connector.class)));

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.result()).containsExactly(new Connector("c1", "d1"));
    assertThat(r.resultInfo().totalPages()).isEqualTo(1);
    assertThat(r.messages()).containsExactly(new ApiMessage(1, "note"));
    wm.verify(getRequestedFor(urlPathEqualTo(path(CONNECTORS)))
        .withHeader("X-Auth-Key", absent()).withHeader("User-Agent", equalTo("magic-exporter")));
  }

  @Test
  void sendsTheLegacyKeyAndEmailWithoutAuthorization() {
    wm.stubFor(get(urlPathEqualTo(path(CONNECTORS))).willReturn(okJson(ok("[]"))));
    TestClient c = client(options(), Credential.legacy("legacy-global-key-0123456789", "ops@example.com"));

    await(c.send(req(CONNECTORS), ResultDecoder.tree()));

    wm.verify(getRequestedFor(urlPathEqualTo(path(CONNECTORS)))
        .withHeader("X-Auth-Key", equalTo("legacy-global-key-0123456789"))
        .withHeader("X-Auth-Email", equalTo("ops@example.com"))
        .withHeader("Authorization", absent()));
  }

  @Test
  void neverForwardsCallerCredentialsButKeepsOtherHeaders() {
    wm.stubFor(any(anyUrl()).willReturn(okJson(ok("{}"))));
    ApiRequest req = ApiRequest.of(HttpMethod.POST, "/accounts/{account_id}/magic/gre_tunnels")
        .withPath("account_id", ACCOUNT)
        .withHeader("authorization", "Bearer caller-token")
        .withHeader("X-Auth-Key", "caller-key")
        .withHeader("X-Auth-Email", "caller@example.com")
        .withHeader("X-Auth-User-Service-Key", "caller-service-key")
        .withHeader("x-magic-new-hc-target", "true")
        .withBody(Buffer.buffer("{\"name\":\"t1\"}"));

    await(client().send(req, ResultDecoder.tree()));

    wm.verify(postRequestedFor(urlPathEqualTo(path("/accounts/{account_id}/magic/gre_tunnels")))
        .withHeader("Authorization", equalTo("Bearer " + TOKEN))
        .withHeader("X-Auth-Key", absent())
        .withHeader("X-Auth-Email", absent())
        .withHeader("X-Auth-User-Service-Key", absent())
        .withHeader("x-magic-new-hc-target", equalTo("true"))
        .withHeader("Content-Type", equalTo("application/json"))
        .withRequestBody(equalToJson("{\"name\":\"t1\"}")));
  }

  @Test
  void successFalseOnA2xxIsMalformedAndKeepsCloudflaresErrors() {
    wm.stubFor(get(anyUrl()).willReturn(okJson(failed(1003, "Invalid something"))));

    Throwable t = awaitFailure(client().send(req(CONNECTORS), ResultDecoder.tree()));

    assertThat(t).isInstanceOf(ApiException.Malformed.class).hasMessageContaining("success:false")
        .hasMessageContaining("1003: Invalid something");
    assertThat(((ApiException) t).errors()).containsExactly(new ApiMessage(1003, "Invalid something"));
    assertThat(scrape()).contains("cloudflare_exporter_api_errors_total{endpoint=\"" + CONNECTORS
        + "\",kind=\"malformed\"} 1");
  }

  @Test
  void aRejectedRequestCarriesCloudflaresErrorListWithPointers() {
    wm.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
        .withBody("{\"success\":false,\"errors\":[{\"code\":1001,\"message\":\"bad mtu\",\"source\":{\"pointer\":\"/mtu\"}},"
            + "{\"code\":1002,\"message\":\"bad name\"}],\"messages\":[],\"result\":null}")));

    Throwable t = awaitFailure(client().send(req(CONNECTORS), ResultDecoder.tree()));

    assertThat(t).isInstanceOf(ApiException.Validation.class).hasMessageContaining("HTTP 400")
        .hasMessageContaining("1001: bad mtu; 1002: bad name");
    assertThat(((ApiException) t).errors()).containsExactly(
        new ApiMessage(1001, "bad mtu", "/mtu"), new ApiMessage(1002, "bad name"));
    assertThat(wm.findAll(anyRequestedFor(anyUrl()))).as("400 is not retried").hasSize(1);
  }

  @ParameterizedTest(name = "HTTP {0} -> {1}")
  @CsvSource({
      "400, validation", "404, not_found", "405, validation", "422, validation",
      "401, auth", "403, auth", "500, server", "502, server", "503, server", "429, throttled"})
  void statusesMapToTypedErrors(int status, String kind) {
    wm.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(status).withBody(failed(7000 + status, "nope"))));

    Throwable t = awaitFailure(client(options().withRetries(0, java.time.Duration.ZERO, java.time.Duration.ZERO))
        .send(req(CONNECTORS), ResultDecoder.tree()));

    assertThat(t).isInstanceOf(ApiException.class);
    ApiException e = (ApiException) t;
    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.status()).isEqualTo(status);
    assertThat(e.errors()).extracting(ApiMessage::code).containsExactly(7000 + status);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "GET, /accounts/{account_id}/magic/connectors/{connector_id}/telemetry/snapshots/latest, Magic WAN Read",
      "GET, /accounts/{account_id}/magic/gre_tunnels, Magic WAN Read or Magic Transit Read",
      "PUT, /accounts/{account_id}/magic/routes/{route_id}, Magic WAN Write or Magic Transit Write",
      "GET, /accounts/{account_id}/pcaps/{pcap_id}/download, Magic Firewall Packet Captures - Read PCAPs API",
      "GET, /accounts/{account_id}/connectivity/directory/services, Connectivity Directory Read"})
  void authenticationErrorsNameTheLikelyMissingPermission(String method, String template, String permission) {
    wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(403)
        .withBody(failed(10000, "Authentication error"))));
    ApiRequest req = ApiRequest.of(HttpMethod.valueOf(method), template).withPath("account_id", ACCOUNT)
        .withPath("connector_id", "c1").withPath("route_id", "r1").withPath("pcap_id", "p1");

    Throwable t = awaitFailure(client().send(req, ResultDecoder.tree()));

    assertThat(t).isInstanceOf(ApiException.Authentication.class)
        .hasMessageContaining("10000: Authentication error")
        .hasMessageContaining("likely lacks the permission \"" + permission + "\"");
    assertThat(((ApiException.Authentication) t).permissionHint()).isEqualTo(permission);
    assertThat(wm.findAll(anyRequestedFor(anyUrl()))).as("auth errors are not retried").hasSize(1);
  }

  @Test
  void a401SaysTheCredentialWasNotAccepted() {
    wm.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(401).withBody(failed(10000, "Authentication error"))));

    Throwable t = awaitFailure(client().send(req(CONNECTORS), ResultDecoder.tree()));

    assertThat(t).isInstanceOf(ApiException.Authentication.class)
        .hasMessageContaining("not accepted").hasMessageContaining("Magic WAN Read");
  }

  @Test
  void anErrorStatusWithABodyThatIsNotAnEnvelopeKeepsItsType() {
    wm.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(404).withBody("<html>not here</html>")));

    Throwable t = awaitFailure(client().send(req(CONNECTORS), ResultDecoder.tree()));

    assertThat(t).isInstanceOf(ApiException.NotFound.class);
    assertThat(((ApiException) t).errors()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "not JSON                | <html><body>Bad gateway</body></html> | body is not JSON",
      "truncated JSON          | {\"success\":true,\"result\":[{\"id\":\"c1\"} |",
      "empty body              | '' | empty body",
      "no success field        | {\"result\":[]} | without 'success'",
      "success not a boolean   | {\"success\":\"yes\",\"result\":[]} | not a boolean",
      "result of the wrong shape | {\"success\":true,\"result\":\"c1\"} | expected an array",
      "errors not an array     | {\"success\":true,\"errors\":{},\"result\":[]} | not an array",
      "trailing garbage        | {\"success\":true,\"result\":[]} x | trailing",
      "a JSON array            | [1,2,3] | not a JSON object"})
  void malformedBodiesFailWithTheReason(String name, String body, String reason) {
    wm.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody(body)));

    Throwable t = awaitFailure(client().send(req(CONNECTORS), ResultDecoder.listOf(Connector.class)));

    assertThat(t).isInstanceOf(ApiException.Malformed.class).hasMessageContaining("HTTP 200");
    if (reason != null) {
      assertThat(t).hasMessageContaining(reason);
    }
    assertThat(wm.findAll(anyRequestedFor(anyUrl()))).as("a malformed body is not retried").hasSize(1);
    assertThat(scrape()).contains("kind=\"malformed\"} 1");
  }

  @Test
  void theTreeDecoderPassesAnyResultThrough() {
    wm.stubFor(get(anyUrl()).willReturn(okJson(ok("{\"gre_tunnels\":[{\"id\":\"g1\"}],\"other\":true}"))));

    JsonNode tree = await(client().send(req(CONNECTORS), ResultDecoder.tree())).result();

    assertThat(tree.path("gre_tunnels").path(0).path("id").asText()).isEqualTo("g1");
  }
}
