package dev.magicexporter.poll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magicexporter.store.ConnectorRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;

class ConnectorCadenceTest {
  private static List<ConnectorRef> connectors(int n) {
    List<ConnectorRef> refs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      refs.add(new ConnectorRef("acc", String.format("c%05d", i)));
    }
    return refs;
  }

  /** Runs {@code cycles} cycles; {@code active(ref, cycle)} says whether a poll finds activity. Returns polls per connector. */
  private static Map<ConnectorRef, List<Integer>> run(ConnectorCadence c, List<ConnectorRef> refs, int cycles,
      BiPredicate<ConnectorRef, Integer> active) {
    Map<ConnectorRef, List<Integer>> polled = new HashMap<>();
    for (int cycle = 1; cycle <= cycles; cycle++) {
      for (ConnectorRef r : c.select(refs).due()) {
        polled.computeIfAbsent(r, k -> new ArrayList<>()).add(cycle);
        c.succeeded(r, active.test(r, cycle));
      }
    }
    return polled;
  }

  @Test
  void plainCadencePollsEveryConnectorEveryCycle() {
    ConnectorCadence c = new ConnectorCadence(7);
    Map<ConnectorRef, List<Integer>> polled = run(c, connectors(3), 5, (r, i) -> false);
    assertThat(polled.values()).allSatisfy(l -> assertThat(l).containsExactly(1, 2, 3, 4, 5));
  }

  @Test
  void aQuietConnectorBacksOffOneThreeSevenThenStaysAtTheCap() {
    ConnectorCadence c = new ConnectorCadence(7, 7, 1.0);
    Map<ConnectorRef, List<Integer>> polled = run(c, connectors(1), 40, (r, i) -> false);
    assertThat(polled.values().iterator().next()).containsExactly(1, 3, 7, 15, 23, 31, 39);
  }

  @Test
  void activityMakesItDueAgainAtOnceAndRestartsTheBackOff() {
    ConnectorCadence c = new ConnectorCadence(7, 7, 1.0);
    ConnectorRef r = connectors(1).get(0);
    // activity happens at cycle 10: the poll at 15 (the first after it) finds it
    Map<ConnectorRef, List<Integer>> polled = run(c, List.of(r), 30, (ref, cycle) -> cycle == 15);
    assertThat(polled.get(r)).containsExactly(1, 3, 7, 15, 16, 18, 22, 30);
    assertThat(c.quietPolls(r)).isEqualTo(4);
  }

  @Test
  void theShareCapsPollsPerCycleAndTheLongestWaitingGoFirst() {
    List<ConnectorRef> refs = connectors(100);
    ConnectorCadence c = new ConnectorCadence(7, 0, 0.25);
    Map<ConnectorRef, List<Integer>> polled = new HashMap<>();
    for (int cycle = 1; cycle <= 8; cycle++) {
      ConnectorCadence.Selection sel = c.select(refs);
      assertThat(sel.due()).hasSize(25);
      assertThat(sel.overShare()).isEqualTo(75);
      for (ConnectorRef r : sel.due()) {
        polled.computeIfAbsent(r, k -> new ArrayList<>()).add(cycle);
        c.succeeded(r, true); // even always-busy connectors take turns
      }
    }
    assertThat(polled).hasSize(100);
    assertThat(polled.values()).allSatisfy(l -> assertThat(l).hasSize(2));
    assertThat(polled.get(refs.get(0))).containsExactly(1, 5);
    assertThat(polled.get(refs.get(99))).containsExactly(4, 8);
  }

  @Test
  void steadyStateStaysAtAQuarterPollPerConnectorAndCycleWithPeriodicActivity() {
    // every connector shows activity every 12 cycles at its own phase (an hourly attestation at
    // five-minute cycles), an extreme case for the back-off
    List<ConnectorRef> refs = connectors(1000);
    ConnectorCadence c = new ConnectorCadence(7, 7, 0.25);
    Map<ConnectorRef, Integer> phase = new HashMap<>();
    for (int i = 0; i < refs.size(); i++) {
      phase.put(refs.get(i), i % 12);
    }
    Map<ConnectorRef, Long> lastSeen = new HashMap<>();
    int cycles = 240;
    long polls = 0;
    long maxWait = 0;
    Map<ConnectorRef, Integer> lastPoll = new HashMap<>();
    for (int cycle = 1; cycle <= cycles; cycle++) {
      for (ConnectorRef r : c.select(refs).due()) {
        polls++;
        // activity since the last poll: an event at a cycle k with k % 12 == phase in (last, cycle]
        int last = lastPoll.getOrDefault(r, 0);
        boolean active = false;
        for (int k = last + 1; k <= cycle; k++) {
          active |= k % 12 == phase.get(r);
        }
        maxWait = Math.max(maxWait, cycle - last);
        lastPoll.put(r, cycle);
        c.succeeded(r, active);
        lastSeen.put(r, (long) cycle);
      }
    }
    double perConnectorAndCycle = polls / (double) (refs.size() * cycles);
    assertThat(perConnectorAndCycle).isLessThanOrEqualTo(0.25);
    assertThat(lastSeen).hasSize(1000);
    assertThat(maxWait).isLessThanOrEqualTo(16); // nobody starves
  }

  @Test
  void aFailingConnectorSkipsOneThreeSevenCycles() {
    ConnectorCadence c = new ConnectorCadence(7, 7, 0.25);
    ConnectorRef r = connectors(1).get(0);
    List<Integer> polled = new ArrayList<>();
    for (int cycle = 1; cycle <= 20; cycle++) {
      ConnectorCadence.Selection sel = c.select(List.of(r));
      if (!sel.due().isEmpty()) {
        polled.add(cycle);
        c.failed(r);
      }
    }
    assertThat(polled).containsExactly(1, 2, 4, 8, 16);
    assertThat(c.failures(r)).isEqualTo(5);
    c.succeeded(r, false);
    assertThat(c.failures(r)).isZero();
  }
}
