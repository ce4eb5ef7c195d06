package dev.magicexporter.admin;

import static dev.magicexporter.admin.AdminHarness.acct;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.magicexporter.client.ApiRequest;
import io.vertx.core.http.HttpMethod;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A proxy is never stricter than its upstream (#13): what the reference accepts goes to
 * Cloudflare, and what the admin API has to say about it comes back in the answer's
 * {@code messages}. Behind the admin API is a fake upstream, so each test sees exactly what was
 * forwarded.
 */
class ReferenceFidelityTest {
  private static final ObjectMapper M = new ObjectMapper();
  private static final String GRE_EXAMPLE = "{ \"cloudflare_gre_endpoint\": \"203.0.113.1\", \"customer_gre_endpoint\":"
      + " \"203.0.113.1\", \"interface_address\": \"192.0.2.0/31\", \"name\": \"GRE_1\", \"automatic_return_routing\":"
      + " true, \"description\": \"Tunnel for ISP X\", \"interface_address6\": \"2606:54c1:7:0:a9fe:12d2:1:200/127\" }";

  private final AdminHarness h = new AdminHarness();

  @AfterEach
  void close() {
    h.close();
  }

  private JsonNode forwarded() throws Exception {
    assertThat(h.upstream.requests).hasSize(1);
    return M.readTree(h.upstream.requests.get(0).body().getBytes());
  }

  private static List<String> messages(AdminHarness.Resp r) throws Exception {
    JsonNode m = M.readTree(r.text()).get("messages");
    return m == null ? List.of() : java.util.stream.StreamSupport.stream(m.spliterator(), false)
        .map(x -> x.at("/source/pointer").asText() + " " + x.get("message").asText()).toList();
  }

  @Test
  void theReferencesOwnInterfaceAddressGoesUpstreamWithAWarning() throws Exception {
    AdminHarness.Resp r = h.write(HttpMethod.POST, acct("/magic/gre_tunnels"), GRE_EXAMPLE);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    assertThat(forwarded().get("interface_address").asText()).isEqualTo("192.0.2.0/31");
    assertThat(messages(r)).anySatisfy(m -> assertThat(m).startsWith("/interface_address ").contains("private"));
  }

  /** GET a tunnel, change one field, PUT it back: read-only fields are dropped, and the answer says so. */
  @Test
  void aGetAnswerCanBePutBack() throws Exception {
    JsonNode got = ValidationRulesTest.returnedObject(M.readTree(ReferenceExamples.all().stream()
        .filter(e -> e.key().equals("GET /accounts/{account_id}/magic/gre_tunnels/{gre_tunnel_id}"))
        .findFirst().orElseThrow().response()).get("result"));
    ObjectNode changed = got.deepCopy();
    changed.put("mtu", 1400);
    changed.put("name", "GRE_2");
    AdminHarness.Resp r = AdminHarness.await(h.send(HttpMethod.PUT, AdminApi.BASE + acct("/magic/gre_tunnels/g1"),
        Map.of("Authorization", "Bearer " + AdminHarness.WRITE_TOKEN, "x-magic-new-hc-target", "true"),
        changed.toString()));
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    JsonNode up = forwarded();
    assertThat(up.get("mtu").asInt()).isEqualTo(1400);
    assertThat(up.get("name").asText()).isEqualTo("GRE_2");
    assertThat(up.get("health_check").get("target").get("effective")).as("ignored upstream, so forwarded").isNotNull();
    for (String readOnly : List.of("id", "created_on", "modified_on", "bgp_status")) {
      assertThat(up.has(readOnly)).as(readOnly).isFalse();
      assertThat(messages(r)).anySatisfy(m -> assertThat(m).startsWith("/" + readOnly + " ").contains("not forwarded"));
    }
    // Configuration the update does not list (the SDK's GRE update has no bgp either): Cloudflare decides.
    assertThat(up.get("bgp")).isEqualTo(got.get("bgp"));
    assertThat(messages(r)).anySatisfy(m -> assertThat(m).startsWith("/bgp ").contains("does not list it"));
  }

  @Test
  void unknownFieldsAreForwardedWithAWarning() throws Exception {
    ObjectNode body = (ObjectNode) M.readTree(GRE_EXAMPLE);
    body.put("interface_address", "10.0.0.0/31");
    body.put("brand_new_field", "from a newer API");
    AdminHarness.Resp r = h.write(HttpMethod.POST, acct("/magic/gre_tunnels"), body.toString());
    assertThat(r.status()).isEqualTo(200);
    assertThat(forwarded().get("brand_new_field").asText()).isEqualTo("from a newer API");
    assertThat(messages(r)).singleElement().satisfies(m -> assertThat(m).startsWith("/brand_new_field ")
        .contains("forwarded"));
  }

  /** admin.strict_fields: what the reference does not document is refused; what it returns is still taken. */
  @Test
  void strictFieldsRestoreRefusal() throws Exception {
    var config = dev.magicexporter.config.ConfigLoader.load(new dev.magicexporter.config.ConfigLoader.CommandLine(
        null, true, null, null), Map.of("MAGIC_EXPORTER_ADMIN_STRICT_FIELDS", "true"));
    assertThat(config.problems()).isEmpty();
    assertThat(config.config().admin().strictFields()).isTrue();
    try (AdminHarness strict = new AdminHarness(AdminHarness.defaultOptions().withStrictFields(true),
        DaemonStatus.empty())) {
      ObjectNode body = (ObjectNode) M.readTree(GRE_EXAMPLE);
      body.put("brand_new_field", 1);
      AdminHarness.Resp r = strict.write(HttpMethod.POST, acct("/magic/gre_tunnels"), body.toString());
      assertThat(r.status()).isEqualTo(400);
      assertThat(M.readTree(r.text()).at("/errors/0/source/pointer").asText()).isEqualTo("/brand_new_field");
      assertThat(strict.upstream.requests).isEmpty();
      body.remove("brand_new_field");
      body.put("id", "c4a7362d577a6c3019a474fd6f485821").put("created_on", "2017-06-14T00:00:00Z");
      AdminHarness.Resp back = strict.write(HttpMethod.PUT, acct("/magic/gre_tunnels/g1"), body.toString());
      assertThat(back.status()).as(back.text()).isEqualTo(200);
      assertThat(M.readTree(strict.upstream.requests.get(0).body().getBytes()).has("id")).isFalse();
    }
  }

  @Test
  void allowNullCipherCanBeSetAndEmptyStringsClear() throws Exception {
    String body = "{\"cloudflare_endpoint\":\"203.0.113.1\",\"interface_address\":\"10.0.0.0/31\",\"name\":\"t1\","
        + "\"allow_null_cipher\":true,\"customer_endpoint\":\"\",\"interface_address6\":\"\"}";
    AdminHarness.Resp r = h.write(HttpMethod.PUT, acct("/magic/ipsec_tunnels/i1"), body);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    JsonNode up = forwarded();
    assertThat(up.get("allow_null_cipher").asBoolean()).isTrue();
    assertThat(up.get("customer_endpoint").asText()).isEmpty();
    assertThat(messages(r)).isEmpty();
  }

  /** "body: unknown", example {@code -d '{}'}; interconnects are listed as {@code interconnects}. */
  @ParameterizedTest
  @ValueSource(strings = {"gre_tunnels", "ipsec_tunnels", "cf_interconnects"})
  void bulkUpdatesTakeTheReferencesUnknownBody(String kind) throws Exception {
    AdminHarness.Resp r = h.write(HttpMethod.PUT, acct("/magic/" + kind), "{}");
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    assertThat(forwarded()).isEqualTo(M.readTree("{}"));
  }

  @Test
  void interconnectBulkUpdatesUseTheReferencesListName() throws Exception {
    String body = "{\"interconnects\":[{\"id\":\"c1\",\"mtu\":1400,\"description\":\"x\"}]}";
    AdminHarness.Resp r = h.write(HttpMethod.PUT, acct("/magic/cf_interconnects"), body);
    assertThat(r.status()).isEqualTo(200);
    assertThat(forwarded()).isEqualTo(M.readTree(body));
    assertThat(messages(r)).isEmpty();
    h.upstream.requests.clear();
    // The likely shape is advice: a wrong item is a warning, and Cloudflare decides.
    AdminHarness.Resp odd = h.write(HttpMethod.PUT, acct("/magic/cf_interconnects"),
        "{\"interconnects\":[{\"id\":\"c1\",\"mtu\":100}]}");
    assertThat(odd.status()).isEqualTo(200);
    assertThat(messages(odd)).anySatisfy(m -> assertThat(m).startsWith("/interconnects/0/mtu ").contains("576"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/pcaps", "/pcaps/ownership"})
  void pcapListsPassPagingThrough(String list) {
    assertThat(h.get(acct(list + "?page=3&per_page=50")).status()).isEqualTo(200);
    ApiRequest up = h.upstream.requests.get(0);
    assertThat(up.query().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&")))
        .isEqualTo("page=3&per_page=50");
    AdminHarness.Resp bad = h.get(acct(list + "?page=0"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().getJsonArray("errors").getJsonObject(0).getJsonObject("source").getString("parameter"))
        .isEqualTo("page");
  }

  /** #14: a number the exporter (and Cloudflare) cannot hold never goes upstream. */
  @ParameterizedTest
  @ValueSource(strings = {"2147483648", "1e23", "1e400", "-1e400", "1476.5"})
  void numbersOutOfTheirRangeAre400NamingTheField(String mtu) throws Exception {
    ObjectNode body = (ObjectNode) M.readTree(GRE_EXAMPLE);
    String json = body.toString().replace("}", ",\"mtu\":" + mtu + "}");
    AdminHarness.Resp r = h.write(HttpMethod.POST, acct("/magic/gre_tunnels"), json);
    assertThat(r.status()).as(r.text()).isEqualTo(400);
    JsonNode e = M.readTree(r.text()).at("/errors/0");
    assertThat(e.at("/source/pointer").asText()).isEqualTo("/mtu");
    assertThat(e.get("message").asText()).startsWith("/mtu must be");
    assertThat(h.upstream.requests).isEmpty();
  }
}
