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

/** Cursor paging covers a window exactly once, whatever the page size and however events share t. */
class TelemetryPagingTest {
  static SimHttp sim;

  @BeforeAll
  static void start() {
    sim = new SimHttp(SimOptions.defaults().withConnectors(3));
  }

  @AfterAll
  static void stop() throws Exception {
    sim.close();
  }

  /** Pages the event list from the first page on; returns "t.n:k" of every item, in order. */
  private static List<String> pageEvents(int connector, String query, int limit) {
    List<String> seen = new ArrayList<>();
    String cursor = null;
    for (int pages = 0; pages < 10_000; pages++) {
      String q = query + "&limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor);
      SimHttp.Reply r = sim.get(sim.connectorPath(connector, "/telemetry/events" + q));
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      JsonNode result = r.result();
      assertThat(result.get("count").asInt()).isEqualTo(result.get("items").size()).isLessThanOrEqualTo(limit);
      for (JsonNode i : result.get("items")) {
        seen.add(i.get("t").asLong() + "." + i.get("n").asInt() + ":" + i.get("k").asText());
      }
      if (!result.hasNonNull("cursor")) {
        return seen;
      }
      assertThat(result.get("items")).as("a page with a cursor is full").hasSize(limit);
      cursor = result.get("cursor").asText();
    }
    throw new AssertionError("paging did not end");
  }

  private static List<String> expected(List<SimEvent> events) {
    return events.stream().map(e -> e.t() + "." + e.n() + ":" + e.kind().k()).toList();
  }

  @Test
  void everyPageSizeCoversAWindowWithSharedTimestampsExactlyOnce() {
    String id = sim.connectorId(0);
    SimEvent burst = sim.world().events(ACCOUNT, id, T0 - 7 * 86_400, T0).stream()
        .filter(e -> e.n() == 3).findFirst().orElseThrow();
    long from = burst.t() - 900;
    long to = burst.t() + 900;
    List<String> truth = expected(sim.world().events(ACCOUNT, id, from, to));
    assertThat(truth).hasSizeGreaterThan(8);
    for (int limit = 1; limit <= 6; limit++) {
      assertThat(pageEvents(0, "?from=" + from + "&to=" + to, limit)).as("limit " + limit).isEqualTo(truth);
    }
  }

  @Test
  void aDayPagedAtTheDefaultAndLargestLimitsMatchesTheGroundTruth() {
    String id = sim.connectorId(1);
    List<String> truth = expected(sim.world().events(ACCOUNT, id, T0 - 86_400, T0));
    assertThat(pageEvents(1, "?from=" + (T0 - 86_400) + "&to=" + T0, 100)).isEqualTo(truth);
    assertThat(pageEvents(1, "?from=" + (T0 - 86_400) + "&to=" + T0, 5_000)).isEqualTo(truth);
  }

  @Test
  void theKindFilterPagesOnlyThatKind() {
    String id = sim.connectorId(0);
    List<String> truth = expected(sim.world().events(ACCOUNT, id, T0 - 2 * 86_400, T0, EventKind.START_ATTESTATION));
    assertThat(truth).hasSizeGreaterThan(48);
    assertThat(pageEvents(0, "?from=" + (T0 - 2 * 86_400) + "&to=" + T0 + "&k=StartAttestation", 7)).isEqualTo(truth);
  }

  @Test
  void pagingWhileTimePassesNeverSkipsOrRepeats() {
    String id = sim.connectorId(0);
    long from = T0 - 3_600;
    List<String> seen = new ArrayList<>();
    String cursor = null;
    try {
      for (int page = 0; page < 1_000; page++) {
        String q = "?from=" + from + "&to=" + (T0 + 86_400) + "&limit=4" + (cursor == null ? "" : "&cursor=" + cursor);
        JsonNode result = sim.get(sim.connectorPath(0, "/telemetry/events" + q)).result();
        result.get("items").forEach(i -> seen.add(i.get("t").asLong() + "." + i.get("n").asInt() + ":" + i.get("k").asText()));
        if (!result.hasNonNull("cursor")) {
          break;
        }
        cursor = result.get("cursor").asText();
        sim.clock.advance(120);
      }
      assertThat(seen).as("events recorded while paging are included").anyMatch(e -> Long.parseLong(e.split("\\.")[0]) > T0);
      assertThat(seen).isEqualTo(expected(sim.world().events(ACCOUNT, id, from, sim.world().nowSecond())));
    } finally {
      sim.clock.set(T0);
    }
  }

  @Test
  void snapshotListsPageByCursorToo() {
    String id = sim.connectorId(0);
    List<Long> truth = sim.world().snapshotTimes(ACCOUNT, id, T0 - 7_200, T0);
    List<Long> seen = new ArrayList<>();
    String cursor = null;
    do {
      String q = "?from=" + (T0 - 7_200) + "&to=" + T0 + "&limit=7" + (cursor == null ? "" : "&cursor=" + cursor);
      JsonNode result = sim.get(sim.connectorPath(0, "/telemetry/snapshots" + q)).result();
      for (JsonNode i : result.get("items")) {
        seen.add(i.get("t").asLong());
        assertThat(i.get("a").asDouble()).isEqualTo(sim.world().snapshotCollectedAt(ACCOUNT, id, i.get("t").asLong()));
      }
      cursor = result.hasNonNull("cursor") ? result.get("cursor").asText() : null;
    } while (cursor != null);
    assertThat(seen).isEqualTo(truth).hasSizeBetween(119, 121);
  }

  @Test
  void aCursorOnlyWorksForTheListAndConnectorThatMadeIt() {
    String window = "?from=" + (T0 - 86_400) + "&to=" + T0 + "&limit=2";
    String eventCursor = sim.get(sim.connectorPath(0, "/telemetry/events" + window)).result().get("cursor").asText();
    String snapshotCursor = sim.get(sim.connectorPath(0, "/telemetry/snapshots" + window)).result().get("cursor").asText();
    assertThat(sim.get(sim.connectorPath(0, "/telemetry/events" + window + "&cursor=" + eventCursor)).status()).isEqualTo(200);
    assertThat(sim.get(sim.connectorPath(1, "/telemetry/events" + window + "&cursor=" + eventCursor)).status()).isEqualTo(400);
    assertThat(sim.get(sim.connectorPath(0, "/telemetry/snapshots" + window + "&cursor=" + eventCursor)).status()).isEqualTo(400);
    assertThat(sim.get(sim.connectorPath(0, "/telemetry/events" + window + "&cursor=" + snapshotCursor)).status()).isEqualTo(400);
    String tampered = (eventCursor.charAt(5) == 'A' ? "B" : "A");
    tampered = eventCursor.substring(0, 5) + tampered + eventCursor.substring(6);
    assertThat(sim.get(sim.connectorPath(0, "/telemetry/events" + window + "&cursor=" + tampered)).status()).isEqualTo(400);
  }
}
