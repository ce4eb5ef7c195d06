package dev.magicexporter.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.magicexporter.sim.SimModules;
import dev.magicexporter.sim.SimOptions;
import dev.magicexporter.sim.magic.writes.WritesSimModule;
import dev.magicexporter.testing.SimHarness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The simulator's write side: every write route of the table is served, each resource goes
 * through create, read, update and delete, the special endpoints behave as the seed says, and
 * refusals are the simulator's own (never the admin API's rules, which the simulator tests).
 */
class SimulatorWritesTest {
  static final ObjectMapper M = new ObjectMapper();
  static final String A = "/accounts/" + SimOptions.DEFAULT_ACCOUNT;
  /** 2024-06-01T12:00:00Z. */
  static final double NOW = 1717243200;
  static SimHarness sim;
  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void start() {
    sim = new SimHarness(SimOptions.defaults(), NOW, SimModules.defaults());
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  record Answer(int status, JsonNode json) {
    JsonNode result() {
      return json.get("result");
    }
  }

  static Answer call(String method, String path, Object body) {
    return call(method, path, body, Map.of());
  }

  static Answer call(String method, String path, Object body, Map<String, String> headers) {
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
          .header("Authorization", "Bearer " + sim.options.apiToken())
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : M.writeValueAsString(body)));
      headers.forEach(b::header);
      HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), M.readTree(r.body()));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static Route route(String key) {
    return ValidationRulesTest.route(key);
  }

  @Test
  void everyWriteRouteOfTheTableIsServed() {
    List<String> writes = RouteTable.ROUTES.stream().filter(r -> r.scope() == Scope.WRITE).map(Route::key).toList();
    assertThat(writes).hasSize(84 - 32);
    assertThat(new WritesSimModule().served()).containsExactlyInAnyOrderElementsOf(writes);
  }

  /** A resource's round trip: create, list, update, delete (paths relative to the account). */
  static Stream<Arguments> resources() {
    return Stream.of(
        Arguments.of("/magic/gre_tunnels", "/{gre_tunnel_id}", "gre_tunnels", "id", List.of("PUT")),
        Arguments.of("/magic/ipsec_tunnels", "/{ipsec_tunnel_id}", "ipsec_tunnels", "id", List.of("PUT")),
        Arguments.of("/magic/routes", "/{route_id}", "routes", "id", List.of("PUT")),
        Arguments.of("/magic/sites", "/{site_id}", null, "id", List.of("PUT", "PATCH")),
        Arguments.of("/magic/sites/{site_id}/lans", "/{lan_id}", null, "id", List.of("PUT", "PATCH")),
        Arguments.of("/magic/sites/{site_id}/wans", "/{wan_id}", null, "id", List.of("PUT", "PATCH")),
        Arguments.of("/magic/sites/{site_id}/acls", "/{acl_id}", null, "id", List.of("PUT", "PATCH")),
        Arguments.of("/magic/sites/{site_id}/app_configs", "/{app_config_id}", null, "id", List.of("PUT", "PATCH")),
        Arguments.of("/magic/apps", "/{account_app_id}", null, "account_app_id", List.of("PUT", "PATCH")),
        Arguments.of("/connectivity/directory/services", "/{service_id}", null, "service_id", List.of("PUT")),
        Arguments.of("/magic/connectors", "/{connector_id}", null, "id", List.of("PUT", "PATCH")));
  }

  static String firstSite() {
    return call("GET", A + "/magic/sites", null).result().get(0).get("id").asText();
  }

  static List<String> ids(String listPath, String wrapper, String idField) {
    // Services are paged: one page of the largest size holds them all.
    JsonNode r = call("GET", listPath + (listPath.endsWith("/services") ? "?per_page=1000" : ""), null).result();
    JsonNode items = wrapper == null ? r : r.get(wrapper);
    List<String> out = new ArrayList<>();
    items.forEach(i -> out.add(i.path(idField).asText()));
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("resources")
  void createListUpdateDelete(String list, String one, String wrapper, String idField, List<String> updates) {
    String site = firstSite();
    String listTemplate = "/accounts/{account_id}" + list;
    String listPath = A + list.replace("{site_id}", site);
    ObjectNode body = (ObjectNode) Samples.body(route("POST " + listTemplate));
    if (body.has("name")) {
      body.put("name", "T" + Math.abs(list.hashCode() % 1000));
    }
    Answer created = call("POST", listPath, body);
    assertThat(created.status()).as(created.json().toString()).isEqualTo(200);
    JsonNode obj = created.result().isArray() ? created.result().get(0) : created.result();
    String id = obj.get(idField).asText();
    assertThat(ids(listPath, wrapper, idField)).contains(id);

    for (String method : updates) {
      ObjectNode change = (ObjectNode) Samples.body(route(method + " " + listTemplate + one));
      if (change.has("name")) {
        change.put("name", "U" + method);
      }
      if (change.has("description")) {
        change.put("description", "changed by " + method);
      }
      Answer updated = call(method, listPath + "/" + id, change);
      assertThat(updated.status()).as(method + " " + updated.json()).isEqualTo(200);
      if (change.has("description") && !list.contains("connectors")) {
        assertThat(updated.json().toString()).contains("changed by " + method);
      }
    }
    if (!list.contains("app_configs") && !list.contains("apps")) {
      Answer detail = call("GET", listPath + "/" + id, null);
      assertThat(detail.status()).as(detail.json().toString()).isEqualTo(200);
    }

    Answer deleted = call("DELETE", listPath + "/" + id, null);
    assertThat(deleted.status()).as(deleted.json().toString()).isEqualTo(200);
    assertThat(ids(listPath, wrapper, idField)).doesNotContain(id);
    assertThat(call("DELETE", listPath + "/" + id, null).status()).isEqualTo(404);
  }

  @Test
  void aGeneratedPskIsAnsweredOnceAndOnlyItsMetadataStays() {
    String tunnel = ids(A + "/magic/ipsec_tunnels", "ipsec_tunnels", "id").get(0);
    sim.clock.advance(60);
    Answer r = call("POST", A + "/magic/ipsec_tunnels/" + tunnel + "/psk_generate", "{}");
    assertThat(r.status()).isEqualTo(200);
    String psk = r.result().get("psk").asText();
    assertThat(psk).hasSize(32);
    assertThat(r.result().get("ipsec_tunnel_id").asText()).isEqualTo(tunnel);
    JsonNode after = call("GET", A + "/magic/ipsec_tunnels/" + tunnel, null).result().get("ipsec_tunnel");
    assertThat(after.toString()).doesNotContain(psk).doesNotContain("\"psk\"");
    assertThat(after.get("psk_metadata").get("last_generated_on").asText())
        .isEqualTo(r.result().get("psk_metadata").get("last_generated_on").asText());
    assertThat(call("POST", A + "/magic/ipsec_tunnels/" + tunnel + "/psk_generate", null).result().get("psk").asText())
        .isNotEqualTo(psk);
    assertThat(call("POST", A + "/magic/ipsec_tunnels/nope/psk_generate", null).status()).isEqualTo(404);
  }

  @Test
  void aProvisionedLicenceKeyIsInTheCreateAnswerOnly() {
    Answer r = call("POST", A + "/magic/connectors", "{\"device\":{\"provision_license\":true},\"notes\":\"lab\"}");
    assertThat(r.status()).isEqualTo(200);
    String id = r.result().get("id").asText();
    assertThat(r.result().get("license_key").asText()).startsWith("sim-license-");
    assertThat(call("GET", A + "/magic/connectors/" + id, null).result().has("license_key")).isFalse();
    assertThat(call("GET", A + "/magic/connectors", null).toString()).doesNotContain("license_key");
    Answer again = call("PATCH", A + "/magic/connectors/" + id, "{\"provision_license\":true}");
    assertThat(again.result().get("license_key").asText()).isNotEqualTo(r.result().get("license_key").asText());
    // A connector of the generated world can be changed and removed too.
    String world = ids(A + "/magic/connectors", null, "id").get(0);
    assertThat(call("PATCH", A + "/magic/connectors/" + world, "{\"notes\":\"moved\"}").status()).isEqualTo(200);
    assertThat(call("GET", A + "/magic/connectors/" + world, null).result().get("notes").asText()).isEqualTo("moved");
    assertThat(call("DELETE", A + "/magic/connectors/" + world, null).status()).isEqualTo(200);
    assertThat(ids(A + "/magic/connectors", null, "id")).doesNotContain(world);
    assertThat(call("GET", A + "/magic/connectors/" + world, null).status()).isEqualTo(404);
  }

  @Test
  void bulkUpdateAndBulkDelete() {
    List<String> gre = ids(A + "/magic/gre_tunnels", "gre_tunnels", "id");
    Answer bulk = call("PUT", A + "/magic/gre_tunnels", Map.of("gre_tunnels", List.of(
        Map.of("id", gre.get(0), "description", "bulk one"), Map.of("id", gre.get(1), "mtu", 1400))));
    assertThat(bulk.status()).as(bulk.json().toString()).isEqualTo(200);
    assertThat(bulk.result().get("modified").asBoolean()).isTrue();
    assertThat(bulk.result().get("modified_gre_tunnels")).hasSize(2);
    JsonNode first = call("GET", A + "/magic/gre_tunnels/" + gre.get(0), null).result().get("gre_tunnel");
    assertThat(first.get("description").asText()).isEqualTo("bulk one");
    assertThat(first.get("name").asText()).as("other fields kept").startsWith("GRE_");
    Answer unknown = call("PUT", A + "/magic/gre_tunnels", Map.of("gre_tunnels", List.of(
        Map.of("id", gre.get(0), "mtu", 1300), Map.of("id", "f".repeat(32), "mtu", 1300))));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().at("/errors/0/source/pointer").asText()).isEqualTo("/gre_tunnels/1/id");
    assertThat(call("GET", A + "/magic/gre_tunnels/" + gre.get(0), null).result().at("/gre_tunnel/mtu").asInt())
        .as("nothing applied when one id is unknown").isNotEqualTo(1300);

    // "body: unknown", example {}: nothing to change; interconnects are listed as "interconnects".
    for (String kind : List.of("gre_tunnels", "ipsec_tunnels", "cf_interconnects")) {
      Answer empty = call("PUT", A + "/magic/" + kind, "{}");
      assertThat(empty.status()).as(kind).isEqualTo(200);
      assertThat(empty.result().get("modified").asBoolean()).isTrue();
    }
    List<String> cnis = ids(A + "/magic/cf_interconnects", "interconnects", "id");
    Answer cni = call("PUT", A + "/magic/cf_interconnects", Map.of("interconnects", List.of(
        Map.of("id", cnis.get(0), "description", "bulk cni"))));
    assertThat(cni.result().get("modified_interconnects")).hasSize(1);
    assertThat(call("GET", A + "/magic/cf_interconnects/" + cnis.get(0), null).result()
        .at("/interconnect/description").asText()).isEqualTo("bulk cni");

    List<String> routes = ids(A + "/magic/routes", "routes", "id");
    Answer del = call("DELETE", A + "/magic/routes", Map.of("routes", List.of(Map.of("id", routes.get(0)),
        Map.of("id", routes.get(1)))));
    assertThat(del.result().get("deleted_routes")).hasSize(2);
    assertThat(ids(A + "/magic/routes", "routes", "id")).doesNotContain(routes.get(0), routes.get(1))
        .hasSize(routes.size() - 2);
    assertThat(call("DELETE", A + "/magic/routes", null).status()).as("a bare bulk delete").isEqualTo(400);
  }

  @Test
  void validateOnlyChecksWithoutStoring() {
    List<String> before = ids(A + "/magic/routes", "routes", "id");
    Answer r = call("POST", A + "/magic/routes?validate_only=true",
        "{\"nexthop\":\"203.0.113.9\",\"prefix\":\"192.0.2.0/24\",\"priority\":100}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.result().get("prefix").asText()).isEqualTo("192.0.2.0/24");
    assertThat(ids(A + "/magic/routes", "routes", "id")).isEqualTo(before);
  }

  @Test
  void tunnelNamesAreUniqueAndHealthCheckTargetsFollowTheHeader() {
    JsonNode existing = call("GET", A + "/magic/gre_tunnels", null).result().get("gre_tunnels").get(0);
    String body = "{\"cloudflare_gre_endpoint\":\"203.0.113.1\",\"customer_gre_endpoint\":\"198.51.100.1\","
        + "\"interface_address\":\"10.1.2.0/31\",\"name\":\"%s\",\"health_check\":{\"target\":\"198.51.100.77\"}}";
    Answer dup = call("POST", A + "/magic/gre_tunnels", String.format(body, existing.get("name").asText()));
    assertThat(dup.status()).isEqualTo(400);
    assertThat(dup.json().at("/errors/0/source/pointer").asText()).isEqualTo("/name");
    Answer made = call("POST", A + "/magic/gre_tunnels", String.format(body, "HC_T"));
    String id = made.result().get("id").asText();
    assertThat(made.result().at("/health_check/target").asText()).isEqualTo("198.51.100.77");
    JsonNode asObject = call("GET", A + "/magic/gre_tunnels/" + id, null, Map.of("x-magic-new-hc-target", "true"))
        .result().at("/gre_tunnel/health_check/target");
    assertThat(asObject.get("saved").asText()).isEqualTo("198.51.100.77");
  }

  @Test
  void fullCapturesStopAndSimpleOnesDoNot() {
    Answer full = call("POST", A + "/pcaps", "{\"type\":\"full\",\"system\":\"magic-transit\",\"time_limit\":300,"
        + "\"colo_name\":\"ord02\",\"destination_conf\":\"s3://bucket-x?region=us-east-1\",\"byte_limit\":500000000}");
    assertThat(full.status()).as(full.json().toString()).isEqualTo(200);
    String id = full.result().get("id").asText();
    assertThat(full.result().get("status").asText()).isEqualTo("pending");
    sim.clock.advance(30);
    assertThat(call("GET", A + "/pcaps/" + id, null).result().get("status").asText()).isEqualTo("running");
    Answer stop = call("PUT", A + "/pcaps/" + id + "/stop", null);
    assertThat(stop.status()).isEqualTo(200);
    assertThat(stop.result().isNull()).isTrue();
    sim.clock.advance(1);
    JsonNode after = call("GET", A + "/pcaps/" + id, null).result();
    assertThat(after.has("stop_requested")).isTrue();
    assertThat(after.get("status").asText()).isNotEqualTo("running");
    Answer simple = call("POST", A + "/pcaps", "{\"type\":\"simple\",\"system\":\"magic-transit\",\"time_limit\":60,"
        + "\"packet_limit\":100}");
    assertThat(call("PUT", A + "/pcaps/" + simple.result().get("id").asText() + "/stop", null).status())
        .isEqualTo(400);
  }

  @Test
  void bucketOwnershipIsAddedValidatedAndDeleted() {
    String bucket = "s3://owned-bucket-7?region=eu-west-1";
    Answer added = call("POST", A + "/pcaps/ownership", Map.of("destination_conf", bucket));
    assertThat(added.status()).isEqualTo(200);
    String challenge = added.result().get("filename").asText();
    assertThat(added.result().get("status").asText()).isEqualTo("pending");
    assertThat(call("POST", A + "/pcaps/ownership", Map.of("destination_conf", bucket)).status()).isEqualTo(400);
    Answer wrong = call("POST", A + "/pcaps/ownership/validate",
        Map.of("destination_conf", bucket, "ownership_challenge", "guess.txt"));
    assertThat(wrong.status()).isEqualTo(400);
    assertThat(wrong.json().at("/errors/0/source/pointer").asText()).isEqualTo("/ownership_challenge");
    assertThat(call("POST", A + "/pcaps/ownership/validate",
        Map.of("destination_conf", bucket, "ownership_challenge", challenge)).status()).isEqualTo(200);
    sim.clock.advance(600);
    JsonNode listed = find(call("GET", A + "/pcaps/ownership", null).result(), bucket);
    assertThat(listed.get("status").asText()).isEqualTo("success");
    Answer gone = call("DELETE", A + "/pcaps/ownership/" + added.result().get("id").asText(), null);
    assertThat(gone.status()).isEqualTo(200);
    assertThat(gone.result().isNull()).isTrue();
    assertThat(find(call("GET", A + "/pcaps/ownership", null).result(), bucket)).isNull();
  }

  private static JsonNode find(JsonNode list, String destination) {
    for (JsonNode b : list) {
      if (destination.equals(b.path("destination_conf").asText())) {
        return b;
      }
    }
    return null;
  }

  /**
   * The simulator refuses on its own rules (required fields, types, enumerations from the
   * reference), not the admin API's: a GRE name of 19 characters is the admin API's business.
   */
  @Test
  void refusalsAreTheSimulatorsOwn() {
    String gre = "{\"cloudflare_gre_endpoint\":\"203.0.113.1\",\"customer_gre_endpoint\":\"203.0.113.2\","
        + "\"interface_address\":\"10.0.0.0/31\",\"name\":\"way too long a name\"}";
    assertThat(call("POST", A + "/magic/gre_tunnels?validate_only=true", gre).status())
        .as("formats are not the simulator's business").isEqualTo(200);
    Answer missing = call("POST", A + "/magic/gre_tunnels", gre.replace("\"name\":\"way too long a name\"",
        "\"mtu\":1400"));
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().at("/errors/0/source/pointer").asText()).isEqualTo("/name");
    assertThat(missing.json().at("/errors/0/message").asText()).contains("is required");
    Answer type = call("POST", A + "/magic/routes", "{\"nexthop\":\"203.0.113.9\",\"prefix\":\"192.0.2.0/24\","
        + "\"priority\":\"high\"}");
    assertThat(type.json().at("/errors/0/source/pointer").asText()).isEqualTo("/priority");
    assertThat(type.json().at("/errors/0/message").asText()).contains("number");
    Answer enumeration = call("POST", A + "/magic/sites/" + ids(A + "/magic/sites", null, "id").get(0) + "/acls",
        "{\"lan_1\":{\"lan_id\":\"a\"},\"lan_2\":{\"lan_id\":\"b\"},\"name\":\"n\",\"protocols\":[\"gre\"]}");
    assertThat(enumeration.json().at("/errors/0/source/pointer").asText()).isEqualTo("/protocols");
    Answer nested = call("POST", A + "/pcaps", "{\"type\":\"full\",\"system\":\"magic-transit\",\"time_limit\":1}");
    assertThat(nested.json().at("/errors").findValuesAsText("pointer")).contains("/colo_name", "/destination_conf");
    assertThat(call("POST", A + "/magic/sites", "{\"name\":").json().at("/errors/0/code").asInt()).isEqualTo(6007);
    assertThat(call("POST", A + "/magic/sites/nope/lans", "{}").status()).isEqualTo(404);
    assertThat(call("POST", "/accounts/" + "0".repeat(32) + "/magic/sites", "{\"name\":\"x\"}").status())
        .isEqualTo(404);
  }

  /** Fields an endpoint does not take are ignored, as Cloudflare ignores them: never stored, never shown. */
  @Test
  void unknownAndReturnedFieldsAreIgnored() {
    Answer made = call("POST", A + "/magic/sites", "{\"name\":\"s-ignore\",\"colour\":\"blue\",\"id\":\"mine\"}");
    assertThat(made.status()).isEqualTo(200);
    assertThat(made.result().has("colour")).isFalse();
    assertThat(made.result().get("id").asText()).isNotEqualTo("mine");
  }

  @Test
  void theWholeSurfaceThroughTheAdminApiAgainstTheSimulator() {
    // The demo: the daemon's real client in front of the simulator, reads cached, writes invalidating.
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    dev.magicexporter.app.ClientStack client = dev.magicexporter.client.TestClients.stack(vertx,
        dev.magicexporter.client.ClientOptions.defaults(sim.baseUrl()),
        dev.magicexporter.client.Credential.token(sim.options.apiToken()));
    try (AdminHarness h = new AdminHarness(AdminHarness.defaultOptions(), DaemonStatus.empty(),
        new io.micrometer.core.instrument.simple.SimpleMeterRegistry(),
        ClientUpstream.forAccounts(Map.of(SimOptions.DEFAULT_ACCOUNT, client.passThrough())))) {
      String sites = "/accounts/" + SimOptions.DEFAULT_ACCOUNT + "/magic/sites";
      int before = new io.vertx.core.json.JsonArray(h.get(sites).json().getJsonArray("result").encode()).size();
      assertThat(h.get(sites).headers().get(AdminApi.CACHE_HEADER)).isEqualTo("hit");
      AdminHarness.Resp made = h.write(io.vertx.core.http.HttpMethod.POST, sites, "{\"name\":\"via-admin\"}");
      assertThat(made.status()).isEqualTo(200);
      String id = made.json().getJsonObject("result").getString("id");
      AdminHarness.Resp after = h.get(sites);
      assertThat(after.headers().get(AdminApi.CACHE_HEADER)).isEqualTo("miss");
      assertThat(after.json().getJsonArray("result")).hasSize(before + 1);
      assertThat(h.write(io.vertx.core.http.HttpMethod.PATCH, sites + "/" + id, "{\"description\":\"d\"}")
          .json().getJsonObject("result").getString("description")).isEqualTo("d");
      assertThat(h.write(io.vertx.core.http.HttpMethod.DELETE, sites + "/" + id, null).status()).isEqualTo(200);
      assertThat(h.get(sites).json().getJsonArray("result").stream().map(Object::toString)
          .collect(Collectors.joining())).doesNotContain(id);
      AdminHarness.Resp refused = h.write(io.vertx.core.http.HttpMethod.POST, sites, "{}");
      assertThat(refused.status()).isEqualTo(400);
    } finally {
      AdminHarness.await(client.close());
      AdminHarness.await(vertx.close());
    }
  }
}
