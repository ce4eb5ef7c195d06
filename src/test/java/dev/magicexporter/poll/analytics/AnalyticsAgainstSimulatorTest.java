package dev.magicexporter.poll.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.magicexporter.client.BudgetClock;
import dev.magicexporter.client.ClientOptions;
import dev.magicexporter.app.ClientStack;
import dev.magicexporter.client.TestClients;
import dev.magicexporter.client.Credential;
import dev.magicexporter.client.RequestBudget;
import dev.magicexporter.client.graphql.GraphQlBudget;
import dev.magicexporter.model.analytics.AccountAnalytics;
import dev.magicexporter.model.analytics.AnalyticsFeed;
import dev.magicexporter.model.analytics.AnalyticsGroup;
import dev.magicexporter.model.analytics.FeedData;
import dev.magicexporter.poll.source.SourceHealth;
import dev.magicexporter.sim.SimModules;
import dev.magicexporter.sim.SimOptions;
import dev.magicexporter.sim.graphql.AnalyticsSimWorld;
import dev.magicexporter.state.AnalyticsCheckpointStore;
import dev.magicexporter.state.TestClock;
import dev.magicexporter.store.AccountStore;
import dev.magicexporter.testing.SimHarness;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analytics poller against the simulator over real HTTP: counters equal the simulator's
 * ground truth for exactly the windows the checkpoint says it counted, across a restart and a
 * stretch of downtime; gauges equal the truth of the latest closed minute; a denied feed fails
 * alone.
 */
class AnalyticsAgainstSimulatorTest {
  private static final String A = SimOptions.DEFAULT_ACCOUNT;
  private static final long T0 = 1_764_000_000L;

  @TempDir Path state;
  private SimHarness sim;
  private AnalyticsSimWorld truth;
  private ClientStack client;
  private AccountStore<AccountAnalytics> store;

  @BeforeEach
  void start() {
    sim = new SimHarness(SimOptions.defaults().withSeed(11), T0, SimModules.defaults());
    truth = AnalyticsSimWorld.of(sim.simulator.world());
    client = TestClients.stack(sim.vertx, ClientOptions.defaults(sim.baseUrl()),
        Credential.token(sim.options.apiToken()));
    store = new AccountStore<>();
  }

  @AfterEach
  void stop() {
    SimHarness.await(client.close());
    sim.close();
  }

  private AnalyticsPoller poller(Duration lookback, Duration maxWindow) {
    TestClock clock = TestClock.of(sim.clock::nowSeconds);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    AnalyticsSettings settings = new AnalyticsSettings(Duration.ofSeconds(60), Duration.ofSeconds(300), lookback,
        maxWindow, 10_000, false);
    return SimHarness.await(AnalyticsPoller.create(sim.vertx,
        List.of(new AnalyticsPoller.Target(A, client.api(), AnalyticsQuota.none())),
        store, new AnalyticsCheckpointStore(state, clock, registry), new SourceHealth(registry), registry, settings,
        clock));
  }

  private void cycles(AnalyticsPoller p, int n) {
    for (int i = 0; i < n; i++) {
      SimHarness.await(p.poll());
      sim.clock.advance(60);
    }
  }

  @Test
  void countersEqualTheGroundTruthAcrossARestartAndDowntime() {
    AnalyticsPoller first = poller(Duration.ofMinutes(10), Duration.ofMinutes(4));
    cycles(first, 6); // 10 minutes of look-back in 4-minute steps, then a minute per cycle
    assertThat(AnalyticsGroundTruth.assertExact(truth, A, first.checkpoints().get(A))).isEqualTo(3);
    long countedTo = first.checkpoints().get(A).feed(AnalyticsFeed.TUNNEL_TRAFFIC).countedTo();
    assertThat(countedTo).isEqualTo(T0 + 5 * 60 - 300);

    // down for 20 minutes, then a new process on the same state directory
    sim.clock.advance(20 * 60);
    store = new AccountStore<>();
    AnalyticsPoller second = poller(Duration.ofMinutes(10), Duration.ofMinutes(4));
    assertThat(store.get(A).feed(AnalyticsFeed.TUNNEL_TRAFFIC).window().end()).isEqualTo(countedTo);
    cycles(second, 7);
    var cp = second.checkpoints().get(A);
    assertThat(cp.feed(AnalyticsFeed.TUNNEL_TRAFFIC).since()).isEqualTo(T0 - 300 - 600);
    assertThat(cp.feed(AnalyticsFeed.TUNNEL_TRAFFIC).countedTo())
        .as("caught up to the latest closed minute").isEqualTo((long) sim.clock.nowSeconds() - 60 - 300);
    AnalyticsGroundTruth.assertExact(truth, A, cp);
    // the store shows what the checkpoint holds
    assertThat(store.get(A).feed(AnalyticsFeed.FIREWALL_SAMPLES).groups())
        .isEqualTo(cp.feed(AnalyticsFeed.FIREWALL_SAMPLES).totals());
  }

  @Test
  void gaugesDescribeTheLatestClosedMinute() {
    AnalyticsPoller p = poller(Duration.ZERO, Duration.ofMinutes(4));
    SimHarness.await(p.poll());
    FeedData health = store.get(A).feed(AnalyticsFeed.TUNNEL_HEALTH);
    assertThat(health.window().end()).isEqualTo(T0 - 300);
    Map<List<String>, Double> want = truth.averages(AnalyticsFeed.TUNNEL_HEALTH.dataset(), A,
        health.window().start(), health.window().end(), List.of("tunnelName", "edgeColoName"), "tunnelState");
    assertThat(health.groups()).hasSize(want.size());
    for (AnalyticsGroup g : health.groups()) {
      assertThat(g.value(AnalyticsFeed.TUNNEL_HEALTH.aggregate("avg.tunnelState")))
          .isCloseTo(want.get(g.dimensions()), within(1e-12));
    }
    FeedData slo = store.get(A).feed(AnalyticsFeed.TUNNEL_SLO);
    assertThat(slo.groups()).isNotEmpty();
  }

  /** The budget's clock is the simulator's: its timers run when the test moves the clock to them. */
  private final class SimBudgetClock implements BudgetClock {
    private final List<Long> due = new ArrayList<>();
    private final List<Runnable> tasks = new ArrayList<>();

    @Override
    public long nanoTime() {
      return Math.round(sim.clock.nowSeconds() * 1e9);
    }

    @Override
    public synchronized void schedule(long delayNanos, Runnable task) {
      due.add(nanoTime() + delayNanos);
      tasks.add(task);
    }

    /** When the next timer falls due, or empty when none is set. */
    synchronized OptionalLong nextDue() {
      return due.stream().mapToLong(Long::longValue).min();
    }

    /** Moves the simulator's clock to the next timer and runs every timer then due. */
    void advanceToNextDue() {
      OptionalLong next = nextDue();
      if (next.isEmpty()) {
        return;
      }
      sim.clock.advance(Math.max(0, next.getAsLong() - nanoTime()) / 1e9);
      List<Runnable> run = new ArrayList<>();
      synchronized (this) {
        long now = nanoTime();
        for (int i = due.size() - 1; i >= 0; i--) {
          if (due.get(i) <= now) {
            due.remove(i);
            run.add(tasks.remove(i));
          }
        }
      }
      run.forEach(Runnable::run);
    }
  }

  @Test
  void theGraphQlBudgetKeepsTheRequestsInsideTheSimulatorsQuota() throws InterruptedException {
    truth.quota(10, Duration.ofMinutes(5)); // two cycles' worth
    SimBudgetClock budgetClock = new SimBudgetClock();
    GraphQlBudget budget = new GraphQlBudget("token:sim", 10, Duration.ofMinutes(5), budgetClock);
    TestClock clock = TestClock.of(sim.clock::nowSeconds);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    AnalyticsPoller p = SimHarness.await(AnalyticsPoller.create(sim.vertx,
        List.of(new AnalyticsPoller.Target(A, client.api(), AnalyticsQuota.of(budget::acquire, budget::exhausted))),
        store, new AnalyticsCheckpointStore(state, clock, registry), new SourceHealth(registry), registry,
        new AnalyticsSettings(Duration.ofSeconds(60), Duration.ofSeconds(300), Duration.ofMinutes(1),
            Duration.ofMinutes(4), 10_000, false), clock));
    int cycles = 0;
    int held = 0;
    long end = (long) sim.clock.nowSeconds() + 12 * 60;
    while (sim.clock.nowSeconds() < end) {
      var cycle = p.poll();
      while (!cycle.isComplete()) {
        if (budget.waitingQueries() > 0 && budgetClock.nextDue().isPresent()) {
          // held by the budget, its wake-up set: time must pass, up to that wake-up
          held++;
          budgetClock.advanceToNextDue();
        } else {
          Thread.sleep(1); // the request is on its way (or the budget is setting its timer): wait, don't move time
        }
      }
      cycles++;
      sim.clock.advance(60);
    }
    assertThat(truth.quotaRefusals()).as("no request over the quota").isZero();
    assertThat(held).as("the budget held requests back").isPositive();
    // at most 10 nodes (two cycles) per 5 minutes: about 2 cycles per 5 minutes plus the first burst
    assertThat(cycles).as("cycles in 12 minutes").isBetween(4, 6);
    AnalyticsGroundTruth.assertExact(truth, A, p.checkpoints().get(A));
  }

  @Test
  void aDeniedFeedFailsAloneAndCountsOnceAllowedAgain() {
    truth.deny(A, AnalyticsFeed.FIREWALL_SAMPLES.dataset());
    AnalyticsPoller p = poller(Duration.ofMinutes(2), Duration.ofMinutes(4));
    cycles(p, 3);
    var cp = p.checkpoints().get(A);
    assertThat(cp.feed(AnalyticsFeed.FIREWALL_SAMPLES)).isNull();
    assertThat(cp.feed(AnalyticsFeed.TUNNEL_TRAFFIC).countedTo() - cp.feed(AnalyticsFeed.TUNNEL_TRAFFIC).since())
        .isEqualTo(4 * 60);
    truth.clearFaults();
    cycles(p, 1);
    cp = p.checkpoints().get(A);
    assertThat(cp.feed(AnalyticsFeed.FIREWALL_SAMPLES).countedTo())
        .isEqualTo(cp.feed(AnalyticsFeed.TUNNEL_TRAFFIC).countedTo());
    AnalyticsGroundTruth.assertExact(truth, A, cp);
  }
}
