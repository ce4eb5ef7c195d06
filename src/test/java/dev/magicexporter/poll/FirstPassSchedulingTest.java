package dev.magicexporter.poll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magicexporter.client.ClientOptions;
import dev.magicexporter.client.CloudflareApi;
import dev.magicexporter.client.Credential;
import dev.magicexporter.client.Priority;
import dev.magicexporter.client.RequestBudget;
import dev.magicexporter.client.TestClients;
import dev.magicexporter.metrics.Metrics;
import dev.magicexporter.metrics.self.SelfMetrics;
import dev.magicexporter.sim.SimClock;
import dev.magicexporter.sim.SimOptions;
import dev.magicexporter.sim.Simulator;
import dev.magicexporter.state.CheckpointStore;
import dev.magicexporter.state.TestStores;
import dev.magicexporter.state.TestClock;
import dev.magicexporter.store.ConnectorDirectory;
import dev.magicexporter.store.ConnectorRef;
import dev.magicexporter.store.ConnectorStore;
import dev.magicexporter.store.SnapshotStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduler on one hand-moved clock ({@link HandClock}) for the budget, the pacing and the
 * poll scheduler, against the simulator over real HTTP. What the budget grants, and when, depends
 * on that clock alone; the test only waits for states in which no further request can be sent
 * until the clock moves (the window is full, or every request of the round is out), so its
 * assertions never depend on how fast this machine is.
 *
 * <p>60 connectors, one snapshot and one events poll each per cycle; the budget plans 100
 * requests per 300 s of which 10 are the admin reserve, so the pollers' free window is 90 and the
 * first pass (120 requests) does not fit in one window.
 */
class FirstPassSchedulingTest {
  private static final double T0 = 1_764_000_000;
  private static final String ACC = SimOptions.DEFAULT_ACCOUNT;
  private static final int CONNECTORS = 60;
  private static final Duration WINDOW = Duration.ofSeconds(300);
  private static final String LATEST =
      "GET /accounts/{account_id}/magic/connectors/{connector_id}/telemetry/snapshots/latest";

  @TempDir Path dir;
  private Vertx vertx;
  private Simulator sim;
  private final HandClock hand = new HandClock();
  private final SimClock.Manual simClock = new SimClock.Manual(T0);
  private final Clock wall = TestClock.of(() -> T0 + hand.seconds());
  private final MeterRegistry registry = new SimpleMeterRegistry();
  private final ConnectorDirectory directory = new ConnectorDirectory();
  private RequestBudget budget;
  private CloudflareApi discoveryApi;
  private SnapshotPoller snapshots;
  private EventsPoller events;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    sim = Simulator.withDefaultModules(vertx, SimOptions.defaults().withConnectors(CONNECTORS).withSeed(7), simClock);
    await(sim.start());
    ClientOptions options = ClientOptions.defaults(sim.baseUrl()).withRetries(0, Duration.ZERO, Duration.ZERO);
    Credential credential = Credential.token(SimOptions.DEFAULT_TOKEN);
    budget = new RequestBudget(credential.id(), 100, WINDOW, 0.1, 4, hand).bindTo(registry);
    CloudflareApi api = TestClients.stack(vertx, options, credential, budget, registry).api();
    // Discovery spends a budget of its own, so the one under test sees connector requests only.
    discoveryApi = TestClients.stack(vertx, options, credential).api();
    ConnectorTrouble trouble = new ConnectorTrouble(() -> T0 + hand.seconds());
    ConnectorSchedule schedule = new ConnectorSchedule(Duration.ofMinutes(10), new BudgetSchedule.Cost(1, 1),
        List.of(new ConnectorSchedule.CredentialLoad(budget.credentialId(),
            () -> new BudgetSchedule.Budget(budget.credentialId(), budget.allowed(), budget.reserved(), WINDOW),
            List.of())),
        a -> budget.credentialId(), directory, trouble, registry);
    snapshots = new SnapshotPoller(Map.of(ACC, api), directory, Pipeline.latest(), new SnapshotStore(directory),
        schedule, hand, 8, () -> T0 + hand.seconds());
    CheckpointStore checkpoints = TestStores.open(vertx, dir, wall, Duration.ofDays(1), Duration.ofMinutes(10),
        directory, registry);
    events = new EventsPoller(a -> api, directory, checkpoints,
        EventsSettings.of(Duration.ofMinutes(10), Duration.ZERO), schedule, hand, wall, registry);
  }

  @AfterEach
  void stop() throws Exception {
    await(vertx.close());
  }

  @Test
  void theFirstPassSpendsTheFreeWindowAtOnceTheRestWhenItComesBackAndReadinessIgnoresTheInterval()
      throws Exception {
    PollScheduler scheduler = new PollScheduler(hand, new Metrics(false));
    ConnectorDiscoveryPoller discovery = new ConnectorDiscoveryPoller(Map.of(ACC, discoveryApi), directory,
        new ConnectorStore(), Duration.ofMinutes(10), r -> true);
    scheduler.add(discovery);
    scheduler.addAfter(snapshots, discovery);
    scheduler.addAfter(events, discovery);
    Readiness readiness = new Readiness(scheduler).withFirstPass("snapshots", snapshots::progress)
        .withFirstPass("events", events::progress);
    assertThat(readiness.notReadyReason()).isEqualTo("waiting for the first attempt of connectors, "
        + "events (after the connector list), snapshots (after the connector list)");

    scheduler.start();
    hand.advance(Duration.ofMillis(500));
    awaitTrue(() -> scheduler.status().get("connectors").completedOnce());
    assertThat(readiness.notReadyReason()).isEqualTo("waiting for the first attempt of events 0/60, snapshots 0/60");

    // The first pass: the 90 tokens of the free window at once, never more.
    hand.advance(Duration.ofMillis(500));
    awaitTrue(() -> granted() == 90 && snapshots.progress().done() + events.progress().done() == 90);
    Matcher m = Pattern.compile("waiting for the first attempt of events (\\d+)/60, snapshots (\\d+)/60")
        .matcher(readiness.notReadyReason());
    assertThat(m.matches()).as(readiness.notReadyReason()).isTrue();
    assertThat(Integer.parseInt(m.group(1)) + Integer.parseInt(m.group(2))).isEqualTo(90);
    assertThat(budget.inFlight()).isZero();
    assertThat(budget.remaining()).isEqualTo(budget.reserved());
    assertThat(grantedAs(Priority.FIRST_PASS)).isEqualTo(90);

    hand.advance(Duration.ofSeconds(298));
    assertThat(granted()).as("nothing more inside the window").isEqualTo(90);

    // The window's first tokens come back 300 s after they were spent: the rest of the pass.
    hand.advance(Duration.ofSeconds(2));
    awaitTrue(() -> readiness.notReadyReason() == null);
    assertThat(hand.seconds()).as("ready after the budget allowed, not after poll_interval").isLessThan(302);
    assertThat(granted()).isEqualTo(120);
    assertThat(sim.stats().responses(429)).isZero();

    // Then the steady cycle: the next round, 10 minutes after the first one started, spreads the
    // 60 snapshots over it, one every 10 s.
    Instant firstStart = scheduler.status().get("snapshots").lastStart();
    while (scheduler.status().get("snapshots").lastStart() == firstStart) {
      long next = hand.nextDueNanos();
      assertThat(next).as("a timer is pending").isNotNegative();
      hand.advance(Duration.ofNanos(Math.max(0, next - hand.nanoTime())));
      simClock.set(T0 + hand.seconds());
    }
    double roundStart = hand.seconds();
    assertThat(roundStart).isBetween(1 + 600 - 15.0, 1 + 600 + 15.0);
    awaitTrue(() -> sim.stats().requests(LATEST) == CONNECTORS + 1);
    for (int k = 1; k <= 4; k++) {
      hand.advance(Duration.ofMillis(10_000 - 1));
      assertThat(sim.stats().requests(LATEST)).as("nothing before its turn").isEqualTo(CONNECTORS + k);
      hand.advance(Duration.ofMillis(1));
      int expected = CONNECTORS + k + 1;
      awaitTrue(() -> sim.stats().requests(LATEST) == expected);
    }
    assertThat(grantedAs(Priority.TELEMETRY)).isPositive();
    scheduler.stop();
  }

  @Test
  void nothingIsSentInsideARetryAfterPauseAndTheAllowanceIsLowerAfterIt() throws Exception {
    directory.replace(java.util.Set.of(ACC), sim.world().connectorIds(ACC).stream()
        .map(id -> new ConnectorRef(ACC, id)).collect(java.util.stream.Collectors.toSet()));
    budget.throttled(Duration.ofSeconds(30)); // as a 429 with Retry-After: 30 would
    Future<Poller.PollOutcome> s = snapshots.poll();
    Future<Poller.PollOutcome> e = events.poll();
    hand.advance(Duration.ofMillis(29_999));
    assertThat(granted()).as("nothing inside the pause").isZero();
    assertThat(sim.stats().requests()).isZero();

    // The allowance is halved: 50 per window, 40 of them for the pollers.
    hand.advance(Duration.ofMillis(1));
    assertThat(budget.allowed()).isEqualTo(50);
    awaitTrue(() -> granted() == 40 && budget.inFlight() == 0);
    hand.advance(Duration.ofSeconds(269));
    assertThat(granted()).isEqualTo(40);

    // A tenth of the plan back per window: 60 at 300 s (10 free then), 70 at 600 s.
    hand.advance(Duration.ofSeconds(1));
    awaitTrue(() -> granted() == 50 && budget.inFlight() == 0);
    hand.advance(Duration.ofSeconds(30)); // the 40 of 30 s come back
    awaitTrue(() -> granted() == 90 && budget.inFlight() == 0);
    hand.advance(Duration.ofSeconds(300));
    awaitTrue(() -> s.isComplete() && e.isComplete());
    assertThat(granted()).isEqualTo(120);
    assertThat(snapshots.progress().complete()).isTrue();
    assertThat(events.progress().complete()).isTrue();
  }

  private long granted() {
    long n = 0;
    for (Priority p : Priority.values()) {
      n += grantedAs(p);
    }
    return n;
  }

  private long grantedAs(Priority p) {
    Timer t = registry.find(SelfMetrics.BUDGET_WAIT.name()).tag("priority", p.label()).timer();
    return t == null ? 0 : t.count();
  }

  /** Waits for a state the code under test reaches by itself; the timeout only matters on failure. */
  private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not reached");
      }
      Thread.sleep(5);
    }
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }
}
