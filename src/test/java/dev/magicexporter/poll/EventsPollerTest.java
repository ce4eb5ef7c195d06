package dev.magicexporter.poll;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.magicexporter.poll.EventsApi.ev;
import static dev.magicexporter.poll.EventsApi.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.magicexporter.client.ApiException;
import dev.magicexporter.client.ClientOptions;
import dev.magicexporter.app.ClientStack;
import dev.magicexporter.client.TestClients;
import dev.magicexporter.client.Credential;
import dev.magicexporter.state.CheckpointCodec;
import dev.magicexporter.state.CheckpointStore;
import dev.magicexporter.state.TestStores;
import dev.magicexporter.state.EventKey;
import dev.magicexporter.state.EventsCheckpoint;
import dev.magicexporter.state.TestClock;
import dev.magicexporter.store.ConnectorDirectory;
import dev.magicexporter.store.ConnectorRef;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The events poller against a scripted API: exact requests, paging, failures, restarts. */
class EventsPollerTest {
  @RegisterExtension
  static WireMockExtension api = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String ACC = "acc";
  private static final ConnectorRef C1 = new ConnectorRef(ACC, "c1");
  private static final String P1 = EventsApi.path(ACC, "c1");
  private static final double NOW = 1_700_000_000;
  private static final String FIRST_FROM = "1699996400";
  private static Vertx vertx;

  @TempDir Path dir;
  private final TestClock.Manual clock = TestClock.at(NOW);
  private final ConnectorDirectory directory = new ConnectorDirectory();
  private SimpleMeterRegistry registry;
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
    registry = new SimpleMeterRegistry();
    client = client(Duration.ofSeconds(10));
  }

  private static ClientStack client(Duration timeout) {
    return TestClients.stack(vertx, new ClientOptions(api.baseUrl(), timeout, 0,
        Duration.ofMillis(10), Duration.ofMillis(20), 1200, Duration.ofSeconds(300), 0.1, 100),
        Credential.token("test-token"));
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private CheckpointStore store() {
    return TestStores.open(vertx, dir, clock, Duration.ofHours(1), Duration.ofMinutes(10), directory, registry);
  }

  private EventsPoller poller(CheckpointStore store) {
    return poller(store, EventsSettings.of(Duration.ofSeconds(60), Duration.ofHours(1)));
  }

  private EventsPoller poller(CheckpointStore store, EventsSettings settings) {
    return TestPollers.events(client.api(), directory, store, settings, clock, registry);
  }

  /** A list request of connector c1 from {@code from} (any {@code to}), first page or at {@code cursor}. */
  private static MappingBuilder list(String path, String from, String cursor) {
    return get(urlPathEqualTo(path)).withQueryParam("from", equalTo(from))
        .withQueryParam("cursor", cursor == null ? absent() : equalTo(cursor));
  }

  private static EventsCheckpoint onDisk(Path dir, ConnectorRef ref) throws Exception {
    Path f = dir.resolve(CheckpointStore.SUBDIR).resolve(ref.accountId() + "." + ref.connectorId() + ".json");
    return CheckpointCodec.decode(Files.readAllBytes(f)).events();
  }

  private double ignored(String reason) {
    return registry.get("cloudflare_exporter_events_ignored_total").tag("reason", reason).counter().count();
  }

  @Test
  void pagesThroughTheCursorWithExactParametersAndCountsEventsSharingATimeAcrossPagesOnce() throws Exception {
    api.stubFor(list(P1, FIRST_FROM, null).willReturn(okJson(page("p2",
        ev("Init", 1_699_997_000, 0), ev("Reconcile", 1_699_998_000, 0), ev("Reconcile", 1_699_998_000, 1)))));
    api.stubFor(list(P1, FIRST_FROM, "p2").willReturn(okJson(page(null,
        ev("Reconcile", 1_699_998_000, 1), ev("Reconcile", 1_699_998_000, 2),
        ev("FinishUpgradeSuccess", 1_699_999_990, 0)))));
    CheckpointStore store = store();

    await(poller(store).pollConnector(C1));

    api.verify(1, getRequestedFor(urlEqualTo(P1 + "?from=1699996400&to=1700000000")));
    api.verify(1, getRequestedFor(urlEqualTo(P1 + "?from=1699996400&to=1700000000&cursor=p2")));
    assertThat(api.getAllServeEvents()).hasSize(2);
    EventsCheckpoint cp = onDisk(dir, C1);
    assertThat(cp.totals()).containsExactlyInAnyOrderEntriesOf(
        java.util.Map.of("Init", 1L, "Reconcile", 3L, "FinishUpgradeSuccess", 1L));
    assertThat(cp.floor()).isEqualTo(EventKey.before(NOW - 60));
    assertThat(cp.counted()).containsExactly(new EventKey(1_699_999_990, 0));
    assertThat(cp.completedTo()).isEqualTo(NOW);
    assertThat(cp.since()).isEqualTo(NOW - 3600);
    assertThat(cp.newestT()).isEqualTo(1_699_999_990.0);
    assertThat(store.durable(C1).events()).isEqualTo(cp);
    assertThat(ignored("already_counted")).isEqualTo(1);
  }

  @Test
  void theNextCycleStartsAtTheCheckpointAndIgnoresOlderAndAlreadyCountedEvents() throws Exception {
    api.stubFor(list(P1, FIRST_FROM, null).willReturn(okJson(page(null,
        ev("Init", 1_699_998_000, 0), ev("Reconcile", 1_699_999_990, 0)))));
    api.stubFor(list(P1, "1699999940", null).willReturn(okJson(page(null,
        ev("Init", 1_699_998_000, 0), ev("Reconcile", 1_699_999_990, 0), ev("Reconcile", 1_699_999_990, 1),
        ev("Leave", 1_700_000_030, 0)))));
    CheckpointStore store = store();
    EventsPoller poller = poller(store);
    await(poller.pollConnector(C1));
    clock.advance(60);

    await(poller.pollConnector(C1));

    api.verify(1, getRequestedFor(urlEqualTo(P1 + "?from=1699999940&to=1700000060")));
    EventsCheckpoint cp = onDisk(dir, C1);
    assertThat(cp.totals()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of("Init", 1L, "Reconcile", 2L, "Leave", 1L));
    assertThat(ignored("before_checkpoint")).isEqualTo(1);
    assertThat(ignored("already_counted")).isEqualTo(1);
    assertThat(cp.floor()).isEqualTo(EventKey.before(NOW));
    assertThat(cp.counted()).containsExactly(new EventKey(1_700_000_030, 0));
  }

  @Test
  void aServerErrorMidPagingKeepsWhatWasCountedAndTheNextCycleResumesFromTheSameCheckpoint() throws Exception {
    api.stubFor(list(P1, FIRST_FROM, null).willReturn(okJson(page("p2", ev("Init", 1_699_997_000, 0)))));
    api.stubFor(list(P1, FIRST_FROM, "p2").willReturn(serverError().withBody("{\"success\":false}")));
    CheckpointStore store = store();
    EventsPoller poller = poller(store);

    assertThatThrownBy(() -> await(poller.pollConnector(C1))).hasCauseInstanceOf(ApiException.Server.class);
    EventsCheckpoint afterFailure = onDisk(dir, C1);
    assertThat(afterFailure.total("Init")).isEqualTo(1);
    assertThat(afterFailure.floor()).isEqualTo(EventKey.before(NOW - 3600));
    assertThat(afterFailure.completedTo()).isNull();
    assertThat(poller.lastError(C1)).contains("500");

    api.stubFor(list(P1, FIRST_FROM, "p2").willReturn(okJson(page(null, ev("Leave", 1_699_998_000, 0)))));
    clock.advance(60);
    await(poller.pollConnector(C1));

    api.verify(1, getRequestedFor(urlEqualTo(P1 + "?from=1699996400&to=1700000060")));
    api.verify(1, getRequestedFor(urlEqualTo(P1 + "?from=1699996400&to=1700000060&cursor=p2")));
    EventsCheckpoint cp = onDisk(dir, C1);
    assertThat(cp.totals()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of("Init", 1L, "Leave", 1L));
    assertThat(cp.completedTo()).isEqualTo(NOW + 60);
    assertThat(poller.lastError(C1)).isNull();
    assertThat(registry.get("cloudflare_exporter_events_connector_failures_total").tag("error", "server")
        .counter().count()).isEqualTo(1);
  }

  @Test
  void aRestartBetweenPagesResumesFromTheCheckpointOnDiskWithoutLosingOrRecounting() throws Exception {
    api.stubFor(list(P1, FIRST_FROM, null).willReturn(okJson(page("p2",
        ev("Init", 1_699_997_000, 0), ev("Reconcile", 1_699_997_500, 0)))));
    api.stubFor(list(P1, FIRST_FROM, "p2").willReturn(okJson("{\"result\":{\"items\":[{\"t\":")));
    assertThatThrownBy(() -> await(poller(store()).pollConnector(C1)))
        .hasCauseInstanceOf(ApiException.Malformed.class);

    // A new process: new store and poller on the same state directory, nothing flushed by hand.
    api.stubFor(list(P1, FIRST_FROM, "p2").willReturn(okJson(page("p3",
        ev("Reconcile", 1_699_997_500, 1), ev("Reconcile", 1_699_997_500, 2)))));
    api.stubFor(list(P1, FIRST_FROM, "p3").willReturn(okJson(page(null, ev("Leave", 1_699_999_000, 0)))));
    clock.advance(30);
    CheckpointStore restarted = store();
    assertThat(restarted.working(C1).events().total("Init")).isEqualTo(1);
    await(poller(restarted).pollConnector(C1));

    EventsCheckpoint cp = onDisk(dir, C1);
    assertThat(cp.totals()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of("Init", 1L, "Reconcile", 3L, "Leave", 1L));
    api.verify(1, getRequestedFor(urlEqualTo(P1 + "?from=1699996400&to=1700000030")));
  }

  @Test
  void aTimeoutMidPagingLeavesTheCheckpointAtTheLastGoodPage() throws Exception {
    api.stubFor(list(P1, FIRST_FROM, null).willReturn(okJson(page("p2", ev("Init", 1_699_997_000, 0)))));
    api.stubFor(list(P1, FIRST_FROM, "p2").willReturn(okJson(page(null, ev("Leave", 1_699_998_000, 0)))
        .withFixedDelay(4_000)));
    client = client(Duration.ofMillis(1_500));
    CheckpointStore store = store();
    // Warm the client and server up so that only the delayed page can exceed the timeout.
    api.stubFor(get(urlPathEqualTo(EventsApi.path(ACC, "warm"))).willReturn(okJson(page(null))));
    await(poller(store).pollConnector(new ConnectorRef(ACC, "warm")));
    assertThatThrownBy(() -> await(poller(store).pollConnector(C1)))
        .cause().isInstanceOfSatisfying(ApiException.Network.class, e -> assertThat(e.isTimeout()).isTrue());
    assertThat(onDisk(dir, C1).totals()).containsExactly(java.util.Map.entry("Init", 1L));
    assertThat(store.working(C1).events().completedTo()).isNull();
  }

  @Test
  void aCorruptStateFileIsMovedAsideAndTheConnectorStartsAgainFromTheLookBack() throws Exception {
    Path file = dir.resolve(CheckpointStore.SUBDIR).resolve("acc.c1.json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "\u0000\u0000garbage");
    api.stubFor(list(P1, FIRST_FROM, null).willReturn(okJson(page(null, ev("Init", 1_699_997_000, 0)))));

    await(poller(store()).pollConnector(C1));

    api.verify(1, getRequestedFor(urlEqualTo(P1 + "?from=1699996400&to=1700000000")));
    assertThat(onDisk(dir, C1).total("Init")).isEqualTo(1);
    try (var files = Files.list(file.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("acc.c1.json.corrupt-"));
    }
  }

  @Test
  void unknownKindsAreCountedUnderTheirOwnSanitisedNameAndBrokenItemsAreNot() throws Exception {
    api.stubFor(list(P1, FIRST_FROM, null).willReturn(okJson(page(null,
        ev("SelfDestruct", 1_699_997_000, 0), ev("weird kind!", 1_699_997_000, 1), "not an object",
        java.util.Map.of("k", "Init", "t", 1_699_997_001), ev("Init", 1_699_997_002, 0)))));

    await(poller(store()).pollConnector(C1));

    assertThat(onDisk(dir, C1).totals()).containsExactlyInAnyOrderEntriesOf(
        java.util.Map.of("SelfDestruct", 1L, "weird_kind_", 1L, "Init", 1L));
    assertThat(ignored("invalid")).isEqualTo(2);
  }

  @Test
  void anOutOfOrderPageAfterAFailureIsStillCountedExactlyOnce() throws Exception {
    // Page 1 holds the newest event. Had the checkpoint jumped to it, page 2's older events would be lost.
    api.stubFor(list(P1, FIRST_FROM, null).willReturn(okJson(page("p2", ev("Leave", 1_699_999_000, 0)))));
    api.stubFor(list(P1, FIRST_FROM, "p2").willReturn(serverError()));
    CheckpointStore store = store();
    assertThatThrownBy(() -> await(poller(store).pollConnector(C1))).isInstanceOf(ExecutionException.class);
    assertThat(onDisk(dir, C1).floor()).isEqualTo(EventKey.before(NOW - 3600));

    api.stubFor(list(P1, FIRST_FROM, "p2").willReturn(okJson(page(null,
        ev("Init", 1_699_997_000, 0), ev("Reconcile", 1_699_998_000, 0)))));
    await(poller(store()).pollConnector(C1));

    assertThat(onDisk(dir, C1).totals()).containsExactlyInAnyOrderEntriesOf(
        java.util.Map.of("Leave", 1L, "Init", 1L, "Reconcile", 1L));
  }

  @Test
  void aRepeatedCursorFailsTheCycleAndWhatWasCountedStaysCounted() throws Exception {
    api.stubFor(list(P1, FIRST_FROM, null).willReturn(okJson(page("loop", ev("Init", 1_699_997_000, 0)))));
    api.stubFor(list(P1, FIRST_FROM, "loop").willReturn(okJson(page("loop", ev("Leave", 1_699_997_001, 0)))));
    CheckpointStore store = store();
    assertThatThrownBy(() -> await(poller(store).pollConnector(C1)))
        .cause().isInstanceOf(ApiException.Malformed.class).hasMessageContaining("cursor repeated");
    EventsCheckpoint cp = onDisk(dir, C1);
    assertThat(cp.grandTotal()).isEqualTo(2);
    assertThat(cp.completedTo()).isNull();
    assertThat(api.getAllServeEvents()).hasSize(2);
  }

  @Test
  void aConnectorFarBehindCatchesUpInBoundedWindows() throws Exception {
    EventsSettings settings = EventsSettings.of(Duration.ofSeconds(60), Duration.ofHours(2))
        .withMaxWindow(Duration.ofHours(1), 24);
    api.stubFor(get(urlPathEqualTo(P1)).willReturn(okJson(page(null))));
    api.stubFor(list(P1, "1699996340", null).willReturn(okJson(page(null, ev("Init", 1_699_999_000, 0)))));

    await(poller(store(), settings).pollConnector(C1));

    api.verify(1, getRequestedFor(urlEqualTo(P1 + "?from=1699992800&to=1699996400")));
    api.verify(1, getRequestedFor(urlEqualTo(P1 + "?from=1699996340&to=1699999940")));
    api.verify(1, getRequestedFor(urlEqualTo(P1 + "?from=1699999880&to=1700000000")));
    assertThat(api.getAllServeEvents()).hasSize(3);
    assertThat(onDisk(dir, C1).total("Init")).isEqualTo(1);
  }

  @Test
  void aPollCoversEveryConnectorWithBoundedConcurrencyAndAFailingOneDoesNotStopTheOthers() throws Exception {
    Set<ConnectorRef> refs = new java.util.TreeSet<>();
    for (int i = 0; i < 12; i++) {
      ConnectorRef ref = new ConnectorRef(ACC, "c" + i);
      refs.add(ref);
      api.stubFor(list(EventsApi.path(ACC, ref.connectorId()), FIRST_FROM, null)
          .willReturn(okJson(page(null, ev("Init", 1_699_997_000, 0)))));
    }
    api.stubFor(get(urlPathEqualTo(EventsApi.path(ACC, "c5"))).willReturn(serverError()));
    directory.replace(Set.of(ACC), refs);
    CheckpointStore store = store();
    EventsPoller poller = poller(store, EventsSettings.of(Duration.ofSeconds(60), Duration.ofHours(1)).withConcurrency(3));

    Poller.PollOutcome outcome = await(poller.poll());

    assertThat(outcome).isEqualTo(new Poller.PollOutcome(12, 1));
    for (ConnectorRef ref : refs) {
      assertThat(store.working(ref).events().total("Init")).isEqualTo(ref.connectorId().equals("c5") ? 0 : 1);
    }
    // The failing connector backs off: polled in cycle 2, skipped in cycle 3, polled in cycle 4.
    int[] expected = {2, 2, 3};
    for (int cycle = 0; cycle < 3; cycle++) {
      clock.advance(60);
      await(poller.poll());
      api.verify(expected[cycle], getRequestedFor(urlPathEqualTo(EventsApi.path(ACC, "c5"))));
    }
    assertThat(poller.cadence().failures(new ConnectorRef(ACC, "c5"))).isEqualTo(3);
  }

  @Test
  void aQuietConnectorIsNotRewrittenEveryCycleOnlyOncePerFlushInterval() throws Exception {
    api.stubFor(list(P1, FIRST_FROM, null).willReturn(okJson(page(null, ev("Init", 1_699_997_000, 0)))));
    api.stubFor(get(urlPathEqualTo(P1)).atPriority(10).willReturn(okJson(page(null))));
    CheckpointStore store = store();
    EventsPoller poller = poller(store);
    await(poller.pollConnector(C1));
    assertThat(writes()).isEqualTo(1);
    for (int i = 0; i < 5; i++) {
      clock.advance(60);
      await(poller.pollConnector(C1));
    }
    assertThat(writes()).as("nothing new was counted").isEqualTo(1);
    assertThat(store.working(C1).events().completedTo()).isEqualTo(NOW + 300);
    clock.advance(300);
    await(poller.pollConnector(C1));
    assertThat(writes()).as("the read position is written once the flush interval passed").isEqualTo(2);
    assertThat(onDisk(dir, C1).completedTo()).isEqualTo(NOW + 600);
  }

  private double writes() {
    return registry.get("cloudflare_exporter_state_writes_total").tag("result", "success").counter().count();
  }

  @Test
  void sendsThePageLimitWhenConfigured() throws Exception {
    api.stubFor(get(urlPathEqualTo(P1)).willReturn(okJson(page(null))));
    await(poller(store(), EventsSettings.of(Duration.ofSeconds(60), Duration.ofHours(1)).withPageLimit(500))
        .pollConnector(C1));
    api.verify(1, getRequestedFor(urlEqualTo(P1 + "?from=1699996400&to=1700000000&limit=500")));
  }

  @Test
  void settingsRejectASettleMarginAsLongAsTheWindow() {
    assertThatThrownBy(() -> EventsSettings.of(Duration.ofSeconds(60), Duration.ofHours(1))
        .withSettle(Duration.ofHours(6))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("settle");
  }

  @Test
  void anEventExactlyAtTheWindowEndIsCountedOnceAcrossTwoCycles() throws Exception {
    EventsSettings noSettle = EventsSettings.of(Duration.ofSeconds(60), Duration.ofHours(1)).withSettle(Duration.ZERO);
    api.stubFor(list(P1, FIRST_FROM, null).willReturn(okJson(page(null, ev("Init", NOW, 0)))));
    api.stubFor(list(P1, "1700000000", null).willReturn(okJson(page(null, ev("Init", NOW, 0), ev("Leave", NOW, 1)))));
    CheckpointStore store = store();
    EventsPoller poller = poller(store, noSettle);
    await(poller.pollConnector(C1));
    clock.advance(60);
    await(poller.pollConnector(C1));
    assertThat(onDisk(dir, C1).totals()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of("Init", 1L, "Leave", 1L));
  }

  static {
    // WireMock's Jetty logs every delayed response it abandons at INFO; keep test output readable.
    System.setProperty("org.eclipse.jetty.LEVEL", "WARN");
  }

  @SuppressWarnings("unused")
  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder status(int s) {
    return aResponse().withStatus(s);
  }
}
