package dev.magicexporter.state;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * #14 item 5: a checkpoint later than now (a file from 2100, a clock that ran ahead) is rebased:
 * logged once, counted, and counting resumes from the look-back without counting again anything
 * that was counted.
 */
class FutureCheckpointTest {
  private static final double NOW = 1_700_000_000;
  private static final double Y2100 = 4_102_444_800.0; // 2100-01-01T00:00:00Z
  private static final double LOOKBACK = TestStores.LOOKBACK.toSeconds();
  private static final ConnectorRef REF = new ConnectorRef("acc", "conn");
  private static Vertx vertx;

  @TempDir Path dir;
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

  /** Stores opened by the test: their background writes (rebased checkpoints) end before the directory goes. */
  private final List<CheckpointStore> opened = new ArrayList<>();

  private CheckpointStore open() {
    CheckpointStore s = TestStores.open(vertx, dir, clock, Duration.ofHours(1), Duration.ofMinutes(10), directory,
        registry);
    opened.add(s);
    return s;
  }

  @AfterEach
  void flushOpenedStores() throws Exception {
    for (CheckpointStore s : opened) {
      await(s.flush());
    }
  }

  private Path file(ConnectorRef ref) {
    return dir.resolve(CheckpointStore.SUBDIR).resolve(CheckpointStore.fileName(ref));
  }

  /** A state file as the probe made it: written by hand, its floor in 2100. */
  private void writeFile(ConnectorRef ref, String events) throws Exception {
    Files.createDirectories(file(ref).getParent());
    Files.writeString(file(ref), """
        { "format" : 1, "account_id" : "%s", "connector_id" : "%s",
          "events" : %s,
          "snapshots" : { "total" : 7, "gaps" : 0, "last_t" : 1699999940, "scanned_to" : 4102444800, "period" : 60 } }
        """.formatted(ref.accountId(), ref.connectorId(), events));
  }

  private static final String FLOOR_IN_2100 = """
      { "floor" : { "t" : 4102444800, "n" : null }, "counted" : [ [ 4102444801, 0 ] ], "since" : 1699990000,
        "completed_to" : 4102444800, "newest_t" : 1699999000,
        "totals" : { "Init" : 1, "Reconcile" : 2 }, "last_t" : { "Init" : 1699990000, "Reconcile" : 1699999000 } }""";

  private static ConnectorCheckpoint count(ConnectorCheckpoint c, Event... events) {
    EventKey start = EventKey.before(NOW - LOOKBACK);
    return c.withEvents(c.events().startingAt(start).count(List.of(events)).next());
  }

  private double futureCount() {
    return registry.get("cloudflare_exporter_state_future_checkpoints_total").counter().count();
  }

  @Test
  void aFileFrom2100ResumesAfterTheNewestCountedEventWithTheTotalsKept() throws Exception {
    writeFile(REF, FLOOR_IN_2100);
    ListAppender<ILoggingEvent> logs = CheckpointStoreTest.capture();
    CheckpointStore store = open();

    EventsCheckpoint e = store.working(REF).events();
    // newest_t (1699999000) is later than the look-back start (NOW - 1 h): every event up to it is counted
    assertThat(e.floor()).isEqualTo(new EventKey(1_699_999_000, Long.MAX_VALUE));
    assertThat(e.counted()).isEmpty();
    assertThat(e.totals()).containsEntry("Init", 1L).containsEntry("Reconcile", 2L);
    assertThat(e.completedTo()).isEqualTo(1_699_999_000.0);
    assertThat(e.since()).isEqualTo(1_699_990_000.0);
    assertThat(store.working(REF).snapshots().scannedTo()).isEqualTo(1_699_999_940.0);
    assertThat(futureCount()).isEqualTo(1);
    // (other tests' stores may still log in the background: only this connector's lines count)
    assertThat(logs.list).filteredOn(l -> l.getLevel() == Level.WARN && l.getFormattedMessage().contains("ahead of"))
        .singleElement().satisfies(l -> assertThat(l.getFormattedMessage())
            .contains("conn").contains("ahead of the clock").contains("1699999000"));

    // the event at the mark was counted; a newer one is counted once
    await(store.update(REF, c -> count(c, new Event(1_699_999_000.0, "Reconcile", 7L, 1_699_999_000.0),
        new Event(1_699_999_500.0, "Reconcile", 0L, 1_699_999_500.0))));
    assertThat(store.working(REF).events().totals()).containsEntry("Reconcile", 3L);
    await(store.flush());
    ConnectorCheckpoint onDisk = CheckpointCodec.decode(Files.readAllBytes(file(REF)));
    assertThat(FutureCheckpoints.latestTime(onDisk)).isLessThanOrEqualTo(NOW);
    assertThat(onDisk.events().totals()).containsEntry("Reconcile", 3L);
    assertThat(futureCount()).as("rebased once, not on every read").isEqualTo(1);
  }

  @Test
  void theRebasedVersionIsWrittenAtOnce() throws Exception {
    writeFile(REF, FLOOR_IN_2100);
    CheckpointStore store = open();
    store.working(REF);
    for (int i = 0; i < 100 && store.durable(REF).events().floor().t() > NOW; i++) {
      Thread.sleep(20); // the write runs on a worker thread; wait for its outcome, not for a time
    }
    assertThat(store.durable(REF).events().floor().t()).isLessThan(NOW);
    assertThat(CheckpointCodec.decode(Files.readAllBytes(file(REF))).events().floor().t()).isLessThan(NOW);
  }

  @Test
  void withoutAnyTrustworthyTimeCountingResumesAtNowRatherThanCountTwice() throws Exception {
    writeFile(REF, """
        { "floor" : { "t" : 4102444800, "n" : 3 }, "counted" : [], "since" : 4102440000,
          "completed_to" : 4102444800, "newest_t" : 4102444700,
          "totals" : { "Init" : 4 }, "last_t" : { "Init" : 4102444700 } }""");
    CheckpointStore store = open();
    EventsCheckpoint e = store.working(REF).events();
    assertThat(e.floor()).isEqualTo(EventKey.before(NOW));
    assertThat(e.newestT()).isNull();
    assertThat(e.lastT()).isEmpty();
    assertThat(e.since()).isEqualTo(NOW);
    assertThat(e.totals()).containsEntry("Init", 4L);
    await(store.update(REF, c -> count(c, new Event(NOW - 10, "Init", 0L, NOW - 10), new Event(NOW, "Init", 0L, NOW))));
    assertThat(store.working(REF).events().total("Init")).as("only the event at now").isEqualTo(5);
  }

  @Test
  void nothingCountedYetResumesFromTheLookback() throws Exception {
    writeFile(REF, """
        { "floor" : { "t" : 4102444800, "n" : null }, "counted" : [], "since" : 4102444800,
          "completed_to" : null, "newest_t" : null, "totals" : { }, "last_t" : { } }""");
    CheckpointStore store = open();
    assertThat(store.working(REF).events().floor()).isEqualTo(EventKey.before(NOW - LOOKBACK));
  }

  @Test
  void aClockThatRanAheadIsCaughtOnceItIsSetRight() throws Exception {
    CheckpointStore store = open();
    double ahead = 86_400;
    clock.set(NOW + ahead);
    // A cycle while the clock is a day ahead: the window from the last floor (NOW - 600) to the
    // clock's "now" completes, the API (right clock) returns events up to NOW, and the floor lands
    // a day ahead.
    await(store.update(REF, c -> c.withEvents(c.events().startingAt(EventKey.before(NOW - 600))
        .count(List.of(new Event(NOW - 30, "Init", 0L, NOW - 30), new Event(NOW - 30, "Init", 1L, NOW - 30)))
        .next().completeWindow(NOW + ahead, 60))));
    assertThat(store.working(REF).events().floor().t()).isEqualTo(NOW + ahead - 60);
    assertThat(futureCount()).isZero();

    clock.set(NOW + 120); // NTP steps the clock back
    EventsCheckpoint e = store.working(REF).events();
    assertThat(e.floor()).isEqualTo(new EventKey(NOW - 30, Long.MAX_VALUE));
    assertThat(futureCount()).isEqualTo(1);
    // both events at NOW - 30 were counted: a page holding them again counts neither, a new one is counted
    await(store.update(REF, c -> c.withEvents(c.events().count(List.of(new Event(NOW - 30, "Init", 0L, NOW - 30),
        new Event(NOW - 30, "Init", 1L, NOW - 30), new Event(NOW + 100, "Init", 0L, NOW + 100))).next())));
    assertThat(store.working(REF).events().total("Init")).isEqualTo(3);
  }

  @Test
  void timesWithinTheToleranceAreTrusted() throws Exception {
    CheckpointStore store = open();
    // the API's clock may run a little ahead of ours: an event stamped 2 minutes ahead is normal
    await(store.update(REF, c -> count(c, new Event(NOW + 120, "Init", 0L, NOW + 120))));
    assertThat(store.working(REF).events().newestT()).isEqualTo(NOW + 120);
    assertThat(futureCount()).isZero();
  }

  @Test
  void manyFutureFilesAreLoggedOnceAndEachCounted() throws Exception {
    for (int i = 0; i < 5; i++) {
      writeFile(new ConnectorRef("acc", "c" + i), FLOOR_IN_2100);
    }
    ListAppender<ILoggingEvent> logs = CheckpointStoreTest.capture();
    CheckpointStore store = open();
    for (int i = 0; i < 5; i++) {
      store.working(new ConnectorRef("acc", "c" + i));
    }
    assertThat(futureCount()).isEqualTo(5);
    assertThat(logs.list).filteredOn(l -> l.getFormattedMessage().contains("ahead of the clock")).hasSize(1);
    clock.advance(61);
    writeFile(new ConnectorRef("acc", "late"), FLOOR_IN_2100);
    // (a file written after the start is not loaded; update the loaded ones into the future again)
    ConnectorRef c0 = new ConnectorRef("acc", "c0");
    await(store.update(c0, c -> c.withEvents(c.events().completeWindow(Y2100, 0))));
    store.working(c0);
    assertThat(logs.list).filteredOn(l -> l.getFormattedMessage().contains("ahead of the clock")).hasSize(2)
        .last().satisfies(l -> assertThat(l.getFormattedMessage()).contains("4 similar lines suppressed"));
  }
}
