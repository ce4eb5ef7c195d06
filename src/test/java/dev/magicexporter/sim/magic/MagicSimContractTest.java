package dev.magicexporter.sim.magic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.magicexporter.client.Json;
import dev.magicexporter.sim.SimOptions;
import dev.magicexporter.testing.ApiExamples;
import dev.magicexporter.testing.SimHarness;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every GET endpoint of the tunnel, capture, service and inventory resources in ENDPOINTS.md is
 * served by the modules with the seed's envelope and shapes: the same top-level fields, the same
 * JSON types where the example has the field, and no field the reference does not document.
 */
class MagicSimContractTest {
  private static final String A = SimOptions.DEFAULT_ACCOUNT;
  /** 2024-06-01T12:00:00Z: late enough that captures, buckets and churned sites exist. */
  static final double NOW = 1717243200;

  /** Each GET endpoint of these modules and the reference file that documents it. */
  static final Map<String, String> ENDPOINTS = new LinkedHashMap<>();

  static {
    ENDPOINTS.put("/accounts/{account_id}/magic/gre_tunnels", "magic-transit-04-gre-tunnels.md");
    ENDPOINTS.put("/accounts/{account_id}/magic/gre_tunnels/{gre_tunnel_id}", "magic-transit-04-gre-tunnels.md");
    ENDPOINTS.put("/accounts/{account_id}/magic/ipsec_tunnels", "magic-transit-05-ipsec-tunnels.md");
    ENDPOINTS.put("/accounts/{account_id}/magic/ipsec_tunnels/{ipsec_tunnel_id}", "magic-transit-05-ipsec-tunnels.md");
    ENDPOINTS.put("/accounts/{account_id}/magic/cf_interconnects", "magic-transit-03-cf-interconnects.md");
    ENDPOINTS.put("/accounts/{account_id}/magic/cf_interconnects/{cf_interconnect_id}",
        "magic-transit-03-cf-interconnects.md");
    ENDPOINTS.put("/accounts/{account_id}/magic/routes", "magic-transit-06-routes.md");
    ENDPOINTS.put("/accounts/{account_id}/magic/routes/{route_id}", "magic-transit-06-routes.md");
    ENDPOINTS.put("/accounts/{account_id}/magic/sites", "magic-transit-07-sites.md");
    ENDPOINTS.put("/accounts/{account_id}/magic/sites/{site_id}", "magic-transit-07-sites.md");
    ENDPOINTS.put("/accounts/{account_id}/magic/sites/{site_id}/app_configs", "magic-transit-08-app-configuration.md");
    ENDPOINTS.put("/accounts/{account_id}/magic/sites/{site_id}/acls", "magic-transit-09-acls.md");
    ENDPOINTS.put("/accounts/{account_id}/magic/sites/{site_id}/acls/{acl_id}", "magic-transit-09-acls.md");
    ENDPOINTS.put("/accounts/{account_id}/magic/sites/{site_id}/lans", "magic-transit-10-lans.md");
    ENDPOINTS.put("/accounts/{account_id}/magic/sites/{site_id}/lans/{lan_id}", "magic-transit-10-lans.md");
    ENDPOINTS.put("/accounts/{account_id}/magic/sites/{site_id}/wans", "magic-transit-11-wans.md");
    ENDPOINTS.put("/accounts/{account_id}/magic/sites/{site_id}/wans/{wan_id}", "magic-transit-11-wans.md");
    ENDPOINTS.put("/accounts/{account_id}/magic/apps", "magic-transit-02-apps.md");
    ENDPOINTS.put("/accounts/{account_id}/pcaps", "magic-transit-17-pcaps.md");
    ENDPOINTS.put("/accounts/{account_id}/pcaps/{pcap_id}", "magic-transit-17-pcaps.md");
    ENDPOINTS.put("/accounts/{account_id}/pcaps/ownership", "magic-transit-18-ownership.md");
    ENDPOINTS.put("/accounts/{account_id}/pcaps/{pcap_id}/download", "magic-transit-19-download.md");
    ENDPOINTS.put("/accounts/{account_id}/connectivity/directory/services", "connectivity-directory-services.md");
    ENDPOINTS.put("/accounts/{account_id}/connectivity/directory/services/{service_id}",
        "connectivity-directory-services.md");
  }

  static SimHarness sim;

  @BeforeAll
  static void start() {
    sim = new SimHarness(SimOptions.defaults(), NOW, MagicSimModules.all(SimOptions.defaults()));
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  @Test
  void theTableCoversEveryGetEndpointOfTheseResources() {
    Set<String> documented = new TreeSet<>();
    Matcher m = Pattern.compile("(?m)^\\| GET \\| `([^`]+)` \\|").matcher(ApiExamples.read("/api/ENDPOINTS.md"));
    while (m.find()) {
      String p = m.group(1);
      if (!p.contains("/connectors")) {
        documented.add(p);
      }
    }
    assertThat(new TreeSet<>(ENDPOINTS.keySet())).isEqualTo(documented);
  }

  static Iterable<String> jsonEndpoints() {
    return ENDPOINTS.keySet().stream().filter(p -> !p.endsWith("/download")).toList();
  }

  @ParameterizedTest
  @MethodSource("jsonEndpoints")
  void answersWithTheShapeOfTheSeed(String template) {
    String path = concrete(template);
    SimHarness.Answer a = sim.get(path, Map.of("x-magic-new-hc-target", "true"));
    assertThat(a.status()).as(path).isEqualTo(200);
    assertThat(a.contentType()).startsWith("application/json");
    JsonNode got = a.json();
    JsonNode example = parse(ApiExamples.response(ENDPOINTS.get(template), "get", template));
    assertThat(fieldNames(got)).as("envelope of " + template).isEqualTo(fieldNames(example));
    assertThat(got.get("success").asBoolean()).isTrue();
    assertThat(got.get("errors").isArray() && got.get("errors").isEmpty()).isTrue();
    assertThat(got.get("result").getNodeType()).as("result of " + template).isEqualTo(example.get("result").getNodeType());
    assertThat(nonEmpty(got.get("result"))).as("the simulator has data for " + template).isTrue();

    Map<String, String> exampleTypes = new HashMap<>();
    types("", example.get("result"), exampleTypes);
    Map<String, String> gotTypes = new HashMap<>();
    types("", got.get("result"), gotTypes);
    Set<String> documentedNames = documentedFields(ENDPOINTS.get(template), template);
    documentedNames.addAll(keys(example));
    for (Map.Entry<String, String> e : gotTypes.entrySet()) {
      String path2 = e.getKey();
      if (path2.contains(".reservations.")) {
        continue;
      }
      String bare = path2.replaceAll("(\\[])+$", "");
      String last = bare.substring(bare.lastIndexOf('.') + 1);
      if (!last.isEmpty()) {
        assertThat(documentedNames).as("field %s of %s is documented", path2, template).contains(last);
      }
      String expected = exampleTypes.get(path2);
      if (expected != null && !expected.equals("NULL")) {
        assertThat(e.getValue()).as("type of %s in %s", path2, template).isEqualTo(expected);
      }
    }
  }

  @Test
  void pcapListAndOwnershipAreSinglePagesWithResultInfo() {
    JsonNode pcaps = sim.get("/accounts/" + A + "/pcaps").json();
    assertThat(pcaps.get("result_info").get("count").asInt()).isEqualTo(pcaps.get("result").size());
    JsonNode owners = sim.get("/accounts/" + A + "/pcaps/ownership").json();
    assertThat(owners.get("result_info").get("total_count").asInt()).isEqualTo(owners.get("result").size());
  }

  /** Fills the template's ids with ids the simulator serves, found through the lists. */
  static String concrete(String template) {
    String p = template.replace("{account_id}", A);
    String base = "/accounts/" + A;
    if (p.contains("{gre_tunnel_id}")) {
      p = p.replace("{gre_tunnel_id}", firstId(base + "/magic/gre_tunnels", "gre_tunnels", "id"));
    }
    if (p.contains("{ipsec_tunnel_id}")) {
      p = p.replace("{ipsec_tunnel_id}", firstId(base + "/magic/ipsec_tunnels", "ipsec_tunnels", "id"));
    }
    if (p.contains("{cf_interconnect_id}")) {
      p = p.replace("{cf_interconnect_id}", firstId(base + "/magic/cf_interconnects", "interconnects", "id"));
    }
    if (p.contains("{route_id}")) {
      p = p.replace("{route_id}", firstId(base + "/magic/routes", "routes", "id"));
    }
    if (p.contains("{site_id}")) {
      String site = siteWithChildren();
      p = p.replace("{site_id}", site);
      for (String kind : new String[] {"lan", "wan", "acl"}) {
        if (p.contains("{" + kind + "_id}")) {
          p = p.replace("{" + kind + "_id}", firstId(base + "/magic/sites/" + site + "/" + kind + "s", null, "id"));
        }
      }
    }
    if (p.contains("{pcap_id}")) {
      p = p.replace("{pcap_id}", firstId(base + "/pcaps", null, "id"));
    }
    if (p.contains("{service_id}")) {
      p = p.replace("{service_id}", firstId(base + "/connectivity/directory/services", null, "service_id"));
    }
    return p;
  }

  /** A site that has ACLs and app configs (every site has LANs and WANs). */
  static String siteWithChildren() {
    for (JsonNode s : sim.get("/accounts/" + A + "/magic/sites").json().get("result")) {
      String id = s.get("id").asText();
      String base = "/accounts/" + A + "/magic/sites/" + id;
      if (!sim.get(base + "/acls").json().get("result").isEmpty()
          && !sim.get(base + "/app_configs").json().get("result").isEmpty()) {
        return id;
      }
    }
    throw new AssertionError("no simulated site has both ACLs and app configs");
  }

  static String firstId(String listPath, String field, String idField) {
    JsonNode result = sim.get(listPath).json().get("result");
    JsonNode list = field == null ? result : result.get(field);
    assertThat(list.isEmpty()).as("list " + listPath + " is empty").isFalse();
    return list.get(0).get(idField).asText();
  }

  static JsonNode parse(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static boolean nonEmpty(JsonNode n) {
    if (n.isArray()) {
      return !n.isEmpty();
    }
    if (n.isObject()) {
      for (Iterator<JsonNode> it = n.elements(); it.hasNext(); ) {
        JsonNode v = it.next();
        if (v.isArray() && v.isEmpty()) {
          return false;
        }
      }
      return !n.isEmpty();
    }
    return false;
  }

  static Set<String> fieldNames(JsonNode n) {
    Set<String> out = new TreeSet<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }

  static Set<String> keys(JsonNode n) {
    Set<String> out = new LinkedHashSet<>();
    if (n.isObject()) {
      n.fields().forEachRemaining(e -> {
        out.add(e.getKey());
        out.addAll(keys(e.getValue()));
      });
    } else if (n.isArray()) {
      n.forEach(x -> out.addAll(keys(x)));
    }
    return out;
  }

  /** JSON type of every field, by a path that ignores array indexes. */
  static void types(String path, JsonNode n, Map<String, String> out) {
    out.put(path, n.getNodeType().name());
    if (n.isObject()) {
      n.fields().forEachRemaining(e -> types(path + "." + e.getKey(), e.getValue(), out));
    } else if (n.isArray()) {
      n.forEach(x -> types(path + "[]", x, out));
    }
  }

  /** The field names the reference lists under "Returns" for this operation. */
  static Set<String> documentedFields(String file, String template) {
    String text = ApiExamples.read("/api/" + file);
    int at = text.indexOf("**get** `" + template + "`");
    int end = text.indexOf("### Example", at);
    Matcher m = Pattern.compile("(?m)^- `\"?([a-z0-9_]+)\"?: ").matcher(text.substring(at, end));
    Set<String> out = new LinkedHashSet<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
