package dev.magicexporter.poll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magicexporter.client.ClientOptions;
import dev.magicexporter.app.ClientStack;
import dev.magicexporter.client.TestClients;
import dev.magicexporter.client.Credential;
import dev.magicexporter.sim.SimClock;
import dev.magicexporter.sim.SimOptions;
import dev.magicexporter.sim.Simulator;
import dev.magicexporter.sim.connectors.SimEvent;
import dev.magicexporter.state.CheckpointStore;
import dev.magicexporter.state.TestStores;
import dev.magicexporter.state.ConnectorCheckpoint;
import dev.magicexporter.state.TestClock;
import dev.magicexporter.store.ConnectorDirectory;
import dev.magicexporter.store.ConnectorRef;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end against the simulator: hours of simulated time, pages of two events (so bursts that
 * share a {@code t} straddle pages), injected 5xx and malformed answers with no client retries (so
 * cycles break off mid-paging), and restarts on the same state directory. Every counter must equal
 * the simulator's ground truth exactly, at every restart and at the end.
 */
class EventsAgainstSimulatorTest {
  private static final double T0 = 1_764_000_000;
  private static final String ACC = SimOptions.DEFAULT_ACCOUNT;

  @TempDir Path dir;
  private Vertx vertx;
  private Simulator sim;
  private final SimClock.Manual simClock = new SimClock.Manual(T0);
  private final Clock clock = TestClock.of(simClock::nowSeconds);
  private final ConnectorDirectory directory = new ConnectorDirectory();
  private ClientStack client;

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    sim = Simulator.withDefaultModules(vertx, SimOptions.defaults().withConnectors(6).withSeed(11)
        .withServerErrorRate(0.04).withMalformedRate(0.04), simClock);
    await(sim.start());
    client = TestClients.stack(vertx, ClientOptions.defaults(sim.baseUrl()).withRetries(0, Duration.ZERO,
        Duration.ZERO), Credential.token(SimOptions.DEFAULT_TOKEN));
    Set<ConnectorRef> refs = sim.world().connectorIds(ACC).stream().map(id -> new ConnectorRef(ACC, id))
        .collect(Collectors.toCollection(TreeSet::new));
    directory.replace(Set.of(ACC), refs);
  }

  @AfterEach
  void stop() throws Exception {
    await(vertx.close());
  }

  private CheckpointStore store() {
    return TestStores.open(vertx, dir, clock, Duration.ofDays(1), Duration.ofMinutes(10), directory,
        new SimpleMeterRegistry());
  }

  private EventsPoller poller(CheckpointStore store) {
    EventsSettings settings = EventsSettings.of(Duration.ofSeconds(300), Duration.ofHours(2))
        .withPageLimit(2).withConcurrency(3);
    return TestPollers.events(client.api(), directory, store, settings, clock, new SimpleMeterRegistry());
  }

  private void assertDiskMatchesGroundTruth() {
    CheckpointStore fromDisk = store();
    for (ConnectorRef ref : directory.connectors()) {
      ConnectorCheckpoint cp = fromDisk.working(ref);
      assertThat(cp.events().totals()).as("connector %s", ref.connectorId())
          .isEqualTo(GroundTruth.expectedTotals(sim.world(), cp));
    }
  }

  @Test
  void hoursOfEventsWithFaultsAndRestartsAreCountedExactlyOnce() throws Exception {
    CheckpointStore store = store();
    EventsPoller poller = poller(store);
    // When each connector's first page was counted: its look-back starts two hours before that
    // poll. Which connector a fault hits first depends on how the concurrent requests interleave,
    // so a connector whose first page failed starts one poll later.
    Map<ConnectorRef, Double> firstCounted = new java.util.HashMap<>();
    for (int step = 0; step < 24; step++) {
      pollAndNoteFirstCounts(poller, store, firstCounted);
      if (step % 7 == 3) {
        assertDiskMatchesGroundTruth();
        store = store();
        poller = poller(store);
      }
      simClock.advance(step % 2 == 0 ? 300 : 247);
    }
    // Let every connector finish a cycle at the same instant, however the faults fell.
    for (int tries = 0; tries < 40 && !allCaughtUp(store, poller); tries++) {
      pollAndNoteFirstCounts(poller, store, firstCounted);
    }
    assertThat(allCaughtUp(store, poller)).as("every connector completed a cycle at the end").isTrue();
    assertDiskMatchesGroundTruth();
    await(store.flush());

    double now = Math.floor(simClock.nowSeconds());
    int sharedAcrossPages = 0;
    for (ConnectorRef ref : directory.connectors()) {
      ConnectorCheckpoint cp = store().working(ref);
      assertThat(firstCounted).as("connector %s counted", ref.connectorId()).containsKey(ref);
      assertThat(cp.events().since()).isEqualTo(firstCounted.get(ref) - 7200);
      assertThat(cp.events().completedTo()).isEqualTo(now);
      assertThat(cp.events().totals()).as("connector %s", ref.connectorId())
          .isEqualTo(GroundTruth.totalsBetween(sim.world(), cp, now));
      List<SimEvent> all = sim.world().events(ACC, ref.connectorId(), T0 - 7200, now);
      Map<Long, Long> perT = all.stream().collect(Collectors.groupingBy(SimEvent::t, Collectors.counting()));
      sharedAcrossPages += (int) perT.values().stream().filter(c -> c >= 3).count();
    }
    assertThat(sharedAcrossPages).as("bursts of 3+ events sharing a t, which pages of 2 must split").isPositive();
    assertThat(sim.stats().malformed() + sim.stats().responses(500) + sim.stats().responses(503))
        .as("faults were injected").isPositive();
  }

  private void pollAndNoteFirstCounts(EventsPoller poller, CheckpointStore store,
      Map<ConnectorRef, Double> firstCounted) throws Exception {
    double polledAt = Math.floor(simClock.nowSeconds());
    await(poller.poll());
    for (ConnectorRef ref : directory.connectors()) {
      if (store.working(ref).events().since() != null) {
        firstCounted.putIfAbsent(ref, polledAt);
      }
    }
  }

  private boolean allCaughtUp(CheckpointStore store, EventsPoller poller) {
    double now = Math.floor(simClock.nowSeconds());
    for (ConnectorRef ref : directory.connectors()) {
      Double done = store.working(ref).events().completedTo();
      if (poller.lastError(ref) != null || done == null || done != now) {
        return false;
      }
    }
    return true;
  }
}
