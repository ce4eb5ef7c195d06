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

  @Test
  void cycleIsTheConfiguredOneWhileTheBudgetAllowsIt() {
    // 100 connectors * 1.25 = 125 requests per 60 s = 2.1/s, under 1140/300 * 0.95 = 3.61/s
    BudgetSchedule.Plan p = BudgetSchedule.plan(CLOUDFLARE, List.of(), 100, 1.25, Duration.ofSeconds(60));
    assertThat(p.limited()).isFalse();
    assertThat(p.cycle()).isEqualTo(Duration.ofSeconds(60));
    assertThat(p.minCycle().toMillis()).isEqualTo((long) Math.ceil(125 / 3.61 * 1000));
  }

  @Test
  void cycleIsTheBudgetsWhenTheConfiguredOneCannotBeMet() {
    // 2,500 connectors * 1.25 = 3,125 requests at 3.61/s = 865.6 s
    BudgetSchedule.Plan p = BudgetSchedule.plan(CLOUDFLARE, List.of(), 2500, 1.25, Duration.ofSeconds(60));
    assertThat(p.limited()).isTrue();
    assertThat(p.requestsPerCycle()).isEqualTo(3125.0);
    assertThat(p.cycle()).isEqualTo(p.minCycle());
    assertThat(p.cycle().toMillis()).isBetween(865_000L, 866_000L);
  }

  @Test
  void accountLevelSourcesAreTakenOffTheBudgetFirst() {
    List<BudgetSchedule.Load> sources = List.of(
        new BudgetSchedule.Load("tunnels", 3, Duration.ofSeconds(60)),
        new BudgetSchedule.Load("pcaps", 2, Duration.ofSeconds(60)),
        new BudgetSchedule.Load("services", 1, Duration.ofMinutes(5)),
        new BudgetSchedule.Load("inventory", 3 + 4 * 25, Duration.ofMinutes(5)));
    BudgetSchedule.Plan p = BudgetSchedule.plan(CLOUDFLARE, sources, 2500, 1.25, Duration.ofSeconds(60));
    double sourceRate = 5 / 60.0 + 104 / 300.0;
    assertThat(p.sourceRate()).isCloseTo(sourceRate, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(p.connectorRate()).isCloseTo(1140 / 300.0 * 0.95 - sourceRate, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(p.cycle().toMillis()).isEqualTo((long) Math.ceil(3125 / p.connectorRate() * 1000));
  }

  @Test
  void sourcesThatWouldEatTheWholeBudgetLeaveTheConnectorsAQuarter() {
    List<BudgetSchedule.Load> greedy = List.of(new BudgetSchedule.Load("inventory", 10_000, Duration.ofSeconds(60)));
    BudgetSchedule.Plan p = BudgetSchedule.plan(CLOUDFLARE, greedy, 100, 1, Duration.ofSeconds(60));
    assertThat(p.connectorRate()).isCloseTo(1140 / 300.0 * 0.95 * 0.25, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void aReplicasShareOfTheBudgetLengthensItsCycleInProportion() {
    BudgetSchedule.Budget quarter = new BudgetSchedule.Budget("token:abc", 300, 15, Duration.ofMinutes(5));
    BudgetSchedule.Plan whole = BudgetSchedule.plan(CLOUDFLARE, List.of(), 2500, 1.25, Duration.ofSeconds(1));
    BudgetSchedule.Plan part = BudgetSchedule.plan(quarter, List.of(), 625, 1.25, Duration.ofSeconds(1));
    assertThat(part.cycle().toMillis()).isCloseTo(whole.cycle().toMillis(), org.assertj.core.data.Offset.offset(2L));
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
  void scheduleTakesTheLongestCycleOfTheCredentialsAndCountsConnectorsPerCredential() {
    ConnectorDirectory dir = new ConnectorDirectory();
    Set<ConnectorRef> refs = new HashSet<>();
    for (int i = 0; i < 400; i++) {
      refs.add(new ConnectorRef(i < 100 ? "a1" : "a2", "c" + i));
    }
    dir.replace(Set.of("a1", "a2"), refs);
    BudgetSchedule.Budget small = new BudgetSchedule.Budget("token:a1", 120, 0, Duration.ofSeconds(60));
    BudgetSchedule.Budget large = new BudgetSchedule.Budget("token:a2", 1200, 0, Duration.ofSeconds(60));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ConnectorSchedule s = new ConnectorSchedule(Duration.ofSeconds(30), 1.25,
        List.of(new ConnectorSchedule.CredentialLoad(small, List.of()),
            new ConnectorSchedule.CredentialLoad(large, List.of())),
        acc -> "token:" + acc, dir, registry);
    // a1: 100 * 1.25 = 125 requests at 1.9/s = 65.8 s; a2: 375 requests at 19/s = 19.7 s
    assertThat(s.cycle().toMillis()).isEqualTo((long) Math.ceil(125 / (2 * 0.95) * 1000));
    assertThat(s.plan("token:a1").limited()).isTrue();
    assertThat(s.plan("token:a2").limited()).isFalse();
    assertThat(s.plan("token:a2").cycle()).isEqualTo(Duration.ofSeconds(30));
    assertThat(registry.get("cloudflare_exporter_schedule_cycle_seconds").tag("credential", "token:a1").gauge().value())
        .isCloseTo(65.79, org.assertj.core.data.Offset.offset(0.01));
    assertThat(registry.get("cloudflare_exporter_schedule_configured_cycle_seconds").gauge().value()).isEqualTo(30.0);
  }
}
