package dev.magicexporter.poll.analytics;

import dev.magicexporter.client.ClientOptions;
import dev.magicexporter.app.ClientStack;
import dev.magicexporter.client.TestClients;
import dev.magicexporter.client.Credential;
import dev.magicexporter.model.analytics.AccountAnalytics;
import dev.magicexporter.model.analytics.AnalyticsFeed;
import dev.magicexporter.poll.source.SourceHealth;
import dev.magicexporter.sim.SimOptions;
import dev.magicexporter.state.AnalyticsCheckpoint;
import dev.magicexporter.state.AnalyticsCheckpointStore;
import dev.magicexporter.state.TestClock;
import dev.magicexporter.store.AccountStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * The analytics poller of one account as a process of its own, for {@link AnalyticsKillNineTest}:
 * polls the simulator like the daemon's scheduler does, on a fast clock shared with the parent
 * through the wall clock ({@code t0 + elapsed x speed}), and exits by itself once the traffic feed
 * has counted {@code stopAfter} seconds.
 *
 * <p>Like the scheduler, it starts a cycle once per {@code interval} of (simulated) time and goes
 * on after a failed cycle. That keeps its requests inside the simulator's GraphQL quota and the
 * REST budget however fast or slow the machine is (a cycle per simulated minute is 5 dataset
 * nodes per minute against 300 per 5 minutes), while every cycle that runs still counts up to
 * {@code max_window}: the work to finish is a bounded number of cycles, not a race with the
 * clock. Anything unexpected ends the process with status 1 and the stack trace, never a process
 * that hangs on its Vert.x threads.
 *
 * <p>Arguments: base URL, state directory, account, t0, wall start (ms), speed, stopAfter (s).
 */
public final class AnalyticsChildProcess {
  private AnalyticsChildProcess() {}

  static double now(long t0, long wallStart, double speed) {
    return t0 + (System.currentTimeMillis() - wallStart) / 1000.0 * speed;
  }

  public static void main(String[] args) {
    try {
      run(args);
    } catch (Throwable t) {
      t.printStackTrace(System.out);
      System.out.flush();
      Runtime.getRuntime().halt(1);
    }
  }

  private static void run(String[] args) throws Exception {
    String baseUrl = args[0];
    Path stateDir = Path.of(args[1]);
    String account = args[2];
    long t0 = Long.parseLong(args[3]);
    long wallStart = Long.parseLong(args[4]);
    double speed = Double.parseDouble(args[5]);
    long stopAfter = Long.parseLong(args[6]);
    Vertx vertx = Vertx.vertx();
    Clock clock = TestClock.of(() -> now(t0, wallStart, speed));
    ClientStack client = TestClients.stack(vertx, ClientOptions.defaults(baseUrl),
        Credential.token(SimOptions.DEFAULT_TOKEN));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    AnalyticsSettings settings = new AnalyticsSettings(Duration.ofSeconds(60), Duration.ofSeconds(300),
        Duration.ofMinutes(10), Duration.ofMinutes(3), 10_000, false);
    AnalyticsPoller poller = await(AnalyticsPoller.create(vertx,
        List.of(new AnalyticsPoller.Target(account, client.api(), AnalyticsQuota.none())),
        new AccountStore<AccountAnalytics>(), new AnalyticsCheckpointStore(stateDir, clock, registry),
        new SourceHealth(registry), registry, settings, clock));
    System.out.println("child polling " + baseUrl + " for " + account);
    double interval = settings.interval().toSeconds();
    double due = now(t0, wallStart, speed);
    while (true) {
      while (now(t0, wallStart, speed) < due) {
        Thread.sleep(5); // the scheduler's timer: the next cycle is due one interval after the last began
      }
      due = now(t0, wallStart, speed) + interval;
      try {
        await(poller.poll());
      } catch (ExecutionException e) {
        // a failed cycle (every feed failed, e.g. the quota): the scheduler goes on, so does the child
        System.out.println("cycle failed: " + e.getCause().getMessage());
      }
      AnalyticsCheckpoint.Counted c = poller.checkpoints().get(account).feed(AnalyticsFeed.TUNNEL_TRAFFIC);
      if (c != null && c.countedTo() - c.since() >= stopAfter) {
        System.out.println("counted " + (c.countedTo() - c.since()) + " s; done");
        System.exit(0);
      }
    }
  }

  /** No timeout of its own: the client's request timeouts end every cycle; the parent caps the whole. */
  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get();
  }
}
