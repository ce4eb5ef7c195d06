package dev.magicexporter.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.magicexporter.model.Event;
import dev.magicexporter.store.ConnectorDirectory;
import dev.magicexporter.store.ConnectorRef;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class CheckpointStoreTest {
  private static final String ACC = "acc";
  private static final ConnectorRef REF = new ConnectorRef(ACC, "conn");
  private static Vertx vertx;

  @TempDir Path dir;
  private final TestClock.Manual clock = TestClock.at(1_700_000_000);
  private final ConnectorDirectory directory = new ConnectorDirectory();
  private SimpleMeterRegistry registry;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() throws Exception {
    await(vertx.close());
  }

  @BeforeEach
  void registry() {
    registry = new SimpleMeterRegistry();
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private CheckpointStore open() {
    return TestStores.open(vertx, dir, clock, Duration.ofHours(1), Duration.ofMinutes(10), directory, registry);
  }

  private static ConnectorCheckpoint counted(ConnectorCheckpoint c, String kind, double t) {
    return c.withEvents(c.events().startingAt(EventKey.before(1_699_990_000))
        .count(List.of(new Event(t, kind, 0L, t))).next());
  }

  private Path file(ConnectorRef ref) {
    return dir.resolve(CheckpointStore.SUBDIR).resolve(CheckpointStore.fileName(ref));
  }

  @Test
  void anUpdateThatCountsIsOnDiskWhenItsFutureCompletes() throws Exception {
    CheckpointStore store = open();
    await(store.update(REF, c -> counted(c, "Init", 1_699_999_000)));
    ConnectorCheckpoint onDisk = CheckpointCodec.decode(Files.readAllBytes(file(REF)));
    assertThat(onDisk).isEqualTo(store.working(REF)).isEqualTo(store.durable(REF));
    assertThat(onDisk.events().total("Init")).isEqualTo(1);
    assertThat(open().working(REF)).isEqualTo(onDisk);
  }

  @Test
  void aVersionThatOnlyMovesTheReadPositionIsWrittenOncePerFlushInterval() throws Exception {
    CheckpointStore store = open();
    await(store.update(REF, c -> counted(c, "Init", 1_699_999_000)));
    ConnectorCheckpoint written = store.durable(REF);
    await(store.update(REF, c -> c.withEvents(c.events().completeWindow(1_700_000_000, 60))));
    assertThat(store.working(REF).events().completedTo()).isEqualTo(1_700_000_000.0);
    assertThat(store.durable(REF)).isEqualTo(written);
    await(store.maintain());
    assertThat(store.durable(REF)).isEqualTo(written);
    clock.advance(600);
    await(store.maintain());
    assertThat(store.durable(REF)).isEqualTo(store.working(REF));
    assertThat(CheckpointCodec.decode(Files.readAllBytes(file(REF))).events().completedTo()).isEqualTo(1_700_000_000.0);
  }

  @Test
  void flushWritesEveryPendingVersion() throws Exception {
    CheckpointStore store = open();
    await(store.update(REF, c -> c.withEvents(c.events().startingAt(EventKey.before(1)).completeWindow(100, 0))));
    assertThat(Files.exists(file(REF))).isFalse();
    await(store.flush());
    assertThat(CheckpointCodec.decode(Files.readAllBytes(file(REF)))).isEqualTo(store.working(REF));
  }

  @Test
  void burstsOfUpdatesAllCompleteAndTheLastVersionWins() throws Exception {
    CheckpointStore store = open();
    List<Future<Void>> all = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      double t = 1_699_999_000 + i;
      all.add(store.update(REF, c -> counted(c, "Reconcile", t)));
    }
    await(Future.all(all));
    ConnectorCheckpoint onDisk = CheckpointCodec.decode(Files.readAllBytes(file(REF)));
    assertThat(onDisk.events().total("Reconcile")).isEqualTo(50);
    assertThat(registry.get("cloudflare_exporter_state_writes_total").tag("result", "success").counter().count())
        .isBetween(1.0, 50.0);
  }

  @Test
  void aCorruptFileIsMovedAsideWithAWarningAndItsConnectorStartsAfresh() throws Exception {
    Files.createDirectories(file(REF).getParent());
    Files.writeString(file(REF), "{\"format\":1,\"account_id\":\"acc\",\"conn", StandardCharsets.UTF_8);
    ListAppender<ILoggingEvent> logs = capture();
    CheckpointStore store = open();
    assertThat(Files.exists(file(REF))).isFalse();
    try (Stream<Path> s = Files.list(file(REF).getParent())) {
      assertThat(s.map(p -> p.getFileName().toString()))
          .singleElement().asString().startsWith("acc.conn.json" + CheckpointStore.CORRUPT_SUFFIX);
    }
    assertThat(store.working(REF)).isEqualTo(ConnectorCheckpoint.empty(REF));
    assertThat(logs.list).anySatisfy(e -> {
      assertThat(e.getLevel()).isEqualTo(ch.qos.logback.classic.Level.WARN);
      assertThat(e.getFormattedMessage()).contains(file(REF).getFileName().toString()).contains(file(REF).getParent().toString()).contains("moved it to");
    });
    assertThat(registry.get("cloudflare_exporter_state_corrupt_files_total").counter().count()).isEqualTo(1);
    await(store.update(REF, c -> counted(c, "Init", 1_699_999_000)));
    assertThat(open().working(REF).events().total("Init")).isEqualTo(1);
  }

  @Test
  void aFileHoldingAnotherConnectorThanItsNameIsMovedAside() throws Exception {
    Files.createDirectories(file(REF).getParent());
    ConnectorRef other = new ConnectorRef(ACC, "other");
    Files.write(file(REF), CheckpointCodec.encode(ConnectorCheckpoint.empty(other)));
    CheckpointStore store = open();
    assertThat(store.present()).isEmpty();
    assertThat(Files.exists(file(REF))).isFalse();
  }

  @Test
  void aLeftoverTemporaryFileOfACrashedWriteIsDeletedAndThePreviousVersionKept() throws Exception {
    CheckpointStore store = open();
    await(store.update(REF, c -> counted(c, "Init", 1_699_999_000)));
    Path tmp = file(REF).resolveSibling(file(REF).getFileName() + AtomicFile.TMP_SUFFIX);
    Files.writeString(tmp, "{\"half\":");
    CheckpointStore reopened = open();
    assertThat(Files.exists(tmp)).isFalse();
    assertThat(reopened.working(REF).events().total("Init")).isEqualTo(1);
  }

  @Test
  void idsThatAreNotSafeFileNamesAreEscaped() throws Exception {
    ConnectorRef odd = new ConnectorRef("a/../b", "c.d%e");
    CheckpointStore store = open();
    await(store.update(odd, c -> counted(c, "Init", 1_699_999_000)));
    assertThat(CheckpointStore.fileName(odd)).isEqualTo("a%2F%2E%2E%2Fb.c%2Ed%25e.json");
    assertThat(open().working(odd).events().total("Init")).isEqualTo(1);
  }

  @Test
  void aFailedWriteFailsTheUpdateKeepsTheCountsInMemoryAndTheNextWriteCarriesThem() throws Exception {
    CheckpointStore store = open();
    Path sub = dir.resolve(CheckpointStore.SUBDIR);
    Files.delete(sub);
    Files.writeString(sub, "a file where the directory was");
    assertThatThrownBy(() -> await(store.update(REF, c -> counted(c, "Init", 1_699_999_000))))
        .hasMessageContaining("not written");
    assertThat(store.working(REF).events().total("Init")).isEqualTo(1);
    assertThat(store.durable(REF)).isNull();
    Files.delete(sub);
    Files.createDirectory(sub);
    await(store.maintain());
    assertThat(store.durable(REF).events().total("Init")).as("housekeeping retries the failed write").isEqualTo(1);
    await(store.update(REF, c -> counted(c, "Leave", 1_699_999_001)));
    ConnectorCheckpoint onDisk = CheckpointCodec.decode(Files.readAllBytes(file(REF)));
    assertThat(onDisk.events().total("Init")).isEqualTo(1);
    assertThat(onDisk.events().total("Leave")).isEqualTo(1);
  }

  @Test
  void aRemovedConnectorKeepsItsCheckpointDuringTheGracePeriodAndLosesItAfter() throws Exception {
    directory.replace(Set.of(ACC), Set.of(REF));
    CheckpointStore store = open();
    await(store.update(REF, c -> counted(c, "Init", 1_699_999_000)));
    directory.replace(Set.of(ACC), Set.of());
    assertThat(store.isRemoved(REF)).isTrue();
    assertThat(store.present()).isEmpty();
    clock.advance(3599);
    await(store.maintain());
    assertThat(Files.exists(file(REF))).isTrue();
    clock.advance(1);
    await(store.maintain());
    assertThat(Files.exists(file(REF))).isFalse();
    assertThat(store.durable(REF)).isNull();
    assertThat(registry.get("cloudflare_exporter_state_removed_total").counter().count()).isEqualTo(1);
  }

  @Test
  void aConnectorBackWithinTheGracePeriodContinuesFromItsTotals() throws Exception {
    directory.replace(Set.of(ACC), Set.of(REF));
    CheckpointStore store = open();
    await(store.update(REF, c -> counted(c, "Init", 1_699_999_000)));
    directory.replace(Set.of(ACC), Set.of());
    clock.advance(1800);
    directory.replace(Set.of(ACC), Set.of(REF));
    await(store.maintain());
    assertThat(store.isRemoved(REF)).isFalse();
    clock.advance(3600);
    await(store.maintain());
    assertThat(store.durable(REF).events().total("Init")).isEqualTo(1);
  }

  @Test
  void checkpointsOfConnectorsThatLeftWhileTheDaemonWasDownExpireAfterTheFirstDiscovery() throws Exception {
    await(open().update(REF, c -> counted(c, "Init", 1_699_999_000)));
    CheckpointStore store = open();
    await(store.maintain());
    assertThat(store.isRemoved(REF)).as("nothing is known before the first discovery").isFalse();
    directory.replace(Set.of(ACC), Set.of(new ConnectorRef(ACC, "another")));
    await(store.maintain());
    assertThat(store.isRemoved(REF)).isTrue();
    clock.advance(3600);
    await(store.maintain());
    assertThat(Files.exists(file(REF))).isFalse();
  }

  static ListAppender<ILoggingEvent> capture() {
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    ((Logger) LoggerFactory.getLogger(CheckpointStore.class)).addAppender(appender);
    return appender;
  }
}
