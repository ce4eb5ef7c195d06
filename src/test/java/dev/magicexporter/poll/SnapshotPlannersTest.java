package dev.magicexporter.poll;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.magicexporter.poll.EventsApi.page;
import static dev.magicexporter.poll.EventsApi.snap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.magicexporter.client.ApiException;
import dev.magicexporter.client.ClientOptions;
import dev.magicexporter.app.ClientStack;
import dev.magicexporter.client.TestClients;
import dev.magicexporter.client.Credential;
import dev.magicexporter.state.CheckpointStore;
import dev.magicexporter.state.TestStores;
import dev.magicexporter.state.SnapshotsCheckpoint;
import dev.magicexporter.state.TestClock;
import dev.magicexporter.store.ConnectorDirectory;
import dev.magicexporter.store.ConnectorRef;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class SnapshotPlannersTest {
  @RegisterExtension
  static WireMockExtension api = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final ConnectorRef C1 = new ConnectorRef("acc", "c1");
  private static final String PATH = EventsApi.snapshotsPath("acc", "c1");
  private static final double NOW = 1_700_000_000;
  private static Vertx vertx;

  @TempDir Path dir;
  private final TestClock.Manual clock = TestClock.at(NOW);
  private final ConnectorDirectory directory = new ConnectorDirectory();
  private ClientStack client;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() throws Exception {
    await(vertx.close());
  }

  @BeforeEach
  void setUp() {
    client = TestClients.stack(vertx, new ClientOptions(api.baseUrl(), Duration.ofSeconds(10), 0,
        Duration.ofMillis(10), Duration.ofMillis(20), 1200, Duration.ofSeconds(300), 0.1, 100),
        Credential.token("test-token"));
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private CheckpointStore store() {
    return TestStores.open(vertx, dir, clock, Duration.ofHours(1), Duration.ofMinutes(10), directory,
        new SimpleMeterRegistry());
  }

  private ListSnapshotPlanner list(CheckpointStore store) {
    return new ListSnapshotPlanner(a -> client.api(), directory, store, clock, Duration.ofHours(1), Duration.ofSeconds(60));
  }

  private static MappingBuilder listing(String from, String cursor) {
    return get(urlPathEqualTo(PATH)).withQueryParam("from", equalTo(from))
        .withQueryParam("cursor", cursor == null ? absent() : equalTo(cursor));
  }

  /** Waits for the store's write of a {@code stored()} call, which is fire-and-forget. */
  private static SnapshotsCheckpoint durableSnapshots(CheckpointStore store) throws Exception {
    await(store.flush());
    return store.durable(C1).snapshots();
  }

  @Test
  void latestPlansOneFetchWithoutARequestAndCountsEachNewTimeOnce() throws Exception {
    CheckpointStore store = store();
    LatestSnapshotPlanner planner = new LatestSnapshotPlanner(store);
    assertThat(await(planner.plan(C1))).isEqualTo(new SnapshotPlan.FetchLatest());
    planner.stored(C1, NOW - 30);
    planner.stored(C1, NOW - 30);
    planner.stored(C1, NOW - 90);
    planner.stored(C1, NOW + 30);
    assertThat(api.getAllServeEvents()).isEmpty();
    SnapshotsCheckpoint s = durableSnapshots(store);
    assertThat(s.total()).isEqualTo(2);
    assertThat(s.lastT()).isEqualTo(NOW + 30);
    assertThat(store().working(C1).snapshots().total()).as("after a restart").isEqualTo(2);
  }

  @Test
  void listPagesFromTheLookBackCountsEverySnapshotAndGapsAndPlansTheNewest() throws Exception {
    api.stubFor(listing("1699996400", null).willReturn(okJson(page("s2", snap(NOW - 600), snap(NOW - 540)))));
    api.stubFor(listing("1699996400", "s2").willReturn(okJson(page(null,
        snap(NOW - 480), snap(NOW - 120), snap(NOW - 60)))));
    CheckpointStore store = store();

    assertThat(await(list(store).plan(C1))).isEqualTo(new SnapshotPlan.FetchAt(NOW - 60));

    api.verify(1, getRequestedFor(urlEqualTo(PATH + "?from=1699996400&to=1700000000")));
    api.verify(1, getRequestedFor(urlEqualTo(PATH + "?from=1699996400&to=1700000000&cursor=s2")));
    SnapshotsCheckpoint s = store.durable(C1).snapshots();
    assertThat(s.total()).isEqualTo(5);
    assertThat(s.gaps()).as("480 -> 120 is six periods of 60 s").isEqualTo(1);
    assertThat(s.lastT()).isEqualTo(NOW - 60);
    assertThat(s.scannedTo()).isEqualTo(NOW);
  }

  @Test
  void listFetchesOnlyWhatIsNewerThanTheSnapshotHeldAndAfterARestartWhatIsNoLongerHeld() throws Exception {
    api.stubFor(listing("1699996400", null).willReturn(okJson(page(null, snap(NOW - 120), snap(NOW - 60)))));
    api.stubFor(listing("1699999940", null).willReturn(okJson(page(null, snap(NOW - 60)))));
    CheckpointStore store = store();
    ListSnapshotPlanner planner = list(store);
    assertThat(await(planner.plan(C1))).isEqualTo(new SnapshotPlan.FetchAt(NOW - 60));
    planner.stored(C1, NOW - 60);
    clock.advance(60);

    assertThat(await(planner.plan(C1))).isEqualTo(new SnapshotPlan.NothingNew());
    api.verify(1, getRequestedFor(urlEqualTo(PATH + "?from=1699999940&to=1700000060")));

    api.stubFor(listing("1700000000", null).willReturn(okJson(page(null, snap(NOW + 60)))));
    clock.advance(60);
    assertThat(await(planner.plan(C1))).isEqualTo(new SnapshotPlan.FetchAt(NOW + 60));
    planner.stored(C1, NOW + 60);

    api.stubFor(listing("1700000060", null).willReturn(okJson(page(null, snap(NOW + 60)))));
    clock.advance(60);
    assertThat(await(list(store()).plan(C1)))
        .as("a restarted daemon holds no snapshot yet").isEqualTo(new SnapshotPlan.FetchAt(NOW + 60));
    assertThat(store().working(C1).snapshots().total()).isEqualTo(3);
  }

  @Test
  void aFailedListPageCountsNothingAndTheNextCycleCountsEverySnapshotOnce() throws Exception {
    api.stubFor(listing("1699996400", null).willReturn(okJson(page("s2", snap(NOW - 180), snap(NOW - 120)))));
    api.stubFor(listing("1699996400", "s2").willReturn(serverError()));
    CheckpointStore store = store();
    assertThatThrownBy(() -> await(list(store).plan(C1))).hasCauseInstanceOf(ApiException.Server.class);
    assertThat(store.working(C1).snapshots()).isEqualTo(SnapshotsCheckpoint.EMPTY);

    api.stubFor(listing("1699996400", "s2").willReturn(okJson(page(null, snap(NOW - 60)))));
    assertThat(await(list(store).plan(C1))).isEqualTo(new SnapshotPlan.FetchAt(NOW - 60));
    assertThat(store.durable(C1).snapshots().total()).isEqualTo(3);
  }

  @Test
  void aConnectorWithoutSnapshotsPlansNothing() throws Exception {
    api.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(page(null))));
    assertThat(await(list(store()).plan(C1))).isEqualTo(new SnapshotPlan.NothingNew());
  }
}
