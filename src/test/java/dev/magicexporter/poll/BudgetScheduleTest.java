package dev.magicexporter.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.magicexporter.store.ConnectorDirectory;
import dev.magicexporter.store.ConnectorRef;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BudgetScheduleTest {
  private static final BudgetSchedule.Budget CLOUDFLARE =
      new BudgetSchedule.Budget("token:abc", 1200, 60, Duration.ofMinutes(5));
  /** One snapshot and a quarter of an events poll per quiet connector, 2 requests per troubled one. */
  private static final BudgetSchedule.Cost COST = new BudgetSchedule.Cost(1, 0.25);

  @Test
  void cycleIsTheConfiguredOneWhileTheBudgetAllowsIt() {
    // 100 connectors * 1.25 = 125 requests per 60 s = 2.1/s, under 1140/300 * 0.95 = 3.61/s
    BudgetSchedule.Plan p = BudgetSchedule.plan(CLOUDFLARE, List.of(), 100, 0, COST, Duration.ofSeconds(60));
    assertThat(p.limited()).isFalse();
    assertThat(p.cycle()).isEqualTo(Duration.ofSeconds(60));
    assertThat(p.minCycle().toMillis()).isEqualTo((long) Math.ceil(125 / 3.61 * 1000));
  }

  @Test
  void cycleIsTheBudgetsWhenTheConfiguredOneCannotBeMet() {
    // 2,500 connectors * 1.25 = 3,125 requests at 3.61/s = 865.6 s
    BudgetSchedule.Plan p = BudgetSchedule.plan(CLOUDFLARE, List.of(), 2500, 0, COST, Duration.ofSeconds(60));
    assertThat(p.limited()).isTrue();
    assertThat(p.requestsPerCycle()).isEqualTo(3125.0);
    assertThat(p.minCycle().toMillis()).isBetween(865_000L, 866_000L);
    // Rounds of 60 s, each polling the 173 connectors (216.6 requests) the budget has room for.
    assertThat(p.round()).isEqualTo(Duration.ofSeconds(60));
    assertThat(p.quietPerRound()).isEqualTo(173);
    assertThat(p.cycle().toMillis()).isEqualTo((long) Math.ceil(60_000.0 * 2500 / 173));
    assertThat(p.eventsPerRound(COST)).isEqualTo(44);
  }

  @Test
  void troubledConnectorsArePolledEveryRoundAndTheQuietOnesShareTheRest() {
    // 216.6 requests per 60 s round: 50 troubled connectors take 100, 93 quiet ones the other 116.6.
    BudgetSchedule.Plan p = BudgetSchedule.plan(CLOUDFLARE, List.of(), 2500, 50, COST, Duration.ofSeconds(60));
    assertThat(p.limited()).isTrue();
    assertThat(p.round()).isEqualTo(Duration.ofSeconds(60));
    assertThat(p.troubled()).isEqualTo(50);
    assertThat(p.quietPerRound()).isEqualTo(93);
    assertThat(p.snapshotsPerRound()).isEqualTo(143);
    assertThat(p.cycle().toMillis()).isEqualTo((long) Math.ceil(60_000.0 * 2450 / 93));
    double perRound = 50 * COST.troubled() + p.quietPerRound() * COST.quiet();
    assertThat(perRound).isLessThanOrEqualTo(p.connectorRate() * 60);
  }

  @Test
  void whenTheTroubledAloneNeedMoreThanThreeQuartersTheRoundLengthens() {
    // 500 troubled connectors need 1,000 requests; three quarters of 3.61/s is 2.71/s: 369.4 s.
    BudgetSchedule.Plan p = BudgetSchedule.plan(CLOUDFLARE, List.of(), 2500, 500, COST, Duration.ofSeconds(60));
    assertThat(p.round().toMillis()).isEqualTo((long) Math.ceil(1000 / (p.connectorRate() * 0.75) * 1000));
    assertThat(p.quietPerRound()).isEqualTo((int) Math.floor((p.connectorRate() * 0.25 * p.round().toMillis() / 1000.0 + 1e-9) / 1.25));
    assertThat(p.cycle()).isGreaterThan(p.round());
  }

  @Test
  void troubleChangesNothingWhileTheBudgetMeetsTheInterval() {
    BudgetSchedule.Plan p = BudgetSchedule.plan(CLOUDFLARE, List.of(), 100, 10, COST, Duration.ofSeconds(60));
    assertThat(p.limited()).isFalse();
    assertThat(p.snapshotsPerRound()).isEqualTo(100);
    assertThat(p.round()).isEqualTo(p.cycle());
  }

  @Test
  void accountLevelSourcesAreTakenOffTheBudgetFirst() {
    List<BudgetSchedule.Load> sources = List.of(
        new BudgetSchedule.Load("tunnels", 3, Duration.ofSeconds(60)),
        new BudgetSchedule.Load("pcaps", 2, Duration.ofSeconds(60)),
        new BudgetSchedule.Load("services", 1, Duration.ofMinutes(5)),
        new BudgetSchedule.Load("inventory", 3 + 4 * 25, Duration.ofMinutes(5)));
    BudgetSchedule.Plan p = BudgetSchedule.plan(CLOUDFLARE, sources, 2500, 0, COST, Duration.ofSeconds(60));
    double sourceRate = 5 / 60.0 + 104 / 300.0;
    assertThat(p.sourceRate()).isCloseTo(sourceRate, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(p.connectorRate()).isCloseTo(1140 / 300.0 * 0.95 - sourceRate, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(p.minCycle().toMillis()).isEqualTo((long) Math.ceil(3125 / p.connectorRate() * 1000));
  }

  @Test
  void sourcesThatWouldEatTheWholeBudgetLeaveTheConnectorsAQuarter() {
    List<BudgetSchedule.Load> greedy = List.of(new BudgetSchedule.Load("inventory", 10_000, Duration.ofSeconds(60)));
    BudgetSchedule.Plan p = BudgetSchedule.plan(CLOUDFLARE, greedy, 100, 0, new BudgetSchedule.Cost(1, 0), Duration.ofSeconds(60));
    assertThat(p.connectorRate()).isCloseTo(1140 / 300.0 * 0.95 * 0.25, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void aReplicasShareOfTheBudgetLengthensItsCycleInProportion() {
    BudgetSchedule.Budget quarter = new BudgetSchedule.Budget("token:abc", 300, 15, Duration.ofMinutes(5));
    BudgetSchedule.Plan whole = BudgetSchedule.plan(CLOUDFLARE, List.of(), 2500, 0, COST, Duration.ofSeconds(1));
    BudgetSchedule.Plan part = BudgetSchedule.plan(quarter, List.of(), 625, 0, COST, Duration.ofSeconds(1));
    assertThat(part.minCycle().toMillis()).isCloseTo(whole.minCycle().toMillis(), org.assertj.core.data.Offset.offset(2L));
  }

  @Test
  void badBudgetsAreRefused() {
    assertThatThrownBy(() -> new BudgetSchedule.Budget("t", 10, 10, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BudgetSchedule.Load("x", 1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void spacingSpreadsTheItemsOverTheCycle() {
    assertThat(BudgetSchedule.spacingMillis(Duration.ofSeconds(60), 120)).isEqualTo(500);
    assertThat(BudgetSchedule.spacingMillis(Duration.ofSeconds(60), 1)).isZero();
    assertThat(BudgetSchedule.spacingMillis(Duration.ofSeconds(60), 0)).isZero();
  }

  /** A pacer on virtual time: each delay moves the clock, so start times can be checked exactly. */
  private static final class VirtualPacer implements Pacer {
    long now;

    @Override
    public long nowMillis() {
      return now;
    }

    @Override
    public Future<Void> after(long millis) {
      now += Math.max(0, millis);
      return Future.succeededFuture();
    }
  }

  @Test
  void pacedRunnerStartsItemIAtISpacingsAndNeverEarlier() {
    VirtualPacer pacer = new VirtualPacer();
    pacer.now = 1_000;
    List<Long> starts = new ArrayList<>();
    List<Integer> items = List.of(0, 1, 2, 3, 4);
    BoundedRunner.run(items, 2, 250, pacer, i -> {
      starts.add(pacer.now - 1_000);
      return Future.succeededFuture();
    });
    assertThat(starts).containsExactly(0L, 250L, 500L, 750L, 1000L);
  }

  @Test
  void pacedRunnerStartsLateItemsAtOnce() {
    VirtualPacer pacer = new VirtualPacer();
    List<Long> starts = new ArrayList<>();
    BoundedRunner.run(List.of(0, 1, 2), 1, 100, pacer, i -> {
      starts.add(pacer.now);
      pacer.now += 350; // each task takes longer than the spacing
      return Future.succeededFuture();
    });
    assertThat(starts).containsExactly(0L, 350L, 700L);
  }

  @Test
  void schedulePlansEachCredentialOnItsOwnConnectors() {
    ConnectorDirectory dir = new ConnectorDirectory();
    Set<ConnectorRef> refs = new HashSet<>();
    for (int i = 0; i < 400; i++) {
      refs.add(new ConnectorRef(i < 100 ? "a1" : "a2", "c" + i));
    }
    dir.replace(Set.of("a1", "a2"), refs);
    BudgetSchedule.Budget small = new BudgetSchedule.Budget("token:a1", 120, 0, Duration.ofSeconds(60));
    BudgetSchedule.Budget large = new BudgetSchedule.Budget("token:a2", 1200, 0, Duration.ofSeconds(60));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ConnectorSchedule s = new ConnectorSchedule(Duration.ofSeconds(30), COST,
        List.of(new ConnectorSchedule.CredentialLoad(small, List.of()),
            new ConnectorSchedule.CredentialLoad(large, List.of())),
        acc -> "token:" + acc, dir, new ConnectorTrouble(() -> 0), registry);
    // a1: 100 * 1.25 = 125 requests at 1.9/s = 65.8 s: rounds of 30 s poll 45 connectors (57 requests);
    // a2: 375 requests at 19/s = 19.7 s, every connector every round
    assertThat(s.round()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.plan("token:a1").limited()).isTrue();
    assertThat(s.plan("token:a1").quietPerRound()).isEqualTo(45);
    assertThat(s.plan("token:a2").limited()).isFalse();
    assertThat(s.plan("token:a2").cycle()).isEqualTo(Duration.ofSeconds(30));
    assertThat(registry.get("cloudflare_exporter_schedule_cycle_seconds").tag("credential", "token:a1").gauge().value())
        .isCloseTo(30.0 * 100 / 45, org.assertj.core.data.Offset.offset(0.01));
    assertThat(registry.get("cloudflare_exporter_schedule_min_cycle_seconds").tag("credential", "token:a1").gauge()
        .value()).isCloseTo(65.79, org.assertj.core.data.Offset.offset(0.01));
    assertThat(registry.get("cloudflare_exporter_schedule_configured_cycle_seconds").gauge().value()).isEqualTo(30.0);
  }
}
