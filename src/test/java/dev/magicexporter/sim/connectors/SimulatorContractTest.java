package dev.magicexporter.sim.connectors;

import static dev.magicexporter.sim.SimHttp.ACCOUNT;
import static dev.magicexporter.sim.SimHttp.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.magicexporter.sim.SimHttp;
import dev.magicexporter.sim.SimOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every connector and telemetry GET of the seed, over real HTTP, against the seed's contract. */
class SimulatorContractTest {
  static SimHttp sim;

  @BeforeAll
  static void start() {
    sim = new SimHttp(SimOptions.defaults().withConnectors(20));
  }

  @AfterAll
  static void stop() throws Exception {
    sim.close();
  }

  private static String window() {
    return "?from=" + (T0 - 3_600) + "&to=" + T0;
  }

  @Test
  void everyGetOfTheSeedAnswersWithTheEnvelope() {
    long snapshotT = sim.world().latestSnapshotTime(ACCOUNT, sim.connectorId(0)).orElseThrow();
    SimEvent event = sim.world().events(ACCOUNT, sim.connectorId(0), T0 - 3_600, T0).get(0);
    List<String> paths = List.of(
        "/accounts/" + ACCOUNT + "/magic/connectors",
        sim.connectorPath(0, ""),
        sim.connectorPath(0, "/telemetry/events" + window()),
        sim.connectorPath(0, "/telemetry/events/latest"),
        sim.connectorPath(0, "/telemetry/events/" + event.t() + "." + event.n()),
        sim.connectorPath(0, "/telemetry/snapshots" + window()),
        sim.connectorPath(0, "/telemetry/snapshots/latest"),
        sim.connectorPath(0, "/telemetry/snapshots/" + snapshotT));
    for (String p : paths) {
      SimHttp.Reply r = sim.get(p);
      assertThat(r.status()).as(p).isEqualTo(200);
      assertThat(r.contentType()).startsWith("application/json");
      JsonNode env = r.json();
      assertThat(env.get("success").asBoolean()).isTrue();
      assertThat(env.get("errors").isArray()).isTrue();
      assertThat(env.get("messages").isArray()).isTrue();
      assertThat(env.get("result").isNull()).as(p).isFalse();
    }
  }

  @Test
  void theConnectorListIsOnePageOfFullConnectorObjects() {
    JsonNode env = sim.get("/accounts/" + ACCOUNT + "/magic/connectors").json();
    assertThat(env.has("result_info")).isFalse();
    JsonNode list = env.get("result");
    assertThat(list).hasSize(20);
    JsonNode c = list.get(0);
    List<String> names = new ArrayList<>();
    c.fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactly("id", "activated", "interrupt_window_days_of_week",
        "interrupt_window_duration_hours", "interrupt_window_embargo_dates", "interrupt_window_hour_of_day",
        "last_updated", "notes", "timezone", "device", "last_heartbeat", "last_seen_version");
    assertThat(c.get("device").has("serial_number")).isTrue();
    assertThat(c.get("interrupt_window_days_of_week").get(0).asText()).isIn(ConnectorObjects.DAYS);
    assertThat(c.get("last_heartbeat").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    for (JsonNode each : list) {
      assertThat(each.has("license_key")).as("license keys are never shown on GET").isFalse();
    }
    assertThat(sim.get(sim.connectorPath(3, "")).result()).isEqualTo(list.get(3));
  }

  @Test
  void telemetryListsCarryTheirCursorInsideResult() {
    SimHttp.Reply reply = sim.get(sim.connectorPath(0, "/telemetry/events?from=" + (T0 - 86_400) + "&to=" + T0));
    assertThat(reply.body()).as("times are plain decimals").containsPattern("\"a\":1\\d{9}\\.\\d{3},").doesNotContain("E9");
    JsonNode events = reply.result();
    assertThat(events.get("count").asInt()).isEqualTo(TelemetryParams.DEFAULT_LIMIT).isEqualTo(events.get("items").size());
    assertThat(events.get("cursor").asText()).isNotEmpty();
    JsonNode item = events.get("items").get(0);
    List<String> names = new ArrayList<>();
    item.fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactly("a", "k", "n", "t");

    JsonNode snaps = sim.get(sim.connectorPath(0, "/telemetry/snapshots" + window())).result();
    assertThat(snaps.has("cursor")).as("one page, no cursor").isFalse();
    assertThat(snaps.get("items")).hasSizeBetween(59, 61);
    assertThat(snaps.get("items").get(0).get("a").asDouble()).isGreaterThan(snaps.get("items").get(0).get("t").asDouble());

    JsonNode latest = sim.get(sim.connectorPath(0, "/telemetry/events/latest")).result();
    assertThat(latest.has("cursor")).isFalse();
    assertThat(latest.get("count").asInt()).isEqualTo(EventsModule.LATEST_EVENTS);
    assertThat(latest.get("items").get(0).get("e").get("k").asText()).isNotEmpty();
    assertThat(latest.get("items").get(0).get("v").asText()).matches("\\d{4}\\.\\d+\\.\\d+");

    JsonNode latestSnap = sim.get(sim.connectorPath(0, "/telemetry/snapshots/latest")).result();
    assertThat(latestSnap.get("count").asInt()).isEqualTo(1);
    assertThat(latestSnap.get("items").get(0).size()).isGreaterThan(150);
  }

  @Test
  void aRecordedEventIsServedAsInTheSeed() {
    SimEvent e = sim.world().events(ACCOUNT, sim.connectorId(0), T0 - 7 * 86_400, T0, EventKind.START_UPGRADE).get(0);
    JsonNode r = sim.get(sim.connectorPath(0, "/telemetry/events/" + e.t() + "." + e.n())).result();
    assertThat(r.get("e").get("k").asText()).isEqualTo("StartUpgrade");
    assertThat(r.get("e").get("url").asText()).startsWith("https://");
    assertThat(r.get("n").asInt()).isEqualTo(e.n());
    assertThat(r.get("t").asLong()).isEqualTo(e.t());
    assertThat(r.get("v").asText()).isEqualTo(e.version());
    assertThat(sim.get(sim.connectorPath(0, "/telemetry/events/" + e.t() + ".99")).status()).isEqualTo(404);
    assertThat(sim.get(sim.connectorPath(0, "/telemetry/events/yesterday")).status()).isEqualTo(400);
  }

  @Test
  void fromAndToAreRequiredAndChecked() {
    for (String list : List.of("/telemetry/events", "/telemetry/snapshots")) {
      for (String q : List.of("", "?from=" + T0, "?to=" + T0, "?from=abc&to=" + T0, "?from=" + T0 + "&to=" + (T0 - 1),
          window() + "&limit=0", window() + "&limit=ten", window() + "&cursor=bogus")) {
        SimHttp.Reply r = sim.get(sim.connectorPath(0, list + q));
        assertThat(r.status()).as(list + q).isEqualTo(400);
        JsonNode env = r.json();
        assertThat(env.get("success").asBoolean()).isFalse();
        assertThat(env.get("errors").get(0).get("message").asText()).isNotEmpty();
      }
    }
    assertThat(sim.get(sim.connectorPath(0, "/telemetry/events" + window() + "&k=Nope")).status()).isEqualTo(400);
    assertThat(sim.get(sim.connectorPath(0, "/telemetry/events?from=1.7e9&to=" + T0 + ".5")).status()).isEqualTo(200);
  }

  @Test
  void aWrongTokenGets403WithCode10000() {
    for (String token : new String[] {"wrong", null}) {
      SimHttp.Reply r = sim.get("/accounts/" + ACCOUNT + "/magic/connectors", token);
      assertThat(r.status()).isEqualTo(403);
      assertThat(r.json().get("errors").get(0).get("code").asInt()).isEqualTo(10000);
      assertThat(r.body()).doesNotContain(SimOptions.DEFAULT_TOKEN);
    }
  }

  @Test
  void unknownAccountsConnectorsAndItemsGet404() {
    String other = "ffffffffffffffffffffffffffffffff";
    for (String p : List.of("/accounts/" + other + "/magic/connectors",
        "/accounts/" + other + "/magic/connectors/" + sim.connectorId(0) + "/telemetry/events/latest",
        "/accounts/" + ACCOUNT + "/magic/connectors/" + other,
        "/accounts/" + ACCOUNT + "/magic/connectors/" + other + "/telemetry/snapshots" + window(),
        sim.connectorPath(0, "/telemetry/snapshots/" + (T0 - 1)),
        sim.connectorPath(0, "/telemetry/snapshots/" + (T0 + 3_600)),
        "/accounts/" + ACCOUNT + "/magic/nothing-here")) {
      SimHttp.Reply r = sim.get(p);
      assertThat(r.status()).as(p).isEqualTo(404);
      assertThat(r.json().get("success").asBoolean()).isFalse();
      assertThat(r.json().get("errors").get(0).get("code").asInt()).isPositive();
    }
  }

  @Test
  void silentConnectorsAnswerWithEmptyTelemetry() {
    JsonNode latest = sim.get(sim.connectorPath(13, "/telemetry/snapshots/latest")).result();
    assertThat(latest.get("count").asInt()).isZero();
    assertThat(latest.get("items")).isEmpty();
    JsonNode events = sim.get(sim.connectorPath(7, "/telemetry/events" + window())).result();
    assertThat(events.get("items")).isEmpty();
    assertThat(events.has("cursor")).isFalse();
  }

  @Test
  void theSameSeedAndTimeGiveTheSameBytes() throws Exception {
    try (SimHttp twin = new SimHttp(SimOptions.defaults().withConnectors(20))) {
      long t = sim.world().latestSnapshotTime(ACCOUNT, sim.connectorId(1)).orElseThrow();
      for (String p : List.of("/accounts/" + ACCOUNT + "/magic/connectors",
          sim.connectorPath(1, "/telemetry/events?from=" + (T0 - 86_400) + "&to=" + T0 + "&limit=1000"),
          sim.connectorPath(1, "/telemetry/snapshots/" + t),
          sim.connectorPath(1, "/telemetry/snapshots/latest"))) {
        assertThat(twin.get(p).body()).as(p).isEqualTo(sim.get(p).body());
      }
    }
  }

  @Test
  void answersAreCountedByRoute() {
    long before = sim.sim.stats().requests("GET /accounts/{account_id}/magic/connectors/{connector_id}");
    sim.get(sim.connectorPath(2, ""));
    sim.get(sim.connectorPath(2, ""));
    assertThat(sim.sim.stats().requests("GET /accounts/{account_id}/magic/connectors/{connector_id}"))
        .isEqualTo(before + 2);
    assertThat(sim.sim.stats().requests()).isGreaterThanOrEqualTo(2);
  }
}
