package dev.magicexporter.sim.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.magicexporter.sim.SimModules;
import dev.magicexporter.sim.SimOptions;
import dev.magicexporter.testing.SimHarness;
import dev.magicexporter.testing.SimHarness.Answer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulator's {@code /graphql} over HTTP: aliases, variables, selected fields, time and
 * direction filters, {@code limit}, ordering, GraphQL errors (HTTP 200 with {@code errors}) for
 * unknown fields and datasets, node errors that leave the other datasets answering, the quota,
 * faults on demand, late arrival, and data that agrees with the ground truth and the simulated
 * tunnels.
 */
class GraphQlSimTest {
  private static final String A = SimOptions.DEFAULT_ACCOUNT;
  /** 2025-11-24T16:00:00Z, a whole minute. */
  private static final long T0 = 1_764_000_000L;
  private static final String TRAFFIC = "magicTransitTunnelTrafficAdaptiveGroups";
  private static final String HEALTH = "magicTransitTunnelHealthChecksAdaptiveGroups";

  private SimHarness sim;
  private AnalyticsSimWorld analytics;

  @BeforeEach
  void start() {
    sim = new SimHarness(SimOptions.defaults().withSeed(7), T0, SimModules.defaults());
    analytics = AnalyticsSimWorld.of(sim.simulator.world());
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private JsonNode query(String query, Map<String, Object> variables) {
    Answer a = sim.post("/graphql", variables == null ? Map.of("query", query) : Map.of("query", query,
        "variables", variables));
    assertThat(a.status()).as(a.body().toString()).isEqualTo(200);
    return a.json();
  }

  private static String t(long seconds) {
    return Instant.ofEpochSecond(seconds).toString();
  }

  private static final String TRAFFIC_QUERY = """
      query Traffic($accountTag: string!, $start: Time!, $end: Time!, $in: string, $out: string) {
        viewer {
          accounts(filter: {accountTag: $accountTag}) {
            ingress: magicTransitTunnelTrafficAdaptiveGroups(limit: 100,
                filter: {datetime_geq: $start, datetime_lt: $end, direction: $in}) {
              sum { bits packets }
              dimensions { name: tunnelName direction }
            }
            egress: magicTransitTunnelTrafficAdaptiveGroups(limit: 100,
                filter: {datetime_geq: $start, datetime_lt: $end, direction: $out}) {
              sum { bytesAsBits: bits }
              dimensions { name: tunnelName }
            }
          }
        }
      }""";

  @Test
  void aliasesVariablesFiltersAndSelectedFieldsMatchTheGroundTruth() {
    long from = T0 - 900;
    long to = T0 - 300;
    JsonNode r = query(TRAFFIC_QUERY, Map.of("accountTag", A, "start", t(from), "end", t(to), "in", "ingress",
        "out", "egress"));
    assertThat(r.get("errors").isNull()).isTrue();
    JsonNode account = r.at("/data/viewer/accounts/0");
    Map<List<String>, double[]> truth = analytics.totals(TRAFFIC, A, from, to, List.of("tunnelName", "direction"),
        List.of("bits", "packets"));

    JsonNode ingress = account.get("ingress");
    assertThat(ingress.size()).isPositive();
    for (JsonNode g : ingress) {
      assertThat(g.fieldNames()).toIterable().containsExactly("sum", "dimensions");
      assertThat(g.get("dimensions").fieldNames()).toIterable().containsExactly("name", "direction");
      assertThat(g.at("/dimensions/direction").asText()).isEqualTo("ingress");
      double[] want = truth.get(List.of(g.at("/dimensions/name").asText(), "ingress"));
      assertThat(g.at("/sum/bits").asDouble()).isEqualTo(want[0]);
      assertThat(g.at("/sum/packets").asDouble()).isEqualTo(want[1]);
    }
    JsonNode egress = account.get("egress");
    assertThat(egress.size()).isEqualTo(ingress.size());
    for (JsonNode g : egress) {
      assertThat(g.get("sum").fieldNames()).toIterable().containsExactly("bytesAsBits");
      assertThat(g.at("/sum/bytesAsBits").asDouble())
          .isEqualTo(truth.get(List.of(g.at("/dimensions/name").asText(), "egress"))[0]);
    }
    // the same question gives the same answer
    assertThat(query(TRAFFIC_QUERY, Map.of("accountTag", A, "start", t(from), "end", t(to), "in", "ingress",
        "out", "egress"))).isEqualTo(r);
  }

  @Test
  void windowsAddUpAndTheTimeOperatorsAgree() {
    long from = T0 - 1200;
    long mid = T0 - 720;
    long to = T0 - 300;
    String q = """
        query($a: string!, $f: Object) { viewer { accounts(filter: {accountTag: $a}) {
          magicFirewallSamplesAdaptiveGroups(limit: 10, filter: $f) { sum { bits packets } } } } }""";
    double whole = query(q, Map.of("a", A, "f", Map.of("datetime_geq", t(from), "datetime_lt", t(to))))
        .at("/data/viewer/accounts/0/magicFirewallSamplesAdaptiveGroups/0/sum/packets").asDouble();
    double first = query(q, Map.of("a", A, "f", Map.of("datetime_geq", t(from), "datetime_leq", t(mid - 1))))
        .at("/data/viewer/accounts/0/magicFirewallSamplesAdaptiveGroups/0/sum/packets").asDouble();
    double second = query(q, Map.of("a", A, "f", Map.of("AND", List.of(Map.of("datetime_gt", t(mid - 1)),
        Map.of("datetime_lt", t(to))))))
        .at("/data/viewer/accounts/0/magicFirewallSamplesAdaptiveGroups/0/sum/packets").asDouble();
    assertThat(first + second).isEqualTo(whole);
    double truth = analytics.totals("magicFirewallSamplesAdaptiveGroups", A, from, to, List.of(), List.of("packets"))
        .values().iterator().next()[0];
    assertThat(whole).isEqualTo(truth);
  }

  @Test
  void limitOrderingAndTimeDimensions() {
    String q = """
        { viewer { accounts(filter: {accountTag: "%s"}) {
          magicTransitTunnelTrafficAdaptiveGroups(limit: 3, orderBy: [sum_bits_DESC],
              filter: {datetime_geq: "%s", datetime_lt: "%s", direction: "ingress"}) {
            sum { bits } dimensions { tunnelName datetimeFiveMinutes } } } } }"""
        .formatted(A, t(T0 - 1200), t(T0 - 600));
    JsonNode groups = query(q, null).at("/data/viewer/accounts/0/magicTransitTunnelTrafficAdaptiveGroups");
    assertThat(groups.size()).isEqualTo(3);
    assertThat(groups.get(0).at("/sum/bits").asDouble()).isGreaterThanOrEqualTo(groups.get(1).at("/sum/bits").asDouble());
    assertThat(groups.get(1).at("/sum/bits").asDouble()).isGreaterThanOrEqualTo(groups.get(2).at("/sum/bits").asDouble());
    for (JsonNode g : groups) {
      long bucket = Instant.parse(g.at("/dimensions/datetimeFiveMinutes").asText()).getEpochSecond();
      assertThat(bucket % 300).isZero();
      assertThat(bucket).isBetween(T0 - 1200, T0 - 900);
    }
  }

  @Test
  void unknownFieldsAndDatasetsAreGraphQlErrorsWithPaths() {
    JsonNode r = query("""
        { viewer { accounts(filter: {accountTag: "%s"}) {
          magicTransitTunnelTrafficAdaptiveGroups(limit: 1, filter: {datetime_geq: "%s"}) {
            sum { bits bogus } }
          noSuchDataset(limit: 1) { count } } } }""".formatted(A, t(T0 - 600)), null);
    assertThat(r.get("data").isNull()).isTrue();
    assertThat(r.get("errors")).hasSize(2);
    assertThat(r.at("/errors/0/message").asText())
        .contains("Cannot query field \"bogus\" on type \"AccountMagicTransitTunnelTrafficAdaptiveGroupsSum\"");
    assertThat(r.at("/errors/0/path").toString())
        .isEqualTo("[\"viewer\",\"accounts\",\"0\",\"magicTransitTunnelTrafficAdaptiveGroups\",\"sum\",\"bogus\"]");
    assertThat(r.at("/errors/1/message").asText()).contains("Cannot query field \"noSuchDataset\" on type \"account\"");
    assertThat(r.at("/errors/1/extensions/timestamp").asText()).isEqualTo(t(T0));

    JsonNode syntax = query("{ viewer { accounts(", null);
    assertThat(syntax.get("data").isNull()).isTrue();
    assertThat(syntax.at("/errors/0/message").asText()).startsWith("Syntax Error:");

    JsonNode missingVar = query("query($a: string!) { viewer { __typename } }", Map.of());
    assertThat(missingVar.at("/errors/0/message").asText()).contains("\"$a\" of required type \"string!\"");
  }

  @Test
  void aBodyThatIsNotAGraphQlRequestIs400() {
    Answer a = sim.post("/graphql", List.of("not", "an", "object"));
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.json().at("/errors/0/message").asText()).contains("\"query\"");
  }

  @Test
  void aNodeErrorLeavesTheOtherDatasetsAnswering() {
    analytics.deny(A, TRAFFIC);
    String q = """
        query($a: string!, $s: Time!, $e: Time!) { viewer { accounts(filter: {accountTag: $a}) {
          traffic: magicTransitTunnelTrafficAdaptiveGroups(limit: 10, filter: {datetime_geq: $s, datetime_lt: $e}) {
            sum { bits } }
          fw: magicFirewallSamplesAdaptiveGroups(limit: 10, filter: {datetime_geq: $s, datetime_lt: $e}) {
            sum { bits } }
          old: magicFirewallSamplesAdaptiveGroups(limit: 10, filter: {datetime_geq: "%s", datetime_lt: $e}) {
            sum { bits } }
          big: magicFirewallSamplesAdaptiveGroups(limit: 10001, filter: {datetime_geq: $s, datetime_lt: $e}) {
            sum { bits } }
        } } }""".formatted(t(T0 - 40 * 86_400));
    JsonNode r = query(q, Map.of("a", A, "s", t(T0 - 900), "e", t(T0 - 300)));
    JsonNode acc = r.at("/data/viewer/accounts/0");
    assertThat(acc.get("traffic").isNull()).isTrue();
    assertThat(acc.get("fw").size()).isEqualTo(1);
    assertThat(acc.get("old").isNull()).isTrue();
    assertThat(acc.get("big").isNull()).isTrue();
    Map<String, String> byAlias = new HashMap<>();
    for (JsonNode e : r.get("errors")) {
      byAlias.put(e.at("/path/3").asText(), e.get("message").asText());
      assertThat(e.at("/path/0").asText()).isEqualTo("viewer");
      assertThat(e.at("/path/2").asText()).isEqualTo("0");
    }
    assertThat(byAlias).containsOnlyKeys("traffic", "old", "big");
    assertThat(byAlias.get("traffic")).contains(AnalyticsSimWorld.ACCESS_DENIED);
    assertThat(byAlias.get("old")).contains("cannot request data older than 2678400s");
    assertThat(byAlias.get("big")).contains("limit must not be more than 10000");

    analytics.clearFaults();
    assertThat(query(q, Map.of("a", A, "s", t(T0 - 900), "e", t(T0 - 300))).at("/data/viewer/accounts/0/traffic")
        .isArray()).isTrue();
  }

  @Test
  void anUnknownAccountIsRefusedAtItsPath() {
    JsonNode r = query("{ viewer { accounts(filter: {accountTag: \"ffffffffffffffffffffffffffffffff\"}) { __typename } } }",
        null);
    assertThat(r.at("/data/viewer/accounts").isNull()).isTrue();
    assertThat(r.at("/errors/0/message").asText()).contains(AnalyticsSimWorld.ACCESS_DENIED);
  }

  @Test
  void theQuotaCountsDatasetNodesAndRefusesTheWholeRequest() {
    analytics.quota(3, Duration.ofMinutes(5));
    String two = """
        { viewer { accounts(filter: {accountTag: "%s"}) {
          a: magicFirewallSamplesAdaptiveGroups(limit: 1, filter: {datetime_geq: "%s"}) { sum { bits } }
          b: magicFirewallSamplesAdaptiveGroups(limit: 1, filter: {datetime_geq: "%s"}) { sum { bits } } } } }"""
        .formatted(A, t(T0 - 600), t(T0 - 600));
    assertThat(query(two, null).get("errors").isNull()).isTrue();
    JsonNode refused = query(two, null);
    assertThat(refused.get("data").isNull()).isTrue();
    assertThat(refused.at("/errors/0/message").asText()).isEqualTo(AnalyticsSimWorld.QUOTA_EXHAUSTED);
    assertThat(analytics.queriesServed()).isEqualTo(2);
    sim.clock.advance(300);
    assertThat(query(two, null).get("errors").isNull()).isTrue();
    analytics.exhaustQuota();
    assertThat(query(two, null).at("/errors/0/message").asText()).isEqualTo(AnalyticsSimWorld.QUOTA_EXHAUSTED);
  }

  @Test
  void rowsArriveLateButWithinTheArrivalBound() {
    String q = """
        { viewer { accounts(filter: {accountTag: "%s"}) {
          magicTransitTunnelHealthChecksAdaptiveGroups(limit: 100, filter: {datetime_geq: "%s", datetime_lt: "%s"}) {
            count } } } }""".formatted(A, t(T0 - 60), t(T0));
    assertThat(query(q, null).at("/data/viewer/accounts/0/" + HEALTH).size()).isZero();
    sim.clock.advance(AnalyticsSimWorld.MAX_ARRIVAL_SECONDS);
    JsonNode late = query(q, null).at("/data/viewer/accounts/0/" + HEALTH);
    assertThat(late.size()).isEqualTo(1);
    assertThat(late.at("/0/count").asDouble()).isEqualTo(
        analytics.totals(HEALTH, A, T0 - 60, T0, List.of(), List.of("count")).values().iterator().next()[0]);
  }

  @Test
  void aTunnelTheSimulatorMarksDownIsDownInSomeDataCenters() {
    // walk the clock until a tunnel's BGP status (GET gre/ipsec tunnels) says BGP_DOWN
    String downName = null;
    long downAt = 0;
    for (int step = 0; step < 200 && downName == null; step++) {
      for (String kind : List.of("gre_tunnels", "ipsec_tunnels")) {
        JsonNode list = sim.get("/accounts/" + A + "/magic/" + kind).json().at("/result/" + kind);
        for (JsonNode tun : list) {
          if ("BGP_DOWN".equals(tun.at("/bgp_status/state").asText()) && tun.at("/health_check/enabled").asBoolean()) {
            downName = tun.get("name").asText();
            downAt = (long) sim.clock.nowSeconds();
          }
        }
      }
      if (downName == null) {
        sim.clock.advance(120);
      }
    }
    assertThat(downName).as("some tunnel goes down within 200 BGP segments").isNotNull();
    long minute = downAt / 60 * 60;
    sim.clock.advance(600);
    String q = """
        { viewer { accounts(filter: {accountTag: "%s"}) {
          magicTransitTunnelHealthChecksAdaptiveGroups(limit: 100,
              filter: {datetime_geq: "%s", datetime_lt: "%s", tunnelName: "%s"}) {
            avg { tunnelState } dimensions { edgeColoName } } } } }"""
        .formatted(A, t(minute), t(minute + 60), downName);
    JsonNode groups = query(q, null).at("/data/viewer/accounts/0/" + HEALTH);
    assertThat(groups.size()).isEqualTo(AnalyticsSimData.DATA_CENTERS_PER_TUNNEL);
    int down = 0;
    for (JsonNode g : groups) {
      double s = g.at("/avg/tunnelState").asDouble();
      assertThat(s).isIn(0.0, 0.5);
      down += s == 0 ? 1 : 0;
    }
    assertThat(down).isPositive();
  }

  @Test
  void healthMatchesTheGroundTruthAveragesAndCounts() {
    long from = T0 - 900;
    long to = T0 - 300;
    String q = """
        { viewer { accounts(filter: {accountTag: "%s"}) {
          magicTransitTunnelHealthChecksAdaptiveGroups(limit: 1000, filter: {datetime_geq: "%s", datetime_lt: "%s"}) {
            count avg { tunnelState } dimensions { tunnelName edgeColoName } } } } }""".formatted(A, t(from), t(to));
    JsonNode groups = query(q, null).at("/data/viewer/accounts/0/" + HEALTH);
    Map<List<String>, Double> avg = analytics.averages(HEALTH, A, from, to, List.of("tunnelName", "edgeColoName"),
        "tunnelState");
    Map<List<String>, double[]> counts = analytics.totals(HEALTH, A, from, to, List.of("tunnelName", "edgeColoName"),
        List.of("count"));
    assertThat(groups.size()).isEqualTo(avg.size());
    for (JsonNode g : groups) {
      List<String> k = List.of(g.at("/dimensions/tunnelName").asText(), g.at("/dimensions/edgeColoName").asText());
      assertThat(g.at("/avg/tunnelState").asDouble()).isCloseTo(avg.get(k), within(1e-12));
      assertThat(g.get("count").asDouble()).isEqualTo(counts.get(k)[0]);
    }
  }

  @Test
  void theSettingsNodeReportsTheNodeLimits() {
    JsonNode s = query("""
        { viewer { accounts(filter: {accountTag: "%s"}) { settings {
          magicTransitTunnelHealthChecksAdaptiveGroups { enabled maxDuration notOlderThan maxPageSize availableFields }
        } } } }""".formatted(A), null).at("/data/viewer/accounts/0/settings/" + HEALTH);
    assertThat(s.get("enabled").asBoolean()).isTrue();
    assertThat(s.get("maxDuration").asLong()).isEqualTo(7 * 86_400);
    assertThat(s.get("notOlderThan").asLong()).isEqualTo(90 * 86_400);
    assertThat(s.get("maxPageSize").asLong()).isEqualTo(10_000);
    assertThat(s.get("availableFields").toString()).contains("avg_tunnelState", "dimensions_edgeColoName");
  }
}
