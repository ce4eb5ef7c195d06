package dev.magicexporter.poll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magicexporter.store.ConnectorDirectory;
import dev.magicexporter.store.ConnectorRef;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreshnessQueueTest {
  private final ConnectorDirectory directory = new ConnectorDirectory();
  private final ConnectorTrouble trouble = new ConnectorTrouble(() -> 1_764_000_000);
  private final List<ConnectorRef> refs = new ArrayList<>();

  /** {@code n} connectors on a budget that polls 8 quiet ones (10 requests) per 60 s round. */
  private ConnectorSchedule schedule(int n) {
    for (int i = 0; i < n; i++) {
      refs.add(new ConnectorRef("a", String.format("c%03d", i)));
    }
    directory.replace(Set.of("a"), new HashSet<>(refs));
    // (10 + 0) / 60 s * 0.95 = 0.158/s: 9.5 requests per round, 1.25 per quiet connector -> 7 per round
    BudgetSchedule.Budget budget = new BudgetSchedule.Budget("t", 10, 0, Duration.ofSeconds(60));
    return new ConnectorSchedule(Duration.ofSeconds(60), new BudgetSchedule.Cost(1, 0.25),
        List.of(new ConnectorSchedule.CredentialLoad(budget, List.of())), a -> "t", directory, trouble,
        new SimpleMeterRegistry());
  }

  @Test
  void aShortBudgetPollsTheTroubledEveryRoundAndTheQuietOldestFirst() {
    ConnectorSchedule s = schedule(30);
    trouble.snapshotFailed(refs.get(29));
    s.round();
    BudgetSchedule.Plan plan = s.plan("t");
    assertThat(plan.limited()).isTrue();
    assertThat(plan.troubled()).isEqualTo(1);
    // 9.5 - 2 for the troubled one = 7.5 -> 6 quiet per round
    assertThat(plan.quietPerRound()).isEqualTo(6);

    FreshnessQueue q = new FreshnessQueue();
    List<ConnectorRef> quietOrder = new ArrayList<>();
    for (int round = 0; round < 5; round++) {
      List<ConnectorRef> due = q.select(refs, s, false);
      assertThat(due).hasSize(7).first().isEqualTo(refs.get(29));
      quietOrder.addAll(due.subList(1, 7));
    }
    // Rounds 1-4 poll 24 different quiet ones; round 5 the last 5 never polled, then the oldest (c000).
    assertThat(new HashSet<>(quietOrder.subList(0, 29))).hasSize(29).doesNotContain(refs.get(29));
    assertThat(quietOrder.get(29)).isEqualTo(refs.get(0));
  }

  @Test
  void whileAFirstPassIsPendingOnlyTheTroubledAndTheOverdueArePolledAgain() {
    ConnectorSchedule s = schedule(30);
    trouble.snapshotFailed(refs.get(3));
    s.round();
    FreshnessQueue q = new FreshnessQueue();
    refs.forEach(q::polled); // the first pass fetched them in round 0
    // The quiet cycle is 60 s * 29 / 6 = 290 s: overdue after 4 rounds.
    for (int round = 1; round <= 3; round++) {
      assertThat(q.select(refs, s, true)).as("round %d", round).containsExactly(refs.get(3));
    }
    assertThat(q.select(refs, s, true)).hasSize(30);
  }

  @Test
  void aBudgetThatMeetsTheIntervalPollsEveryone() {
    ConnectorSchedule s = schedule(5);
    trouble.snapshotFailed(refs.get(0));
    assertThat(new FreshnessQueue().select(refs, s, false)).containsExactlyElementsOf(refs);
  }
}
