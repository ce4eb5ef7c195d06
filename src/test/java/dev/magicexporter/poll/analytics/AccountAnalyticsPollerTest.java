package dev.magicexporter.poll.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magicexporter.client.FakeCloudflareApi;
import dev.magicexporter.model.analytics.AccountAnalytics;
import dev.magicexporter.model.analytics.AnalyticsAnswer;
import dev.magicexporter.model.analytics.AnalyticsFeed;
import dev.magicexporter.model.analytics.AnalyticsGroup;
import dev.magicexporter.model.analytics.DatasetLimits;
import dev.magicexporter.model.analytics.FeedAnswer;
import dev.magicexporter.model.analytics.FeedQuery;
import dev.magicexporter.model.analytics.GraphQlError;
import dev.magicexporter.poll.source.SourceHealth;
import dev.magicexporter.state.AnalyticsCheckpoint;
import dev.magicexporter.state.AnalyticsCheckpointStore;
import dev.magicexporter.state.TestClock;
import dev.magicexporter.store.AccountStore;
import dev.magicexporter.testing.LogCapture;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analytics poller of one account against a scripted client: feeds fail on their own, voided
 * feeds are asked again, full answers are split, a checkpoint that cannot be written leaves the
 * window to be counted again, and time past the look-back is skipped and said so.
 */
class AccountAnalyticsPollerTest {
  private static final String ACC = "acc";
  private static final long T0 = 1_764_000_000L;

  @TempDir Path dir;
  private Vertx vertx;
  private TestClock.Manual clock;
  private SimpleMeterRegistry registry;
  private AccountStore<AccountAnalytics> store;
  private Fake client;

  /** 80 bits and one packet (or count) per minute in every counted feed; answers scripted per feed. */
  static final class Fake extends FakeCloudflareApi {
    final List<List<FeedQuery>> requests = new ArrayList<>();
    final Map<AnalyticsFeed, FeedAnswer> scripted = new EnumMap<>(AnalyticsFeed.class);
    final Set<AnalyticsFeed> voidedOnce = new HashSet<>();
    int groupsPerMinute = 1;
    Map<String, DatasetLimits> limits = Map.of();

    @Override
    public Future<AnalyticsAnswer> analytics(String accountId, List<FeedQuery> queries) {
      requests.add(queries);
      Map<AnalyticsFeed, FeedAnswer> out = new EnumMap<>(AnalyticsFeed.class);
      boolean someoneFailed = queries.stream().anyMatch(q -> scripted.containsKey(q.feed()));
      for (FeedQuery q : queries) {
        if (scripted.containsKey(q.feed())) {
          out.put(q.feed(), scripted.get(q.feed()));
        } else if (someoneFailed && voidedOnce.remove(q.feed())) {
          out.put(q.feed(), FeedAnswer.collateral("voided"));
        } else {
          out.put(q.feed(), FeedAnswer.ok(groups(q)));
        }
      }
      return Future.succeededFuture(new AnalyticsAnswer(out));
    }

    List<AnalyticsGroup> groups(FeedQuery q) {
      long minutes = q.window().seconds() / 60;
      List<AnalyticsGroup> out = new ArrayList<>();
      AnalyticsFeed f = q.feed();
      long n = groupsPerMinute == 1 ? 1 : groupsPerMinute * (f.counted() ? minutes : 1);
      for (int i = 0; i < n; i++) {
        List<String> dims = new ArrayList<>();
        for (int d = 0; d < f.dimensions().size(); d++) {
          dims.add(d == 0 ? (groupsPerMinute == 1 ? "one" : "g" + i) : "");
        }
        List<Double> values = new ArrayList<>();
        for (String a : f.aggregates()) {
          values.add(a.equals("sum.bits") ? 80.0 * (groupsPerMinute == 1 ? minutes : 1)
              : a.startsWith("avg") ? 1.0 : (double) (groupsPerMinute == 1 ? minutes : 1));
        }
        out.add(new AnalyticsGroup(dims, values));
      }
      return out;
    }

    @Override
    public Future<Map<String, DatasetLimits>> analyticsLimits(String accountId, List<String> datasets) {
      return Future.succeededFuture(limits);
    }
  }

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    clock = TestClock.at(T0 + 300);
    registry = new SimpleMeterRegistry();
    store = new AccountStore<>();
    client = new Fake();
  }

  @AfterEach
  void tearDown() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private AccountAnalyticsPoller poller(Path stateDir, AnalyticsSettings settings) {
    AnalyticsCheckpointStore cps = new AnalyticsCheckpointStore(stateDir, clock, registry);
    return new AccountAnalyticsPoller(vertx, ACC, client, AnalyticsQuota.none(), store, cps,
        cps.load().get(ACC), new SourceHealth(registry), registry, settings, clock);
  }

  private static AnalyticsSettings settings(Duration lookback, Duration maxWindow, int limit) {
    return new AnalyticsSettings(Duration.ofSeconds(60), Duration.ofSeconds(300), lookback, maxWindow, limit, false);
  }

  private double firewallBits() {
    AccountAnalytics a = store.get(ACC);
    if (a == null || a.feed(AnalyticsFeed.FIREWALL_SAMPLES) == null) {
      return 0;
    }
    return a.feed(AnalyticsFeed.FIREWALL_SAMPLES).groups().get(0).value(0);
  }

  @Test
  void aFailingFeedKeepsItsLastGoodDataWhileTheOthersCount() throws Exception {
    AccountAnalyticsPoller p = poller(dir, settings(Duration.ofMinutes(10), Duration.ofHours(1), 100));
    await(p.poll());
    assertThat(firewallBits()).isEqualTo(800); // ten minutes of look-back
    double traffic = store.get(ACC).feed(AnalyticsFeed.TUNNEL_TRAFFIC).groups().get(0).value(0);

    client.scripted.put(AnalyticsFeed.TUNNEL_TRAFFIC,
        FeedAnswer.failed(List.of(new GraphQlError("does not have access to the path", List.of()))));
    try (LogCapture log = new LogCapture()) {
      for (int i = 0; i < 3; i++) {
        clock.advance(60);
        await(p.poll());
      }
      assertThat(log.text()).containsOnlyOnce("source analytics_tunnel_traffic for account acc failed")
          .contains("Account Analytics Read");
    }
    assertThat(firewallBits()).isEqualTo(800 + 3 * 80);
    assertThat(store.get(ACC).feed(AnalyticsFeed.TUNNEL_TRAFFIC).groups().get(0).value(0)).isEqualTo(traffic);
    assertThat(registry.get(dev.magicexporter.metrics.self.SelfMetrics.SOURCE_ERRORS.name()).tags("source", "analytics_tunnel_traffic", "kind", "auth")
        .counter().count()).isEqualTo(3);
    assertThat(registry.get(dev.magicexporter.metrics.self.SelfMetrics.SOURCE_UP.name()).tags("source", "analytics_firewall_samples").gauge().value()).isEqualTo(1);

    // back: the missed minutes are counted once
    client.scripted.clear();
    clock.advance(60);
    await(p.poll());
    assertThat(store.get(ACC).feed(AnalyticsFeed.TUNNEL_TRAFFIC).groups().get(0).value(0))
        .isEqualTo(traffic + 4 * 80); // the 3 failed minutes and this one
  }

  @Test
  void aQuotaErrorTellsTheQuotaAndEveryQueryIsTakenFromIt() throws Exception {
    List<Integer> acquired = new ArrayList<>();
    int[] exhausted = {0};
    AnalyticsQuota quota = new AnalyticsQuota() {
      @Override
      public Future<Void> acquire(int queries) {
        acquired.add(queries);
        return Future.succeededFuture();
      }

      @Override
      public void exhausted() {
        exhausted[0]++;
      }
    };
    AnalyticsCheckpointStore cps = new AnalyticsCheckpointStore(dir, clock, registry);
    AccountAnalyticsPoller p = new AccountAnalyticsPoller(vertx, ACC, client, quota, store, cps, null,
        new SourceHealth(registry), registry, settings(Duration.ofMinutes(1), Duration.ofHours(1), 100), clock);
    await(p.poll());
    assertThat(acquired).containsExactly(AnalyticsFeed.values().length);
    assertThat(exhausted[0]).isZero();
    for (AnalyticsFeed f : AnalyticsFeed.values()) {
      client.scripted.put(f, FeedAnswer.failed(List.of(new GraphQlError(
          "rate limiter budget depleted, please try again after 5 minutes", List.of()))));
    }
    clock.advance(60);
    await(p.poll());
    assertThat(exhausted[0]).isEqualTo(1);
    assertThat(registry.get(dev.magicexporter.metrics.self.SelfMetrics.SOURCE_ERRORS.name()).tags("source", "analytics_tunnel_traffic", "kind", "throttled")
        .counter().count()).isEqualTo(1);
  }

  @Test
  void feedsVoidedByAnotherNodesErrorAreAskedAgainAlone() throws Exception {
    AccountAnalyticsPoller p = poller(dir, settings(Duration.ofMinutes(1), Duration.ofHours(1), 100));
    client.scripted.put(AnalyticsFeed.TUNNEL_SLO,
        FeedAnswer.failed(List.of(new GraphQlError("Cannot query field \"slo\"", List.of("viewer")))));
    client.voidedOnce.add(AnalyticsFeed.FIREWALL_SAMPLES);
    await(p.poll());
    assertThat(client.requests).hasSize(2);
    assertThat(client.requests.get(1)).extracting(FeedQuery::feed).containsExactly(AnalyticsFeed.FIREWALL_SAMPLES);
    assertThat(firewallBits()).isEqualTo(80);
  }

  @Test
  void anAnswerThatFillsTheLimitIsSplitNotCounted() throws Exception {
    client.groupsPerMinute = 3;
    AccountAnalyticsPoller p = poller(dir, settings(Duration.ofMinutes(8), Duration.ofHours(1), 10));
    await(p.poll()); // 8 minutes x 3 groups = 24 >= 10: split to 4 minutes
    assertThat(store.get(ACC) == null ? null : store.get(ACC).feed(AnalyticsFeed.FIREWALL_SAMPLES)).isNull();
    await(p.poll()); // 4 x 3 = 12: split to 2 minutes
    await(p.poll()); // 2 x 3 = 6: counted
    AnalyticsCheckpoint cp = p.durable();
    assertThat(cp.feed(AnalyticsFeed.FIREWALL_SAMPLES).countedTo() - cp.feed(AnalyticsFeed.FIREWALL_SAMPLES).since())
        .isEqualTo(120);
    assertThat(registry.get("cloudflare_exporter_analytics_truncated_windows_total")
        .tags("feed", "firewall_samples").counter().count()).isEqualTo(2);
  }

  @Test
  void aCheckpointThatCannotBeWrittenCountsNothingAndTheWindowComesAgain() throws Exception {
    Path notADir = Files.writeString(dir.resolve("file"), "x");
    AccountAnalyticsPoller broken = poller(notADir, settings(Duration.ofMinutes(2), Duration.ofHours(1), 100));
    try (LogCapture log = new LogCapture()) {
      await(broken.poll());
      assertThat(log.text()).contains("checkpoint not written");
    }
    assertThat(firewallBits()).isZero();
    assertThat(broken.durable().feed(AnalyticsFeed.FIREWALL_SAMPLES)).isNull();

    AccountAnalyticsPoller ok = poller(dir, settings(Duration.ofMinutes(2), Duration.ofHours(1), 100));
    await(ok.poll());
    assertThat(firewallBits()).isEqualTo(160);
  }

  @Test
  void aRestartPublishesTheStoredTotalsAtOnceAndContinues() throws Exception {
    AccountAnalyticsPoller first = poller(dir, settings(Duration.ofMinutes(5), Duration.ofHours(1), 100));
    await(first.poll());
    clock.advance(120);
    await(first.poll());
    assertThat(firewallBits()).isEqualTo(7 * 80);

    store = new AccountStore<>();
    registry = new SimpleMeterRegistry();
    clock.advance(600);
    AccountAnalyticsPoller second = poller(dir, settings(Duration.ofMinutes(5), Duration.ofHours(1), 100));
    assertThat(firewallBits()).as("published from the checkpoint before any request").isEqualTo(7 * 80);
    await(second.poll());
    assertThat(firewallBits()).isEqualTo(17 * 80);
  }

  @Test
  void timePastTheDatasetsLookBackIsSkippedAndReported() throws Exception {
    AccountAnalyticsPoller first = poller(dir, settings(Duration.ofMinutes(1), Duration.ofHours(1), 100));
    await(first.poll());
    clock.advance(3 * 3600);
    Map<String, DatasetLimits> limits = new HashMap<>();
    for (AnalyticsFeed f : AnalyticsFeed.values()) {
      limits.put(f.dataset(), new DatasetLimits(3600, 86_400, 10_000));
    }
    client.limits = limits;
    registry = new SimpleMeterRegistry();
    AccountAnalyticsPoller second = poller(dir, settings(Duration.ofMinutes(1), Duration.ofHours(2), 100));
    try (LogCapture log = new LogCapture()) {
      await(second.poll());
      assertThat(log.text()).contains("past the dataset's look-back and cannot be counted");
    }
    var cp = second.durable().feed(AnalyticsFeed.FIREWALL_SAMPLES);
    assertThat(cp.skippedSeconds()).isPositive();
    assertThat(cp.countedTo() - cp.since() - cp.skippedSeconds()).isEqualTo((long) (firewallBits() / 80 * 60));
    assertThat(registry.get("cloudflare_exporter_analytics_skipped_seconds_total").tags("feed", "firewall_samples")
        .functionCounter().count()).isEqualTo(cp.skippedSeconds());
  }
}
