package dev.magicexporter.poll.analytics;

import dev.magicexporter.client.CloudflareApi;
import dev.magicexporter.metrics.self.SelfMetrics;
import dev.magicexporter.model.analytics.AccountAnalytics;
import dev.magicexporter.model.analytics.AnalyticsFeed;
import dev.magicexporter.poll.Poller;
import dev.magicexporter.poll.source.SourceHealth;
import dev.magicexporter.state.AnalyticsCheckpoint;
import dev.magicexporter.state.AnalyticsCheckpointStore;
import dev.magicexporter.store.AccountStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The GraphQL analytics of every account, as one poller: each cycle asks every account once (one
 * request per account carrying all its feeds, see {@link AccountAnalyticsPoller}); accounts and
 * feeds fail on their own. The cycle fails only when every feed of every account failed.
 */
public final class AnalyticsPoller implements Poller {
  /** The poller's name (the {@code poller} label). */
  public static final String NAME = "analytics";

  /** One account to poll: the API of its credential and that credential's GraphQL quota. */
  public record Target(String accountId, CloudflareApi api, AnalyticsQuota quota) {}

  private final Duration interval;
  private final List<AccountAnalyticsPoller> accounts;

  private AnalyticsPoller(Duration interval, List<AccountAnalyticsPoller> accounts) {
    this.interval = interval;
    this.accounts = List.copyOf(accounts);
  }

  /**
   * Loads the checkpoints (off the event loop) and builds the poller; counters are published from
   * the checkpoints at once, before the first cycle.
   */
  public static Future<AnalyticsPoller> create(Vertx vertx, List<Target> targets,
      AccountStore<AccountAnalytics> store, AnalyticsCheckpointStore checkpoints, SourceHealth health,
      MeterRegistry registry, AnalyticsSettings settings, Clock clock) {
    return vertx.executeBlocking(checkpoints::load, false).map(loaded -> {
      List<AccountAnalyticsPoller> out = new ArrayList<>();
      for (Target t : targets) {
        out.add(new AccountAnalyticsPoller(vertx, t.accountId(), t.api(), t.quota(), store, checkpoints,
            loaded.get(t.accountId()), health, registry, settings, clock));
      }
      return new AnalyticsPoller(settings.interval(), out);
    });
  }

  /** Dataset nodes one cycle asks per account at most (each counts against the GraphQL quota). */
  public static int queriesPerCycle() {
    return AnalyticsFeed.values().length;
  }

  /**
   * The interval to poll at: {@code configured}, or longer when {@code accounts} accounts of one
   * credential would ask more than {@code budget} queries per {@code window} at it.
   */
  public static Duration interval(Duration configured, int accounts, int budget, Duration window) {
    long needed = (long) Math.ceil((double) accounts * queriesPerCycle() * window.toMillis() / budget);
    return Duration.ofMillis(Math.max(configured.toMillis(), needed));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Duration interval() {
    return interval;
  }

  /** The durable checkpoint of each account (tests, status). */
  public Map<String, AnalyticsCheckpoint> checkpoints() {
    Map<String, AnalyticsCheckpoint> out = new java.util.TreeMap<>();
    accounts.forEach(a -> out.put(a.accountId(), a.durable()));
    return out;
  }

  @Override
  public Future<PollOutcome> poll() {
    List<Future<AccountAnalyticsPoller.Outcome>> all = new ArrayList<>();
    for (AccountAnalyticsPoller a : accounts) {
      all.add(a.poll());
    }
    return Future.join(all).transform(ignored -> {
      int ok = 0;
      int failed = 0;
      for (Future<AccountAnalyticsPoller.Outcome> f : all) {
        ok += f.result().ok();
        failed += f.result().failed();
      }
      if (ok == 0 && failed > 0) {
        return Future.failedFuture(new IllegalStateException("analytics: every feed of every account failed; see "
            + SelfMetrics.SOURCE_UP.name() + "{source=~\"analytics_.*\"}"));
      }
      return Future.succeededFuture(new PollOutcome(ok, failed));
    });
  }
}
