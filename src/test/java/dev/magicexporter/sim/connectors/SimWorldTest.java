package dev.magicexporter.sim.connectors;

import static dev.magicexporter.sim.SimHttp.ACCOUNT;
import static dev.magicexporter.sim.SimHttp.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.magicexporter.sim.SimClock;
import dev.magicexporter.sim.SimOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The world as pure functions: determinism, roles, window rules, evolution of values. */
class SimWorldTest {
  private static final long DAY = 86_400;

  private static SimWorld world(int connectors, long seed, double now) {
    return new SimWorld(SimOptions.defaults().withConnectors(connectors).withSeed(seed), new SimClock.Manual(now));
  }

  @Test
  void sameSeedAndTimeGiveTheSameWorldAndAnotherSeedAnother() {
    SimWorld a = world(20, 7, T0);
    SimWorld b = world(20, 7, T0);
    SimWorld other = world(20, 8, T0);
    assertThat(a.connectorIds(ACCOUNT)).isEqualTo(b.connectorIds(ACCOUNT)).doesNotContainAnyElementsOf(other.connectorIds(ACCOUNT));
    String id = a.connectorId(ACCOUNT, 0);
    assertThat(a.events(ACCOUNT, id, T0 - DAY, T0)).isEqualTo(b.events(ACCOUNT, id, T0 - DAY, T0));
    long t = a.latestSnapshotTime(ACCOUNT, id).orElseThrow();
    assertThat(a.snapshot(ACCOUNT, id, t)).isEqualTo(b.snapshot(ACCOUNT, id, t));
    assertThat(a.connectorObject(a.connector(ACCOUNT, 5))).isEqualTo(b.connectorObject(b.connector(ACCOUNT, 5)));
  }

  @Test
  void aPastWindowHoldsTheSameEventsWhateverTheClockSays() {
    SimWorld early = world(3, 42, T0);
    SimWorld later = world(3, 42, T0 + 3 * DAY);
    String id = early.connectorId(ACCOUNT, 1);
    List<SimEvent> before = early.events(ACCOUNT, id, T0 - 6 * 3_600, T0 - 3_600);
    assertThat(before).isNotEmpty().isEqualTo(later.events(ACCOUNT, id, T0 - 6 * 3_600, T0 - 3_600));
  }

  @Test
  void connectorIdsAreUniqueAndFoundAgainAmongTenThousand() {
    SimWorld w = world(10_000, 42, T0);
    List<String> ids = w.connectorIds(ACCOUNT);
    assertThat(new HashSet<>(ids)).hasSize(10_000);
    assertThat(ids).allMatch(id -> id.matches("[0-9a-f]{32}"));
    for (int i : new int[] {0, 1, 4_321, 9_999}) {
      assertThat(w.findConnector(ACCOUNT, ids.get(i)).orElseThrow().index()).isEqualTo(i);
    }
    String id = ids.get(17);
    assertThat(w.findConnector(ACCOUNT, id.substring(0, 31) + (id.endsWith("0") ? "1" : "0"))).isEmpty();
    assertThat(w.findConnector(ACCOUNT, "not-a-connector")).isEmpty();
    assertThat(w.findConnector("ffffffffffffffffffffffffffffffff", id)).isEmpty();
  }

  @Test
  void rolesGiveDeactivatedSilentAndFlappingConnectors() {
    SimWorld w = world(20, 42, T0);
    Map<String, Object> deactivated = w.connectorObject(w.connector(ACCOUNT, 7));
    assertThat(deactivated).containsEntry("activated", false).doesNotContainKeys("last_heartbeat", "license_key");
    Map<String, Object> neverSeen = w.connectorObject(w.connector(ACCOUNT, 13));
    assertThat(neverSeen).containsEntry("activated", true).doesNotContainKeys("last_heartbeat", "last_seen_version");
    @SuppressWarnings("unchecked") Map<String, Object> device = (Map<String, Object>) neverSeen.get("device");
    assertThat(device).containsKey("id").doesNotContainKey("serial_number");
    for (int i : new int[] {7, 13}) {
      String id = w.connectorId(ACCOUNT, i);
      assertThat(w.events(ACCOUNT, id, T0 - DAY, T0)).isEmpty();
      assertThat(w.latestSnapshotTime(ACCOUNT, id)).isEmpty();
    }
    // the intermittent connector misses snapshots during its outages and restarts with an Init burst
    String flappy = w.connectorId(ACCOUNT, 2);
    assertThat(w.snapshotTimes(ACCOUNT, flappy, T0 - DAY, T0 - 1)).hasSizeBetween(1_200, 1_300);
    assertThat(w.eventCounts(ACCOUNT, flappy, T0 - DAY, T0).get(EventKind.LEAVE)).isGreaterThanOrEqualTo(5);
  }

  @Test
  void heartbeatsEveryTenSecondsAndStopDuringAnOutage() {
    SimClock.Manual clock = new SimClock.Manual(T0);
    SimWorld w = new SimWorld(SimOptions.defaults().withConnectors(3), clock);
    SimConnector healthy = w.connector(ACCOUNT, 0);
    SimConnector flappy = w.connector(ACCOUNT, 2);
    ConnectorLife flappyLife = new ConnectorLife(flappy);
    Set<Instant> beats = new HashSet<>();
    boolean sawStale = false;
    for (int s = 0; s < 6 * 3_600; s += 7) {
      clock.set(T0 + s);
      Instant hb = Instant.parse((String) w.connectorObject(healthy).get("last_heartbeat"));
      assertThat(T0 + s - hb.getEpochSecond()).isBetween(0L, 9L);
      beats.add(hb);
      Instant fb = Instant.parse((String) w.connectorObject(flappy).get("last_heartbeat"));
      if (flappyLife.inOutage(T0 + s)) {
        sawStale |= T0 + s - fb.getEpochSecond() > 60;
      } else if (!flappyLife.inOutage(T0 + s - ConnectorLife.HEARTBEAT_PERIOD_SECONDS)) {
        assertThat(T0 + s - fb.getEpochSecond()).isLessThan(60L);
      }
    }
    assertThat(sawStale).isTrue();
    assertThat(beats.size()).isBetween(6 * 360 - 2, 6 * 360 + 1);
  }

  @Test
  void windowBoundsAreInclusiveNothingIsInTheFutureAndRetentionIsSevenDays() {
    SimWorld w = world(3, 42, T0);
    String id = w.connectorId(ACCOUNT, 0);
    List<SimEvent> day = w.events(ACCOUNT, id, T0 - DAY, T0);
    SimEvent first = day.get(0);
    SimEvent last = day.get(day.size() - 1);
    assertThat(w.events(ACCOUNT, id, first.t(), last.t())).isEqualTo(day);
    assertThat(w.events(ACCOUNT, id, first.t() + 0.5, last.t() - 0.5))
        .doesNotContain(first, last).hasSizeLessThan(day.size());
    assertThat(w.events(ACCOUNT, id, T0 - DAY, T0 + DAY)).isEqualTo(day);
    assertThat(w.events(ACCOUNT, id, T0 - 30 * DAY, T0))
        .allMatch(e -> e.t() >= T0 - SimWorld.TELEMETRY_RETENTION_SECONDS)
        .hasSizeGreaterThan(6 * day.size());
    List<Long> times = w.snapshotTimes(ACCOUNT, id, T0 - 600, T0);
    assertThat(w.snapshotTimes(ACCOUNT, id, times.get(0), times.get(times.size() - 1))).isEqualTo(times);
    assertThat(times).allMatch(t -> t <= T0).hasSizeBetween(9, 10);
  }

  @Test
  void eventsShareTimestampsAndCoverEveryKindInAWeek() {
    SimWorld w = world(6, 42, T0);
    Set<EventKind> kinds = EnumSet.noneOf(EventKind.class);
    int maxN = 0;
    for (int i = 0; i < 6; i++) {
      String id = w.connectorId(ACCOUNT, i);
      List<SimEvent> week = w.events(ACCOUNT, id, T0 - 7 * DAY, T0);
      for (int j = 1; j < week.size(); j++) {
        SimEvent p = week.get(j - 1);
        SimEvent e = week.get(j);
        assertThat(e.compareTo(p.t(), p.n())).as("strict (t, n) order").isPositive();
        assertThat(e.n()).isEqualTo(e.t() == p.t() ? p.n() + 1 : 0);
        assertThat(e.a()).isBetween((double) e.t(), e.t() + 3.0);
      }
      week.forEach(e -> kinds.add(e.kind()));
      maxN = Math.max(maxN, week.stream().mapToInt(SimEvent::n).max().orElse(0));
    }
    assertThat(kinds).containsExactlyInAnyOrder(EventKind.values());
    assertThat(maxN).isGreaterThanOrEqualTo(3);
  }

  @Test
  void startsAreFollowedByTheirFinishAndUpgradesChangeTheVersion() {
    SimWorld w = world(3, 42, T0);
    String id = w.connectorId(ACCOUNT, 0);
    List<SimEvent> week = w.events(ACCOUNT, id, T0 - 7 * DAY, T0 - 600);
    int upgrades = 0;
    for (int i = 0; i < week.size(); i++) {
      SimEvent e = week.get(i);
      if (e.kind() == EventKind.START_UPGRADE) {
        SimEvent finish = week.subList(i, week.size()).stream()
            .filter(f -> f.kind() == EventKind.FINISH_UPGRADE_SUCCESS || f.kind() == EventKind.FINISH_UPGRADE_FAILURE)
            .findFirst().orElseThrow();
        assertThat(finish.t() - e.t()).isBetween(0L, 200L);
        if (finish.kind() == EventKind.FINISH_UPGRADE_SUCCESS) {
          upgrades++;
          assertThat(finish.version()).isNotEqualTo(e.version());
          assertThat(e.url()).contains("/" + finish.version() + "/");
        } else {
          assertThat(finish.version()).isEqualTo(e.version());
        }
      }
    }
    assertThat(upgrades).isPositive();
  }

  @Test
  void countersOnlyGrowAndGaugesStayInBounds() {
    SimWorld w = world(3, 42, T0);
    for (int c = 0; c < 3; c++) {
      String id = w.connectorId(ACCOUNT, c);
      List<Long> times = w.snapshotTimes(ACCOUNT, id, T0 - 2 * DAY, T0);
      List<Map<String, Object>> series = new ArrayList<>();
      for (int i = 0; i < times.size(); i += 37) {
        series.add(w.snapshot(ACCOUNT, id, times.get(i)).orElseThrow());
      }
      for (int i = 1; i < series.size(); i++) {
        Map<String, Object> prev = series.get(i - 1);
        Map<String, Object> cur = series.get(i);
        if (!prev.get("kernel_btime").equals(cur.get("kernel_btime"))) {
          continue; // a reboot resets counters, as on Linux
        }
        for (SnapshotFields.Field f : SnapshotFields.TOP_LEVEL) {
          if (f.kind() == SnapshotFields.Kind.COUNTER && prev.containsKey(f.name()) && cur.containsKey(f.name())) {
            assertThat(((Number) cur.get(f.name())).longValue()).as(f.name())
                .isGreaterThanOrEqualTo(((Number) prev.get(f.name())).longValue());
          }
        }
        assertElementCountersGrow(prev, cur, "netdevs");
        assertElementCountersGrow(prev, cur, "disks");
      }
      for (Map<String, Object> s : series) {
        assertGaugesInBounds(s);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static void assertElementCountersGrow(Map<String, Object> prev, Map<String, Object> cur, String array) {
    if (!prev.containsKey(array) || !cur.containsKey(array)) {
      return;
    }
    List<Map<String, Object>> p = (List<Map<String, Object>>) prev.get(array);
    List<Map<String, Object>> c = (List<Map<String, Object>>) cur.get(array);
    for (int i = 0; i < p.size(); i++) {
      for (Map.Entry<String, Object> e : p.get(i).entrySet()) {
        if (e.getValue() instanceof Number n && !Set.of("in_progress", "major", "minor").contains(e.getKey())) {
          assertThat(((Number) c.get(i).get(e.getKey())).longValue()).as(array + "." + e.getKey())
              .isGreaterThanOrEqualTo(n.longValue());
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static void assertGaugesInBounds(Map<String, Object> s) {
    for (Map.Entry<String, Object> e : s.entrySet()) {
      if (e.getKey().matches(".*_pressure_(10|60|300)s")) {
        assertThat(((Number) e.getValue()).doubleValue()).as(e.getKey()).isBetween(0.0, 100.0);
      }
    }
    long total = ((Number) s.get("memory_total_bytes")).longValue();
    for (String f : List.of("memory_free_bytes", "memory_available_bytes", "memory_cached_bytes", "memory_active_bytes")) {
      if (s.containsKey(f)) {
        assertThat(((Number) s.get(f)).longValue()).as(f).isBetween(0L, total);
      }
    }
    if (s.containsKey("ha_value")) {
      int ha = ((Number) s.get("ha_value")).intValue();
      assertThat(ha).isBetween(0, 4);
      if (s.containsKey("ha_state")) {
        assertThat(s.get("ha_state")).isEqualTo(List.of("disabled", "active", "standby", "stopped", "fault").get(ha));
      }
    }
    for (Map<String, Object> t : (List<Map<String, Object>>) s.getOrDefault("tunnels", List.of())) {
      int hv = (Integer) t.get("health_value");
      assertThat(t.get("health_state")).isEqualTo(List.of("unknown", "healthy", "degraded", "down").get(hv));
    }
    for (Map<String, Object> m : (List<Map<String, Object>>) s.getOrDefault("mounts", List.of())) {
      assertThat(((Number) m.get("available_bytes")).longValue()).isBetween(0L, ((Number) m.get("total_bytes")).longValue());
    }
    for (Map<String, Object> th : (List<Map<String, Object>>) s.getOrDefault("thermals", List.of())) {
      if (th.containsKey("current_celcius")) {
        assertThat((Double) th.get("current_celcius")).isBetween(20.0, 90.0);
      }
    }
  }

  @Test
  void unknownAccountsAndConnectorsAreRefusedByTheGroundTruth() {
    SimWorld w = world(3, 42, T0);
    assertThatThrownBy(() -> w.events("nope", w.connectorId(ACCOUNT, 0), 0, T0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> w.events(ACCOUNT, "0".repeat(32), 0, T0)).isInstanceOf(IllegalArgumentException.class);
  }
}
