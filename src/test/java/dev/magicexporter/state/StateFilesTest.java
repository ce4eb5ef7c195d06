package dev.magicexporter.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.magicexporter.model.Event;
import dev.magicexporter.store.ConnectorDirectory;
import dev.magicexporter.store.ConnectorRef;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * #14 item 8 (state parts) and #12: what the state directory may hold besides good checkpoints
 * (links, FIFOs, control characters, leftovers of a full disk), log floods from failing writes,
 * the explicit start step and concurrent updates.
 */
class StateFilesTest {
  private static final double NOW = 1_700_000_000;
  private static final ConnectorRef REF = new ConnectorRef("acc", "conn");
  private static Vertx vertx;

  @TempDir Path dir;
  @TempDir Path outside;
  private final TestClock.Manual clock = TestClock.at(NOW);
  private final ConnectorDirectory directory = new ConnectorDirectory();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() throws Exception {
    await(vertx.close());
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private CheckpointStore open() {
    return TestStores.open(vertx, dir, clock, Duration.ofHours(1), Duration.ofMinutes(10), directory, registry);
  }

  private Path connectors() throws Exception {
    return Files.createDirectories(dir.resolve(CheckpointStore.SUBDIR));
  }

  private Path file(ConnectorRef ref) throws Exception {
    return connectors().resolve(CheckpointStore.fileName(ref));
  }

  private static ConnectorCheckpoint counted(ConnectorCheckpoint c, double t, long n) {
    return c.withEvents(c.events().startingAt(EventKey.before(NOW - 3600))
        .count(List.of(new Event(t, "Reconcile", n, t))).next());
  }

  private static List<String> lines(ListAppender<ILoggingEvent> logs) {
    return logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  @Test
  void aSymlinkIsNeitherFollowedNorEchoed() throws Exception {
    Path secret = Files.writeString(outside.resolve("secret.txt"), "TOP-SECRET-FIRST-LINE\nsecond line\n");
    Files.createSymbolicLink(file(REF), secret);
    ListAppender<ILoggingEvent> logs = CheckpointStoreTest.capture();
    CheckpointStore store = open();
    assertThat(store.working(REF)).isEqualTo(ConnectorCheckpoint.empty(REF));
    assertThat(String.join("\n", lines(logs))).doesNotContain("TOP-SECRET").contains("symbolic link");
    assertThat(Files.readString(secret)).isEqualTo("TOP-SECRET-FIRST-LINE\nsecond line\n");
    assertThat(Files.exists(file(REF), java.nio.file.LinkOption.NOFOLLOW_LINKS)).as("moved aside").isFalse();
    assertThat(registry.get("cloudflare_exporter_state_corrupt_files_total").counter().count()).isEqualTo(1);
    // counting goes on in a file of its own, never through the link
    await(store.update(REF, c -> counted(c, NOW - 10, 0)));
    assertThat(Files.isSymbolicLink(file(REF))).isFalse();
    assertThat(Files.readString(secret)).startsWith("TOP-SECRET-FIRST-LINE");
  }

  @Test
  void aWriteNeverGoesThroughALinkAtTheTemporaryName() throws Exception {
    Path victim = Files.writeString(outside.resolve("victim.txt"), "keep me");
    CheckpointStore store = open();
    Files.createSymbolicLink(file(REF).resolveSibling(file(REF).getFileName() + AtomicFile.TMP_SUFFIX), victim);
    await(store.update(REF, c -> counted(c, NOW - 10, 0)));
    assertThat(Files.readString(victim)).isEqualTo("keep me");
    assertThat(CheckpointCodec.decode(Files.readAllBytes(file(REF))).events().total("Reconcile")).isEqualTo(1);
  }

  @Test
  void aFifoNamedLikeACheckpointIsNotOpened() throws Exception {
    Path fifo = file(REF);
    Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(p.waitFor()).isZero();
    // reading a FIFO blocks until a writer comes: the start would never complete
    CheckpointStore store = assertTimeoutPreemptively(Duration.ofSeconds(30), this::open);
    assertThat(store.working(REF)).isEqualTo(ConnectorCheckpoint.empty(REF));
  }

  @Test
  void controlCharactersFromStateFilesAreEscapedInLogs() throws Exception {
    Files.writeString(file(REF), """
        { "format" : 1, "account_id" : "acc", "connector_id" : "conn",
          "events" : { "floor" : null, "counted" : [], "since" : null, "completed_to" : null, "newest_t" : null,
            "totals" : { "Init\\nWARN forged line\\u001b[31m" : 1 }, "last_t" : { } },
          "snapshots" : { "total" : 0, "gaps" : 0, "last_t" : null, "scanned_to" : null, "period" : null } }
        """);
    Files.writeString(connectors().resolve("acc.x\nWARN forged by a file name.json"), "{}");
    ListAppender<ILoggingEvent> logs = CheckpointStoreTest.capture();
    open();
    List<String> warnings = logs.list.stream().filter(e -> e.getLevel() == Level.WARN)
        .filter(e -> e.getFormattedMessage().contains(dir.toString()))
        .map(ILoggingEvent::getFormattedMessage).toList();
    assertThat(warnings).hasSize(2).allSatisfy(w -> assertThat(w).doesNotContain("\n").doesNotContain("\u001b"));
    assertThat(warnings).anySatisfy(w -> assertThat(w).contains("events.totals.Init\\nWARN forged line\\x1b[31m"));
    assertThat(warnings).anySatisfy(w -> assertThat(w).contains("acc.x\\nWARN forged by a file name.json"));
  }

  @Test
  void aFailedWriteLeavesNoTemporaryFileAndLeftoversGoAtTheNextStart() throws Exception {
    CheckpointStore store = open();
    // a non-empty directory where the file goes: the rename fails after the temporary file is written
    Files.createDirectories(file(REF).resolve("blocker"));
    assertThatThrownBy(() -> await(store.update(REF, c -> counted(c, NOW - 10, 0)))).hasMessageContaining("not written");
    try (Stream<Path> s = Files.list(connectors())) {
      assertThat(s.map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith(AtomicFile.TMP_SUFFIX));
    }
    // a crash or a full disk earlier left zero-byte temporary files: the next start deletes them
    Files.createFile(connectors().resolve("acc.other.json" + AtomicFile.TMP_SUFFIX));
    Files.delete(file(REF).resolve("blocker"));
    Files.delete(file(REF));
    open();
    try (Stream<Path> s = Files.list(connectors())) {
      assertThat(s.map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith(AtomicFile.TMP_SUFFIX));
    }
  }

  @Test
  void failingWritesLogOneLinePerMinuteAndCountEveryFailure() throws Exception {
    CheckpointStore store = open();
    ListAppender<ILoggingEvent> logs = CheckpointStoreTest.capture();
    List<ConnectorRef> refs = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      ConnectorRef ref = new ConnectorRef("acc", "c" + i);
      refs.add(ref);
      Files.createDirectories(file(ref).resolve("blocker")); // every write of these fails, like on a full disk
    }
    for (ConnectorRef ref : refs) {
      assertThatThrownBy(() -> await(store.update(ref, c -> counted(c, NOW - 10, 0)))).isNotNull();
    }
    assertThat(registry.get("cloudflare_exporter_state_writes_total").tag("result", "error").counter().count())
        .isEqualTo(40);
    assertThat(lines(logs)).filteredOn(l -> l.contains("cannot write checkpoint") && l.contains(dir.toString())).hasSize(1);
    clock.advance(60);
    assertThatThrownBy(() -> await(store.update(refs.get(0), c -> counted(c, NOW - 5, 0)))).isNotNull();
    assertThat(lines(logs)).filteredOn(l -> l.contains("cannot write checkpoint") && l.contains(dir.toString())).hasSize(2)
        .last().asString().contains("39 similar lines suppressed");
  }

  @Test
  void theConstructorTouchesNoFileAndStartLoadsOnAWorkerThread() throws Exception {
    Path state = dir.resolve("later");
    CheckpointStore store = new CheckpointStore(vertx, state, clock, Duration.ofHours(1), Duration.ofMinutes(10),
        new FutureCheckpoints(FutureCheckpoints.DEFAULT_TOLERANCE, TestStores.LOOKBACK), directory, registry);
    assertThat(state).doesNotExist();
    assertThatThrownBy(() -> store.working(REF)).isInstanceOf(IllegalStateException.class).hasMessageContaining("start()");
    ListAppender<ILoggingEvent> logs = CheckpointStoreTest.capture();
    TestStores.started(store);
    assertThat(state.resolve(CheckpointStore.SUBDIR)).isDirectory();
    assertThat(logs.list).filteredOn(e -> e.getFormattedMessage().startsWith("loaded 0 connector checkpoints"))
        .singleElement().satisfies(e -> assertThat(e.getThreadName()).contains("worker"));
    assertThat(await(store.start().recover(e -> Future.succeededFuture(null)))).isNull();
    assertThat(store.start().failed()).as("start twice is refused").isTrue();
  }

  @Test
  void concurrentUpdatesFromManyThreadsLoseNothing() throws Exception {
    CheckpointStore store = open();
    int threads = 6;
    int perThread = 150;
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> all = new ArrayList<>();
    List<Future<Void>> writes = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < threads; t++) {
      long n0 = (long) t * perThread;
      Thread th = new Thread(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          return;
        }
        for (long n = n0; n < n0 + perThread; n++) {
          long key = n;
          writes.add(store.update(REF, c -> counted(c, NOW - 10, key)));
          store.working(REF);
          store.durable(REF);
        }
      });
      th.start();
      all.add(th);
    }
    go.countDown();
    for (Thread th : all) {
      th.join();
    }
    await(Future.join(new ArrayList<>(writes)));
    assertThat(store.working(REF).events().total("Reconcile")).isEqualTo(threads * perThread);
    await(store.flush());
    assertThat(store.durable(REF)).isEqualTo(store.working(REF));
    assertThat(CheckpointCodec.decode(Files.readAllBytes(file(REF))).events().total("Reconcile"))
        .isEqualTo(threads * perThread);
  }

  @Test
  void analyticsStateFilesAreReadAsSafely() throws Exception {
    Path analytics = Files.createDirectories(dir.resolve(AnalyticsCheckpointStore.SUBDIR));
    Path secret = Files.writeString(outside.resolve("secret.txt"), "TOP-SECRET-FIRST-LINE\n");
    Files.createSymbolicLink(analytics.resolve(AnalyticsCheckpointStore.fileName("acc")), secret);
    Files.writeString(analytics.resolve("x\nWARN forged.json"), "{}");
    ListAppender<ILoggingEvent> logs = CheckpointStoreTest.capture();
    assertThat(new AnalyticsCheckpointStore(dir, clock, registry).load()).isEmpty();
    assertThat(String.join("\n", lines(logs))).doesNotContain("TOP-SECRET").contains("symbolic link")
        .contains("x\\nWARN forged.json");
    assertThat(Files.readString(secret)).isEqualTo("TOP-SECRET-FIRST-LINE\n");
  }
}
