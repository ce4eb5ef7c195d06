package dev.magicexporter.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The per-resource rules, one case per documented rule: a valid example body (generated from the
 * table) with one field changed must be refused at that field's JSON pointer.
 */
class ValidationRulesTest {
  /** The admin API's own body parser: floats as BigDecimal, so 1e400 stays 1e400. */
  private static final ObjectMapper M = RequestParts.BODY;
  private static final String A = "/accounts/{account_id}";
  private static final String MG = A + "/magic";
  private static final String REMOVE = "<remove>";

  static Route route(String key) {
    return RouteTable.ROUTES.stream().filter(r -> r.key().equals(key)).findFirst()
        .orElseThrow(() -> new AssertionError("no route " + key));
  }

  @Test
  void everyGeneratedExampleBodyPassesItsOwnRules() {
    for (Route r : RouteTable.ROUTES) {
      JsonNode body = Samples.body(r);
      if (body != null) {
        assertThat(Validator.validate(r.body().schema(), body)).as(r.key() + " " + body).isEmpty();
      }
    }
  }

  /** Every request example of the reference (api/*.md, as in the seeds): none may be refused. */
  @Test
  void everyExampleBodyOfTheReferencePasses() throws Exception {
    List<ReferenceExamples.Example> examples = ReferenceExamples.all();
    assertThat(examples.stream().filter(e -> e.body() != null)).hasSizeGreaterThanOrEqualTo(38);
    for (ReferenceExamples.Example e : examples) {
      if (e.body() == null) {
        continue;
      }
      Route r = route(e.key());
      assertThat(Validator.validate(r.body().schema(), M.readTree(e.body()))).as(e.key() + " " + e.body()).isEmpty();
    }
  }

  /**
   * Read-modify-write: the reference's own GET answer of each resource, sent back to its update
   * route, is taken; every field in it is known (read-only ones are dropped, none is "unknown").
   */
  @Test
  void whatTheReferenceReturnsCanBeSentBack() throws Exception {
    java.util.Map<String, ReferenceExamples.Example> byKey = new java.util.HashMap<>();
    ReferenceExamples.all().forEach(e -> byKey.put(e.key(), e));
    int checked = 0;
    for (Route r : RouteTable.ROUTES) {
      boolean update = r.method().name().equals("PUT") || r.method().name().equals("PATCH");
      if (!update || !r.template().endsWith("}")) {
        continue;
      }
      ReferenceExamples.Example got = byKey.get("GET " + r.template());
      if (got == null) {
        got = byKey.get("GET " + r.template().substring(0, r.template().lastIndexOf('/')));
      }
      assertThat(got).as("a GET example for " + r.key()).isNotNull();
      JsonNode object = returnedObject(M.readTree(got.response()).get("result"));
      if (object.path("mtu").asInt(576) < 576) {
        // The examples' "mtu": 0 is a generated placeholder; the text states "The minimum value is 576."
        ((ObjectNode) object).put("mtu", 1476);
      }
      if (object.at("/interrupt_window_embargo_dates/0").asText().equals("string")) {
        // "List of dates (YYYY-MM-DD)": the example's "string" is a placeholder.
        ((ObjectNode) object).putArray("interrupt_window_embargo_dates").add("2030-12-24");
      }
      if (object.at("/custom_remote_identities/fqdn_id").asText().equals("fqdn_id")) {
        // A placeholder again: "Must be of the form <id>.<id>.custom.ipsec.cloudflare.com."
        ((ObjectNode) object.get("custom_remote_identities")).put("fqdn_id", "t1.a1.custom.ipsec.cloudflare.com");
      }
      boolean objectTarget = object.at("/health_check/target").isObject();
      Validator.Result result = Validator.check(r.body().schema(), object, "",
          h -> objectTarget && h.equals(ResourceRules.HC_TARGET_HEADER), false);
      assertThat(result.problems()).as(r.key() + " " + object).isEmpty();
      assertThat(result.warnings()).as(r.key() + " " + object)
          .noneSatisfy(w -> assertThat(w.message()).contains("not a field"));
      checked++;
    }
    assertThat(checked).isGreaterThanOrEqualTo(15);
  }

  /** The object in a GET answer's result: unwrapped from {"gre_tunnel": {...}}, or a list's first item. */
  static JsonNode returnedObject(JsonNode result) {
    JsonNode r = result;
    while (true) {
      if (r.isArray()) {
        r = r.get(0);
      } else if (r.size() == 1 && (r.elements().next().isObject() || r.elements().next().isArray())) {
        r = r.elements().next();
      } else {
        return r;
      }
    }
  }

  /** Advice, open bodies and clearing: forwarded with a warning at the field, never refused. */
  static Stream<Arguments> warnings() {
    String gre = "POST " + MG + "/gre_tunnels";
    String pcap = "POST " + A + "/pcaps";
    String twoDaysAgo = '"' + Instant.now().minus(2, ChronoUnit.DAYS).toString() + '"';
    return Stream.of(
        // "Select the subnet from the following private IP space": the reference's own examples do not
        Arguments.of(gre, "/interface_address", "\"192.0.2.0/31\"", "/interface_address", "private"),
        Arguments.of(gre, "/interface_address", "\"172.32.0.0/31\"", "/interface_address", "private"),
        Arguments.of("PUT " + MG + "/cf_interconnects/{cf_interconnect_id}", "/interface_address",
            "\"169.254.244.0/31\"", "/interface_address", "private"),
        Arguments.of(gre, "/bgp/extra_prefixes/0", "\"10.0.0.0/33\"", "/bgp/extra_prefixes/0", "CIDR"),
        Arguments.of("POST " + MG + "/routes", "/prefix", "\"192.0.2.1/24\"", "/prefix", "host bits"),
        Arguments.of("POST " + MG + "/apps", "/ip_subnets/0", "\"192.0.2.1/24\"", "/ip_subnets/0", "host bits"),
        Arguments.of(gre, "/colour", "\"blue\"", "/colour", "not a field the reference documents"),
        Arguments.of("POST " + A + "/connectivity/directory/services", "/tcp_port", "22", "/tcp_port",
            "not a field the reference documents"),
        // bulk bodies are "unknown": what is wrong in the likely shape is advice
        Arguments.of("PUT " + MG + "/gre_tunnels", "/gre_tunnels", "[{\"id\":\"a\",\"name\":\"has space\"}]",
            "/gre_tunnels/0/name", "without spaces"),
        Arguments.of("PUT " + MG + "/cf_interconnects", "/interconnects", "[{\"id\":\"a\",\"mtu\":575}]",
            "/interconnects/0/mtu", "576"),
        Arguments.of("PUT " + MG + "/ipsec_tunnels", "/ipsec_tunnels", "[{\"customer_endpoint\":\"nope\"}]",
            "/ipsec_tunnels/0/id", "is required"),
        Arguments.of("POST " + MG + "/connectors", "/device", "{}", "/device", "exactly one of"),
        Arguments.of("PATCH " + MG + "/sites/{site_id}/app_configs/{app_config_id}", "/breakout", REMOVE,
            "/preferred_wans", "stored value"),
        Arguments.of(pcap, "/offset_time", twoDaysAgo, "/offset_time", "last 24 hours"));
  }

  @ParameterizedTest(name = "{0} {1}={2}")
  @MethodSource("warnings")
  void adviceIsAWarningNeverARefusal(String key, String field, String value, String pointer, String message)
      throws Exception {
    Route r = route(key);
    JsonNode body = Samples.body(r);
    set(body, field, value.equals(REMOVE) ? null : M.readTree(value));
    Validator.Result result = Validator.check(r.body().schema(), body, "", h -> false, false);
    assertThat(result.problems()).as(body.toString()).isEmpty();
    assertThat(result.warnings()).as(body.toString()).anySatisfy(p -> {
      assertThat(p.pointer()).isEqualTo(pointer);
      assertThat(p.message()).containsIgnoringCase(message);
    });
  }

  @Test
  void strictFieldsRefuseWhatTheReferenceDoesNotKnowButStillTakeWhatItReturns() throws Exception {
    Schema s = route("PUT " + MG + "/gre_tunnels/{gre_tunnel_id}").body().schema();
    JsonNode body = Samples.body(route("PUT " + MG + "/gre_tunnels/{gre_tunnel_id}"));
    set(body, "/colour", M.readTree("\"blue\""));
    set(body, "/created_on", M.readTree("\"2024-01-01T00:00:00Z\""));
    Validator.Result strict = Validator.check(s, body, "", h -> false, true);
    assertThat(strict.problems()).extracting(Validator.Problem::pointer).containsExactly("/colour");
    assertThat(strict.readOnly()).containsExactly("/created_on");
    Validator.Result lenient = Validator.check(s, body, "", h -> false, false);
    assertThat(lenient.problems()).isEmpty();
    assertThat(lenient.warnings()).extracting(Validator.Problem::pointer).containsExactly("/colour");
  }

  /** "" clears an optional field, whatever its format; a required formatted field still needs a value. */
  @Test
  void emptyStringsClearOptionalFormattedFields() throws Exception {
    String key = "PUT " + MG + "/ipsec_tunnels/{ipsec_tunnel_id}";
    JsonNode body = Samples.body(route(key));
    for (String f : List.of("/interface_address6", "/customer_endpoint", "/psk", "/description")) {
      set(body, f, M.readTree("\"\""));
    }
    assertThat(Validator.validate(route(key).body().schema(), body)).isEmpty();
    set(body, "/interface_address", M.readTree("\"\""));
    assertThat(Validator.validate(route(key).body().schema(), body)).extracting(Validator.Problem::pointer)
        .containsExactly("/interface_address");
  }

  static Stream<Arguments> refusals() {
    String gre = "POST " + MG + "/gre_tunnels";
    String ipsec = "POST " + MG + "/ipsec_tunnels";
    String route = "POST " + MG + "/routes";
    String site = "POST " + MG + "/sites";
    String lan = "POST " + MG + "/sites/{site_id}/lans";
    String wan = "POST " + MG + "/sites/{site_id}/wans";
    String acl = "POST " + MG + "/sites/{site_id}/acls";
    String appConfig = "POST " + MG + "/sites/{site_id}/app_configs";
    String app = "POST " + MG + "/apps";
    String connector = "POST " + MG + "/connectors";
    String pcap = "POST " + A + "/pcaps";
    String service = "POST " + A + "/connectivity/directory/services";
    String interconnect = "PUT " + MG + "/cf_interconnects/{cf_interconnect_id}";
    return Stream.of(
        // GRE: "cannot contain spaces or special characters, must be 15 characters or less"
        Arguments.of(gre, "/name", "\"GRE_TUNNEL_NAME1\"", "/name", "15 characters"),
        Arguments.of(gre, "/name", "\"GRE 1\"", "/name", "without spaces"),
        Arguments.of(gre, "/name", "\"GRE#1\"", "/name", "special characters"),
        Arguments.of(gre, "/name", REMOVE, "/name", "is required"),
        Arguments.of(gre, "/name", "15", "/name", "must be a string"),
        // interface_address: "A 31-bit prefix (/31 in CIDR notation)"; private space is advice
        Arguments.of(gre, "/interface_address", "\"10.0.0.0/30\"", "/interface_address", "/31"),
        Arguments.of(gre, "/cloudflare_gre_endpoint", "\"203.0.113.300\"", "/cloudflare_gre_endpoint", "IPv4 or IPv6"),
        Arguments.of(gre, "/customer_gre_endpoint", "\"example.com\"", "/customer_gre_endpoint", "IPv4 or IPv6"),
        Arguments.of(gre, "/mtu", "575", "/mtu", "at least 576"),
        Arguments.of(gre, "/mtu", "1476.5", "/mtu", "integer"),
        // #14: numbers are range-checked (an integer is int32 unless its kind says otherwise)
        Arguments.of(gre, "/mtu", "2147483648", "/mtu", "at most 2147483647"),
        Arguments.of(gre, "/mtu", "1e23", "/mtu", "at most 2147483647"),
        Arguments.of(gre, "/mtu", "1e400", "/mtu", "at most 2147483647"),
        Arguments.of(gre, "/mtu", "-1e400", "/mtu", "at least 576"),
        Arguments.of(gre, "/mtu", "\"1500\"", "/mtu", "must be an integer"),
        Arguments.of(gre, "/ttl", "256", "/ttl", "at most 255"),
        Arguments.of(gre, "/interface_address6", "\"2606:54c1:7::/64\"", "/interface_address6", "/127"),
        // "with the address being the first IP of the subnet"
        Arguments.of(gre, "/interface_address6", "\"2606:54c1:7:0:a9fe:12d2:1:201/127\"", "/interface_address6",
            "first of the subnet"),
        // BGP MD5 key: printable ASCII except newline, quotation mark, VT, CR, tab, FF and '?'
        Arguments.of(gre, "/bgp/md5_key", "\"abc?def\"", "/bgp/md5_key", "question mark"),
        Arguments.of(gre, "/bgp/md5_key", "\"abc\\\"def\"", "/bgp/md5_key", "quotation mark"),
        Arguments.of(gre, "/bgp/md5_key", "\"abc\\tdef\"", "/bgp/md5_key", "tab"),
        Arguments.of(gre, "/bgp/customer_asn", "\"65000\"", "/bgp/customer_asn", "integer"),
        Arguments.of(gre, "/bgp/customer_asn", "4294967296", "/bgp/customer_asn", "at most 4294967295"),
        Arguments.of(gre, "/health_check/rate", "\"fast\"", "/health_check/rate", "low, mid, high"),
        Arguments.of(gre, "/health_check/direction", "\"sideways\"", "/health_check/direction", "unidirectional"),
        Arguments.of(gre, "/health_check/target", "{\"saved\":\"203.0.113.1\"}", "/health_check/target", "string"),
        // IPsec
        Arguments.of(ipsec, "/custom_remote_identities/fqdn_id", "\"tunnel.example.com\"",
            "/custom_remote_identities/fqdn_id", "custom.ipsec.cloudflare.com"),
        Arguments.of(ipsec, "/replay_protection", "\"yes\"", "/replay_protection", "boolean"),
        Arguments.of(ipsec, "/interface_address", "\"10.0.0.1\"", "/interface_address", "/31"),
        // interconnects
        Arguments.of(interconnect, "/mtu", "100", "/mtu", "at least 576"),
        Arguments.of(interconnect, "/gre/cloudflare_endpoint", "\"x\"", "/gre/cloudflare_endpoint", "IPv4 or IPv6"),
        // routes
        Arguments.of(route, "/prefix", "\"192.0.2.0\"", "/prefix", "CIDR"),
        Arguments.of(route, "/nexthop", REMOVE, "/nexthop", "is required"),
        Arguments.of(route, "/priority", "2147483648", "/priority", "at most 2147483647"),
        Arguments.of(route, "/weight", "1e400", "/weight", "finite number"),
        Arguments.of("PUT " + MG + "/routes", "/routes/0/id", REMOVE, "/routes/0/id", "is required"),
        Arguments.of("DELETE " + MG + "/routes", "/routes/0/id", "7", "/routes/0/id", "must be a string"),
        // sites and their parts
        Arguments.of(site, "/location/lat", "\"91\"", "/location/lat", "latitude"),
        Arguments.of(site, "/location/lon", "\"east\"", "/location/lon", "longitude"),
        Arguments.of(site, "/name", REMOVE, "/name", "is required"),
        Arguments.of(lan, "/vlan_tag", "4095", "/vlan_tag", "at most 4094"),
        Arguments.of(lan, "/static_addressing/address", REMOVE, "/static_addressing/address", "is required"),
        Arguments.of(lan, "/static_addressing/dhcp_server/reservations",
            "{\"not-a-mac\":\"192.0.2.10\"}", "/static_addressing/dhcp_server/reservations/not-a-mac", "MAC"),
        Arguments.of(lan, "/static_addressing/dhcp_server/reservations",
            "{\"00:11:22:33:44:55\":\"not-an-address\"}",
            "/static_addressing/dhcp_server/reservations/00:11:22:33:44:55", "IPv4 or IPv6"),
        Arguments.of(lan, "/routed_subnets/0/next_hop", "\"2001:db8::1\"", "/routed_subnets/0/next_hop", "IPv4"),
        Arguments.of(wan, "/physport", REMOVE, "/physport", "is required"),
        Arguments.of(wan, "/static_addressing/gateway_address", "\"2001:db8::1\"",
            "/static_addressing/gateway_address", "IPv4"),
        Arguments.of(acl, "/lan_1/port_ranges/0", "\"9000-80\"", "/lan_1/port_ranges/0", "port range"),
        Arguments.of(acl, "/lan_2/ports/0", "70000", "/lan_2/ports/0", "at most 65535"),
        Arguments.of(acl, "/protocols/0", "\"gre\"", "/protocols/0", "tcp, udp, icmp"),
        Arguments.of(acl, "/lan_1/lan_id", REMOVE, "/lan_1/lan_id", "is required"),
        // "Subnet = string: A valid IPv4 address."
        Arguments.of(acl, "/lan_1/subnets/0", "\"192.168.1.0/24\"", "/lan_1/subnets/0", "IPv4 address"),
        Arguments.of(acl, "/lan_2/subnets/0", "\"2001:db8::1\"", "/lan_2/subnets/0", "IPv4 address"),
        Arguments.of(appConfig, "/breakout", "false", "/preferred_wans", "breakout is true"),
        Arguments.of(appConfig, "/priority", "2", "/priority", "at most 1"),
        // "Can only be specified for breakout rules (breakout must be true)", on updates too
        Arguments.of("PATCH " + MG + "/sites/{site_id}/app_configs/{app_config_id}", "/breakout", "false",
            "/preferred_wans", "breakout is true"),
        Arguments.of("PUT " + MG + "/sites/{site_id}/app_configs/{app_config_id}", "/breakout", "false",
            "/preferred_wans", "breakout is true"),
        Arguments.of(app, "/ip_subnets/0", "\"2001:db8::/64\"", "/ip_subnets/0", "IPv4"),
        Arguments.of(app, "/hostnames/0", "\"not a host\"", "/hostnames/0", "domain name"),
        Arguments.of(app, "/type", REMOVE, "/type", "is required"),
        // connectors: "Exactly one of id, serial_number, or provision_license must be provided."
        Arguments.of(connector, "/device", "{\"id\":\"a\",\"serial_number\":\"b\"}", "/device", "exactly one of"),
        Arguments.of(connector, "/interrupt_window_days_of_week/0", "\"Funday\"", "/interrupt_window_days_of_week/0",
            "Sunday"),
        Arguments.of(connector, "/interrupt_window_embargo_dates/0", "\"24/12/2030\"",
            "/interrupt_window_embargo_dates/0", "YYYY-MM-DD"),
        Arguments.of(connector, "/interrupt_window_hour_of_day", "24", "/interrupt_window_hour_of_day", "at most 23"),
        // packet captures: simple or full by type
        Arguments.of(pcap, "/type", "\"partial\"", "/type", "simple, full"),
        Arguments.of(pcap, "/system", "\"magic-wan\"", "/system", "magic-transit"),
        Arguments.of(pcap, "/filter_v1/protocol", "256", "/filter_v1/protocol", "at most 255"),
        Arguments.of(pcap, "/time_limit", "\"300\"", "/time_limit", "must be a number"),
        Arguments.of(pcap, "/offset_time", "\"yesterday\"", "/offset_time", "RFC 3339"),
        Arguments.of(pcap, "/type", "\"full\"", "/colo_name", "is required"),
        Arguments.of("POST " + A + "/pcaps/ownership", "/destination_conf", "\"pcaps-bucket\"", "/destination_conf",
            "URI"),
        Arguments.of("POST " + A + "/pcaps/ownership/validate", "/ownership_challenge", REMOVE,
            "/ownership_challenge", "is required"),
        // Workers VPC services: "formatuuid", "formatint32 minimum1"
        Arguments.of(service, "/host/network/tunnel_id", "\"not-a-uuid\"", "/host/network/tunnel_id", "UUID"),
        Arguments.of(service, "/http_port", "0", "/http_port", "at least 1"),
        Arguments.of(service, "/tls_settings/cert_verification_mode", "\"none\"",
            "/tls_settings/cert_verification_mode", "verify_full"),
        Arguments.of(service, "/created_at", "\"yesterday\"", "/created_at", "RFC 3339"));
  }

  @ParameterizedTest(name = "{0} {1}={2}")
  @MethodSource("refusals")
  void aBrokenFieldIsRefusedAtItsPointer(String key, String field, String value, String pointer, String message)
      throws Exception {
    Route r = route(key);
    JsonNode body = Samples.body(r);
    set(body, field, value.equals(REMOVE) ? null : M.readTree(value));
    List<Validator.Problem> problems = Validator.validate(r.body().schema(), body);
    assertThat(problems).as(body.toString()).anySatisfy(p -> {
      assertThat(p.pointer()).isEqualTo(pointer);
      assertThat(p.message()).containsIgnoringCase(message);
    });
  }

  @Test
  void healthCheckTargetFormFollowsTheHeader() throws Exception {
    Schema s = route("POST " + MG + "/gre_tunnels").body().schema();
    JsonNode objectForm = Samples.body(route("POST " + MG + "/gre_tunnels"));
    set(objectForm, "/health_check/target", M.readTree("{\"saved\":\"203.0.113.1\"}"));
    assertThat(Validator.validate(s, objectForm, "", h -> h.equals(ResourceRules.HC_TARGET_HEADER))).isEmpty();
    JsonNode stringForm = Samples.body(route("POST " + MG + "/gre_tunnels"));
    assertThat(Validator.validate(s, stringForm, "", h -> true))
        .anySatisfy(p -> assertThat(p.pointer()).isEqualTo("/health_check/target"));
  }

  @Test
  void pointersEscapeSlashAndTilde() throws Exception {
    Schema s = route("POST " + MG + "/sites").body().schema();
    JsonNode body = M.readTree("{\"name\":\"x\",\"a/b~c\":1}");
    assertThat(Validator.check(s, body, "", h -> false, true).problems()).extracting(Validator.Problem::pointer)
        .containsExactly("/a~1b~0c");
  }

  @Test
  void aHostileBodyGetsABoundedNumberOfProblems() {
    ObjectNode body = Samples.F.objectNode();
    ArrayNode items = body.putArray("routes");
    for (int i = 0; i < 10_000; i++) {
      items.addObject().put("nexthop", "x");
    }
    assertThat(Validator.validate(route("PUT " + MG + "/routes").body().schema(), body))
        .hasSize(Validator.MAX_ERRORS);
  }

  /** Sets (or with null removes) the value at a JSON pointer, creating objects on the way. */
  static void set(JsonNode root, String pointer, JsonNode value) {
    String[] parts = pointer.substring(1).split("/");
    JsonNode cur = root;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode next = cur.isArray() ? cur.get(Integer.parseInt(parts[i])) : cur.get(parts[i]);
      if (next == null) {
        next = ((ObjectNode) cur).putObject(parts[i]);
      }
      cur = next;
    }
    String last = parts[parts.length - 1];
    if (cur.isArray()) {
      ArrayNode arr = (ArrayNode) cur;
      int idx = Integer.parseInt(last);
      if (value == null) {
        arr.remove(idx);
      } else {
        arr.set(idx, value);
      }
    } else if (value == null) {
      ((ObjectNode) cur).remove(last);
    } else {
      ((ObjectNode) cur).set(last, value);
    }
  }
}
