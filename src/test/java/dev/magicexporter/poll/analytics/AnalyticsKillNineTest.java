package dev.magicexporter.poll.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magicexporter.model.analytics.AnalyticsFeed;
import dev.magicexporter.sim.SimClock;
import dev.magicexporter.sim.SimOptions;
import dev.magicexporter.sim.Simulator;
import dev.magicexporter.sim.graphql.AnalyticsSimWorld;
import dev.magicexporter.state.AnalyticsCheckpoint;
import dev.magicexporter.state.AnalyticsCheckpointCodec;
import dev.magicexporter.state.AnalyticsCheckpointStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real process counting analytics from the simulator is killed with SIGKILL twice at arbitrary
 * points, restarted on the same state directory each time, and finally left to finish: after every
 * kill the checkpoint on disk holds exactly the simulator's ground truth for the windows it says it
 * counted, and each restart continues where the last one stopped (same {@code since}, no window
 * twice, none lost). Simulator and child share a fast clock through the wall clock (one second is
 * one simulated minute), so minutes close quickly. Nothing here depends on how fast the machine is:
 * the child polls once per simulated interval like the scheduler (inside the simulator's quota
 * whatever the load) and every cycle it gets counts up to three minutes, so each wait below is a
 * bounded number of cycles; the cap only turns a broken child into a failure with its log.
 */
@Tag("slow")
class AnalyticsKillNineTest {
  private static final String ACC = SimOptions.DEFAULT_ACCOUNT;
  private static final long T0 = 1_764_000_000L;
  private static final double SPEED = 60;
  /** Only for a broken child: a working one needs a few dozen cycles at most. */
  private static final Duration CAP = Duration.ofMinutes(5);

  @TempDir Path tmp;
  private Vertx vertx;
  private Simulator sim;
  private long wallStart;
  private final List<Process> children = new ArrayList<>();

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @BeforeEach
  void startSimulator() throws Exception {
    vertx = Vertx.vertx();
    wallStart = System.currentTimeMillis();
    SimClock fast = () -> AnalyticsChildProcess.now(T0, wallStart, SPEED);
    sim = Simulator.withDefaultModules(vertx, SimOptions.defaults().withSeed(3).withPort(0), fast);
    await(sim.start());
  }

  @AfterEach
  void stopAll() throws Exception {
    for (Process p : children) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    await(vertx.close());
  }

  private Process startChild(Path stateDir, Path log, long stopAfter) throws IOException {
    List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
        AnalyticsChildProcess.class.getName(), sim.baseUrl(), stateDir.toString(), ACC, Long.toString(T0),
        Long.toString(wallStart), Double.toString(SPEED), Long.toString(stopAfter));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    children.add(p);
    return p;
  }

  private static AnalyticsCheckpoint onDisk(Path stateDir) {
    Path f = stateDir.resolve(AnalyticsCheckpointStore.SUBDIR).resolve(ACC + ".json");
    try {
      return Files.exists(f) ? AnalyticsCheckpointCodec.decode(Files.readAllBytes(f)) : null;
    } catch (Exception e) {
      throw new AssertionError("the checkpoint on disk is not readable: " + e.getMessage(), e);
    }
  }

  private static long counted(AnalyticsCheckpoint cp) {
    AnalyticsCheckpoint.Counted c = cp == null ? null : cp.feed(AnalyticsFeed.TUNNEL_TRAFFIC);
    return c == null ? 0 : c.countedTo() - c.since();
  }

  private static void waitUntil(String what, Process child, Path log, BooleanSupplier done) throws Exception {
    long deadline = System.nanoTime() + CAP.toNanos();
    while (!done.getAsBoolean()) {
      if (!child.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("gave up waiting for " + what + "; child alive=" + child.isAlive() + ", its log:\n"
            + Files.readString(log));
      }
      Thread.sleep(25); // waiting on another process: nothing to await
    }
  }

  private static void waitForExit(Process child, Path log) throws Exception {
    if (!child.waitFor(CAP.toSeconds(), TimeUnit.SECONDS)) {
      throw new AssertionError("the child did not finish; its log:\n" + Files.readString(log));
    }
    assertThat(child.exitValue()).as("exit status; log:\n%s", Files.readString(log)).isZero();
  }

  private static void kill9(Process p) throws InterruptedException {
    p.destroyForcibly(); // SIGKILL on Unix: no shutdown hooks, no flush
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
  }

  @Test
  void killedTwiceAndRestartedTheCountersEqualTheGroundTruthExactly() throws Exception {
    AnalyticsSimWorld truth = AnalyticsSimWorld.of(sim.world());
    Path state = tmp.resolve("state");
    long finish = 30 * 60;

    Path log1 = tmp.resolve("child1.log");
    Process first = startChild(state, log1, finish);
    waitUntil("12 counted minutes", first, log1, () -> counted(onDisk(state)) >= 12 * 60);
    kill9(first);
    AnalyticsCheckpoint afterFirst = onDisk(state);
    assertThat(AnalyticsGroundTruth.assertExact(truth, ACC, afterFirst)).isEqualTo(3);

    Path log2 = tmp.resolve("child2.log");
    Process second = startChild(state, log2, finish);
    waitUntil("counting past the first kill", second, log2,
        () -> counted(onDisk(state)) >= counted(afterFirst) + 5 * 60);
    kill9(second);
    AnalyticsCheckpoint afterSecond = onDisk(state);
    AnalyticsGroundTruth.assertExact(truth, ACC, afterSecond);

    Path log3 = tmp.resolve("child3.log");
    Process third = startChild(state, log3, finish);
    waitForExit(third, log3);
    AnalyticsCheckpoint last = onDisk(state);
    AnalyticsGroundTruth.assertExact(truth, ACC, last);
    for (AnalyticsFeed f : afterFirst.feeds().keySet()) {
      assertThat(last.feed(f).since()).as("%s resumed, never restarted", f.id()).isEqualTo(afterFirst.feed(f).since());
      assertThat(last.feed(f).countedTo()).isGreaterThanOrEqualTo(afterSecond.feed(f).countedTo());
    }
    assertThat(counted(last)).isGreaterThanOrEqualTo(finish);
  }
}
