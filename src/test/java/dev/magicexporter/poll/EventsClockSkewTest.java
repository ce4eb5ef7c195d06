package dev.magicexporter.poll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magicexporter.client.ClientOptions;
import dev.magicexporter.client.CloudflareApi;
import dev.magicexporter.client.Credential;
import dev.magicexporter.client.TestClients;
import dev.magicexporter.sim.SimClock;
import dev.magicexporter.sim.SimOptions;
import dev.magicexporter.sim.Simulator;
import dev.magicexporter.state.CheckpointStore;
import dev.magicexporter.state.ConnectorCheckpoint;
import dev.magicexporter.state.TestClock;
import dev.magicexporter.state.TestStores;
import dev.magicexporter.store.ConnectorDirectory;
import dev.magicexporter.store.ConnectorRef;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * #14 item 5 end to end: the exporter's clock runs a day ahead of the API's for a while, then is
 * set right. Without the rebase every window would start a day ahead and nothing new would be
 * counted for a day; with it, every event is counted exactly once (the simulator's ground truth).
 */
class EventsClockSkewTest {
  private static final double T0 = 1_764_000_000;
  private static final String ACC = SimOptions.DEFAULT_ACCOUNT;
  private static final Duration LOOKBACK = Duration.ofHours(2);

  @TempDir Path dir;
  private Vertx vertx;
  private Simulator sim;
  private final SimClock.Manual simClock = new SimClock.Manual(T0);
  /** How far the exporter's clock is ahead of the simulator's (the API's). */
  private final double[] skew = {0};
  private final Clock clock = TestClock.of(() -> simClock.nowSeconds() + skew[0]);
  private final ConnectorDirectory directory = new ConnectorDirectory();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private CloudflareApi client;

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    sim = Simulator.withDefaultModules(vertx, SimOptions.defaults().withConnectors(4).withSeed(5), simClock);
    await(sim.start());
    client = TestClients.stack(vertx, ClientOptions.defaults(sim.baseUrl()), Credential.token(SimOptions.DEFAULT_TOKEN))
        .api();
    Set<ConnectorRef> refs = sim.world().connectorIds(ACC).stream().map(id -> new ConnectorRef(ACC, id))
        .collect(Collectors.toCollection(TreeSet::new));
    directory.replace(Set.of(ACC), refs);
  }

  @AfterEach
  void stop() throws Exception {
    await(vertx.close());
  }

  @Test
  void aClockThatRanADayAheadLosesAndDoubleCountsNothingOnceItIsSetRight() throws Exception {
    CheckpointStore store = TestStores.open(vertx, dir, clock, Duration.ofDays(1), Duration.ofMinutes(10), directory,
        registry);
    EventsSettings settings = EventsSettings.of(Duration.ofSeconds(300), LOOKBACK).withPageLimit(20);
    EventsPoller poller = TestPollers.events(client, directory, store, settings, clock, new SimpleMeterRegistry());
    for (int step = 0; step < 12; step++) {
      skew[0] = step >= 3 && step < 6 ? 86_400 : 0; // a day ahead for three cycles, then set right
      if (step == 6) {
        // restart too, so the checkpoints from the future come from disk
        await(store.flush());
        store = TestStores.open(vertx, dir, clock, Duration.ofDays(1), Duration.ofMinutes(10), directory, registry);
        poller = TestPollers.events(client, directory, store, settings, clock, new SimpleMeterRegistry());
      }
      await(poller.poll());
      simClock.advance(300);
    }
    double now = Math.floor(simClock.nowSeconds());
    for (int tries = 0; tries < 20 && !caughtUp(store, poller, now); tries++) {
      await(poller.poll());
    }
    assertThat(caughtUp(store, poller, now)).isTrue();
    long events = 0;
    for (ConnectorRef ref : directory.connectors()) {
      ConnectorCheckpoint cp = store.working(ref);
      assertThat(cp.events().since()).isEqualTo(T0 - LOOKBACK.toSeconds());
      assertThat(cp.events().totals()).as("connector %s", ref.connectorId())
          .isEqualTo(GroundTruth.totalsBetween(sim.world(), cp, now));
      events += cp.events().grandTotal();
    }
    assertThat(events).as("events happened while the clock was ahead and after").isGreaterThan(20);
    assertThat(registry.get("cloudflare_exporter_state_future_checkpoints_total").counter().count())
        .as("each connector's checkpoint was rebased once").isEqualTo(directory.connectors().size());
  }

  private static boolean caughtUp(CheckpointStore store, EventsPoller poller, double now) {
    for (ConnectorRef ref : store.present()) {
      Double done = store.working(ref).events().completedTo();
      if (poller.lastError(ref) != null || done == null || done < now) {
        return false;
      }
    }
    return true;
  }
}
