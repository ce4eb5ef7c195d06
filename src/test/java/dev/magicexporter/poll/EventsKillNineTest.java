package dev.magicexporter.poll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magicexporter.sim.SimClock;
import dev.magicexporter.sim.SimOptions;
import dev.magicexporter.sim.Simulator;
import dev.magicexporter.state.CheckpointCodec;
import dev.magicexporter.state.CheckpointStore;
import dev.magicexporter.state.ConnectorCheckpoint;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real process polling the simulator is killed with SIGKILL in the middle of its first window
 * (pages of two events, many pages per connector), restarted on the same state directory, and
 * killed again later: after each kill, every checkpoint on disk holds exactly the simulator's
 * ground truth for what it says it counted, and the restarted process continues from it.
 */
@Tag("slow")
class EventsKillNineTest {
  private static final String ACC = SimOptions.DEFAULT_ACCOUNT;
  private static final int CONNECTORS = 6;

  @TempDir Path tmp;
  private Vertx vertx;
  private Simulator sim;
  private final List<Process> children = new ArrayList<>();

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @BeforeEach
  void startSimulator() throws Exception {
    vertx = Vertx.vertx();
    sim = Simulator.withDefaultModules(vertx, SimOptions.defaults().withConnectors(CONNECTORS).withSeed(5)
        .withLatency(Duration.ofMillis(10)), SimClock.system());
    await(sim.start());
  }

  @AfterEach
  void stopAll() throws Exception {
    for (Process p : children) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    await(vertx.close());
  }

  private Process startChild(Path stateDir, Path log) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx192m", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"),
        EventsChildProcess.class.getName(),
        sim.baseUrl(), stateDir.toString(), ACC, Long.toString(Duration.ofHours(4).toSeconds()), "2"));
    cmd.addAll(sim.world().connectorIds(ACC));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    children.add(p);
    return p;
  }

  private static void kill9(Process p) throws InterruptedException {
    p.destroyForcibly(); // SIGKILL on Unix: no shutdown hooks, no flush
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
  }

  private static Map<String, ConnectorCheckpoint> onDisk(Path stateDir) throws Exception {
    Map<String, ConnectorCheckpoint> out = new TreeMap<>();
    Path dir = stateDir.resolve(CheckpointStore.SUBDIR);
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".json")).toList()) {
        ConnectorCheckpoint cp = CheckpointCodec.decode(Files.readAllBytes(f));
        out.put(cp.ref().connectorId(), cp);
      }
    }
    return out;
  }

  private static void waitUntil(String what, Duration timeout, Process child, Path log, BooleanSupplier done)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (!child.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("gave up waiting for " + what + "; child alive=" + child.isAlive()
            + ", its log:\n" + Files.readString(log));
      }
      Thread.sleep(25); // waiting on another process: nothing to await
    }
  }

  private void assertEveryCheckpointMatchesGroundTruth(Map<String, ConnectorCheckpoint> disk) {
    for (ConnectorCheckpoint cp : disk.values()) {
      assertThat(cp.events().totals()).as("connector %s", cp.ref().connectorId())
          .isEqualTo(GroundTruth.expectedTotals(sim.world(), cp));
    }
  }

  @Test
  void killedMidPagingAndRestartedTheCountersEqualTheGroundTruthExactly() throws Exception {
    Path stateDir = tmp.resolve("state");
    Path log1 = tmp.resolve("child1.log");
    Process first = startChild(stateDir, log1);
    waitUntil("the first process to be well into its first window", Duration.ofSeconds(90), first, log1,
        () -> sim.stats().requests() >= 40);
    kill9(first);

    Map<String, ConnectorCheckpoint> afterKill = onDisk(stateDir);
    assertThat(afterKill).as("checkpoints written before the kill").isNotEmpty();
    assertThat(afterKill.values()).as("killed before any connector finished its 4 h window")
        .anyMatch(cp -> cp.events().completedTo() == null && cp.events().grandTotal() > 0);
    assertEveryCheckpointMatchesGroundTruth(afterKill);

    long restartedAt = (long) Math.floor(System.currentTimeMillis() / 1000.0);
    Path log2 = tmp.resolve("child2.log");
    Process second = startChild(stateDir, log2);
    waitUntil("every connector to be counted past the restart", Duration.ofSeconds(120), second, log2, () -> {
      try {
        Map<String, ConnectorCheckpoint> now = onDisk(stateDir);
        return now.size() == CONNECTORS && now.values().stream()
            .allMatch(cp -> cp.events().completedTo() != null && cp.events().completedTo() >= restartedAt + 2);
      } catch (Exception e) {
        return false; // a file being replaced right now; look again
      }
    });
    kill9(second);

    Map<String, ConnectorCheckpoint> finalState = onDisk(stateDir);
    assertEveryCheckpointMatchesGroundTruth(finalState);
    for (ConnectorCheckpoint before : afterKill.values()) {
      ConnectorCheckpoint after = finalState.get(before.ref().connectorId());
      assertThat(after.events().since()).as("resumed, not restarted from the look-back")
          .isEqualTo(before.events().since());
      assertThat(after.events().grandTotal()).isGreaterThanOrEqualTo(before.events().grandTotal());
    }
    long total = finalState.values().stream().mapToLong(cp -> cp.events().grandTotal()).sum();
    assertThat(total).as("events counted over all connectors").isGreaterThan(100);
  }
}
