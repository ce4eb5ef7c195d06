package dev.magicexporter.poll.analytics;

import dev.magicexporter.client.CloudflareApi;
import dev.magicexporter.client.graphql.GraphQlErrors;
import dev.magicexporter.metrics.self.SelfMetrics;
import dev.magicexporter.model.analytics.AccountAnalytics;
import dev.magicexporter.model.analytics.AnalyticsAnswer;
import dev.magicexporter.model.analytics.AnalyticsFeed;
import dev.magicexporter.model.analytics.AnalyticsWindow;
import dev.magicexporter.model.analytics.DatasetLimits;
import dev.magicexporter.model.analytics.FeedAnswer;
import dev.magicexporter.model.analytics.FeedData;
import dev.magicexporter.model.analytics.FeedQuery;
import dev.magicexporter.poll.source.SourceHealth;
import dev.magicexporter.state.AnalyticsCheckpoint;
import dev.magicexporter.state.AnalyticsCheckpoint.Counted;
import dev.magicexporter.state.AnalyticsCheckpointStore;
import dev.magicexporter.store.AccountStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The analytics feeds of one account: one GraphQL request per cycle carries every feed that has
 * something to read (gauges: the latest closed minute; counters: the next closed window after
 * their checkpoint), and each feed succeeds or fails on its own.
 *
 * <h2>Exactly once</h2>
 * A counter's window is added to its totals in a new {@link AnalyticsCheckpoint} that also moves
 * the feed's {@code counted_to} to the window's end; only once that file is written are the new
 * totals published to the store (and so to the metrics). A crash before the write loses nothing
 * visible: the window is read and counted again after the restart. A crash after it cannot count
 * the window twice: the next read starts at the window's end. A window is only read when it is
 * closed ({@code delay} after its end), so it is complete and reads the same every time, up to
 * Cloudflare's sampling.
 *
 * <h2>Failures</h2>
 * A feed's GraphQL error (missing permission, exhausted quota, a refused field, a node limit) is
 * reported to {@link SourceHealth} under {@code analytics_<feed>} (logged once per change, counted,
 * with the permission hint) and the feed keeps its last good data; the others count on. Feeds
 * voided by another node's error are asked again alone in the same cycle. A window that fills the
 * {@code limit} is not counted but split (next cycle, half as wide) until it fits.
 *
 * <h2>Quota</h2>
 * Every request first waits until its dataset nodes fit in the credential's GraphQL quota
 * ({@link AnalyticsQuota}, one query per node); an answer that says the quota is used up anyway
 * tells the quota, which then holds the credential's requests back for a window.
 */
final class AccountAnalyticsPoller {
  private static final Logger LOG = LoggerFactory.getLogger(AccountAnalyticsPoller.class);
  static final String SOURCE_PREFIX = "analytics_";

  private final Vertx vertx;
  private final String accountId;
  private final CloudflareApi api;
  private final AnalyticsQuota quota;
  private final AccountStore<AccountAnalytics> store;
  private final AnalyticsCheckpointStore checkpoints;
  private final SourceHealth health;
  private final MeterRegistry registry;
  private final AnalyticsSettings settings;
  private final Clock clock;

  private volatile AnalyticsCheckpoint durable;
  private final Map<AnalyticsFeed, FeedData> gauges = new EnumMap<>(AnalyticsFeed.class);
  private final Map<String, DatasetLimits> limits = new HashMap<>();
  private boolean limitsAsked;
  private final Map<AnalyticsFeed, Long> widths = new EnumMap<>(AnalyticsFeed.class);
  private final Map<AnalyticsFeed, Counter> truncated = new EnumMap<>(AnalyticsFeed.class);

  /** What one cycle of the account did: feeds that delivered, feeds that failed. */
  record Outcome(int ok, int failed) {}

  AccountAnalyticsPoller(Vertx vertx, String accountId, CloudflareApi api, AnalyticsQuota quota,
      AccountStore<AccountAnalytics> store, AnalyticsCheckpointStore checkpoints, AnalyticsCheckpoint loaded,
      SourceHealth health, MeterRegistry registry, AnalyticsSettings settings, Clock clock) {
    this.vertx = vertx;
    this.accountId = accountId;
    this.api = api;
    this.quota = quota;
    this.store = store;
    this.checkpoints = checkpoints;
    this.durable = loaded != null ? loaded : AnalyticsCheckpoint.empty(accountId);
    this.health = health;
    this.registry = registry;
    this.settings = settings;
    this.clock = clock;
    for (AnalyticsFeed f : AnalyticsFeed.values()) {
      if (f.counted()) {
        registerFeedMeters(f);
        Counted c = durable.feed(f);
        LOG.info("analytics {} of account {}: {}", f.id(), accountId, c == null
            ? "first start, counting from " + settings.initialLookback() + " before the latest closed minute"
            : "continuing from the checkpoint, counted " + new AnalyticsWindow(c.since(), Math.max(c.countedTo(),
                c.since() + 1)));
      }
    }
    publish();
  }

  private void registerFeedMeters(AnalyticsFeed f) {
    SelfMetrics.ANALYTICS_COUNTED_TO.gauge(registry, this, a -> {
      Counted c = a.durable.feed(f);
      return c == null ? Double.NaN : c.countedTo();
    }, accountId, f.id());
    SelfMetrics.ANALYTICS_SKIPPED.functionCounter(registry, this, a -> {
      Counted c = a.durable.feed(f);
      return c == null ? 0 : c.skippedSeconds();
    }, accountId, f.id());
    truncated.put(f, SelfMetrics.ANALYTICS_TRUNCATED.counter(registry, accountId, f.id()));
  }

  String accountId() {
    return accountId;
  }

  AnalyticsCheckpoint durable() {
    return durable;
  }

  private DatasetLimits limits(AnalyticsFeed f) {
    DatasetLimits l = limits.get(f.dataset());
    return l != null ? l : DatasetLimits.assumed(f.dataset());
  }

  /** One cycle; never fails. */
  Future<Outcome> poll() {
    Future<Void> ready = limitsAsked ? Future.succeededFuture() : askLimits();
    return ready.compose(v -> cycle()).otherwise(e -> {
      LOG.error("analytics of account {}: cycle failed unexpectedly", accountId, e);
      return new Outcome(0, AnalyticsFeed.values().length);
    });
  }

  private Future<Void> askLimits() {
    List<String> datasets = new ArrayList<>(new LinkedHashSet<>(java.util.Arrays.stream(AnalyticsFeed.values())
        .map(AnalyticsFeed::dataset).toList()));
    return api.analyticsLimits(accountId, datasets).transform(ar -> {
      limitsAsked = true;
      if (ar.succeeded()) {
        limits.putAll(ar.result());
        LOG.info("analytics of account {}: dataset limits {}", accountId, ar.result());
      } else {
        LOG.info("analytics of account {}: dataset limits not available ({}); assuming the documented ones",
            accountId, ar.cause().getMessage());
      }
      return Future.<Void>succeededFuture();
    });
  }

  private Future<Outcome> cycle() {
    long now = clock.instant().getEpochSecond();
    long delay = settings.delay().toSeconds();
    List<FeedQuery> queries = new ArrayList<>();
    Map<AnalyticsFeed, Long> skipped = new EnumMap<>(AnalyticsFeed.class);
    for (AnalyticsFeed f : AnalyticsFeed.values()) {
      DatasetLimits l = limits(f);
      int limit = Math.min(settings.limit(), l.maxPageSize() > 0 ? l.maxPageSize() : settings.limit());
      if (!f.counted()) {
        queries.add(new FeedQuery(f, WindowPlanner.latest(now, delay), limit));
        continue;
      }
      long width = Math.min(widths.getOrDefault(f, settings.maxWindow().toSeconds()),
          Math.min(settings.maxWindow().toSeconds(), l.maxDuration()));
      WindowPlanner.Plan plan = WindowPlanner.next(durable.feed(f), now, delay, settings.initialLookback().toSeconds(),
          width, l.notOlderThan());
      if (plan.window() != null) {
        queries.add(new FeedQuery(f, plan.window(), limit));
        skipped.put(f, plan.skipped());
      }
    }
    if (queries.isEmpty()) {
      return Future.succeededFuture(new Outcome(0, 0));
    }
    return ask(queries).compose(answer -> {
      List<FeedQuery> voided = new ArrayList<>();
      for (FeedQuery q : queries) {
        if (answer.get(q.feed()).answer != null && answer.get(q.feed()).answer.collateral()) {
          voided.add(q);
        }
      }
      if (voided.isEmpty() || voided.size() == queries.size()) {
        return Future.succeededFuture(answer);
      }
      // another node's error voided these: ask them alone, once
      return ask(voided).map(again -> {
        answer.putAll(again);
        return answer;
      });
    }).compose(answer -> apply(queries, answer, skipped, now));
  }

  /** One feed's result: an answer, or the failure of the whole request. */
  private record Result(FeedAnswer answer, Throwable failure) {}

  private Future<Map<AnalyticsFeed, Result>> ask(List<FeedQuery> queries) {
    return acquire(queries.size())
        .compose(v -> api.analytics(accountId, queries))
        .transform(ar -> {
          if (ar.succeeded() && ar.result().feeds().values().stream().anyMatch(AccountAnalyticsPoller::quotaRefused)) {
            quota.exhausted();
          }
          Map<AnalyticsFeed, Result> out = new EnumMap<>(AnalyticsFeed.class);
          for (FeedQuery q : queries) {
            if (ar.failed()) {
              out.put(q.feed(), new Result(null, ar.cause()));
            } else {
              AnalyticsAnswer a = ar.result();
              FeedAnswer fa = a.feed(q.feed());
              out.put(q.feed(), fa != null ? new Result(fa, null)
                  : new Result(null, new IllegalStateException("the client answered without " + q.feed().id())));
            }
          }
          return Future.succeededFuture(out);
        });
  }

  /** The quota's grant, on this poller's context (the quota completes on whichever thread frees it). */
  private Future<Void> acquire(int queries) {
    Context ctx = vertx.getOrCreateContext();
    Promise<Void> onCaller = Promise.promise();
    quota.acquire(queries).onComplete(ar -> ctx.runOnContext(x -> onCaller.handle(ar)));
    return onCaller.future();
  }

  private static boolean quotaRefused(FeedAnswer a) {
    return a != null && a.errors().stream().anyMatch(e -> GraphQlErrors.kind(e) == GraphQlErrors.Kind.QUOTA);
  }

  private Future<Outcome> apply(List<FeedQuery> queries, Map<AnalyticsFeed, Result> results,
      Map<AnalyticsFeed, Long> skipped, long now) {
    Instant at = clock.instant();
    AnalyticsCheckpoint next = durable;
    List<AnalyticsFeed> counted = new ArrayList<>();
    int ok = 0;
    int failed = 0;
    for (FeedQuery q : queries) {
      AnalyticsFeed f = q.feed();
      Result r = results.get(f);
      String source = SOURCE_PREFIX + f.id();
      if (r.failure() != null || !r.answer().ok()) {
        Throwable error = r.failure() != null ? r.failure() : GraphQlErrors.exception(r.answer().errors());
        if (r.answer() != null) {
          OptionalLong lookback = GraphQlErrors.lookback(r.answer().errors());
          if (lookback.isPresent()) {
            limits.put(f.dataset(), limits(f).withNotOlderThan(lookback.getAsLong()));
          }
        }
        health.failure(source, accountId, error, GraphQlErrors.PERMISSION);
        failed++;
        continue;
      }
      List<dev.magicexporter.model.analytics.AnalyticsGroup> groups = r.answer().groups();
      if (!f.counted()) {
        gauges.put(f, new FeedData(q.window(), Totals.sorted(groups), at));
        health.success(source, accountId, groups.size(), at);
        ok++;
        continue;
      }
      if (groups.size() >= q.limit()) {
        truncated.get(f).increment();
        if (q.window().seconds() > WindowPlanner.MINUTE) {
          long half = Math.max(WindowPlanner.MINUTE, WindowPlanner.floorMinute(q.window().seconds() / 2));
          widths.put(f, half);
          LOG.info("analytics {} of account {}: {} groups in {} fill the limit; reading {} s at a time", f.id(),
              accountId, groups.size(), q.window(), half);
          health.success(source, accountId, groups.size(), at);
          ok++;
          continue;
        }
        LOG.warn("analytics {} of account {}: one minute {} holds {} groups, the limit; counting what came "
            + "(raise analytics.limit up to the dataset's maxPageSize)", f.id(), accountId, q.window(), groups.size());
      } else if (widths.containsKey(f)) {
        long wider = widths.get(f) * 2;
        if (wider >= settings.maxWindow().toSeconds()) {
          widths.remove(f);
        } else {
          widths.put(f, wider);
        }
      }
      Counted before = next.feed(f);
      long skip = skipped.getOrDefault(f, 0L);
      if (skip > 0) {
        LOG.warn("analytics {} of account {}: {} s before {} are past the dataset's look-back and cannot be counted",
            f.id(), accountId, skip, q.window());
      }
      Counted after = new Counted(before == null ? q.window().start() : before.since(), q.window().end(),
          (before == null ? 0 : before.skippedSeconds()) + skip,
          Totals.add(before == null ? List.of() : before.totals(), groups, f.aggregates().size()));
      next = next.with(f, after);
      counted.add(f);
      health.success(source, accountId, after.totals().size(), at);
      ok++;
    }
    Outcome outcome = new Outcome(ok, failed);
    if (counted.isEmpty()) {
      publish();
      return Future.succeededFuture(outcome);
    }
    AnalyticsCheckpoint toWrite = next;
    Outcome lost = new Outcome(ok - counted.size(), failed + counted.size());
    return vertx.<Void>executeBlocking(() -> {
      checkpoints.write(toWrite);
      return null;
    }, false).transform(ar -> {
      if (ar.succeeded()) {
        durable = toWrite;
      } else {
        LOG.error("analytics of account {}: checkpoint not written ({}); {} will be counted again next cycle",
            accountId, ar.cause().getMessage(), counted);
      }
      publish();
      return Future.succeededFuture(ar.succeeded() ? outcome : lost);
    });
  }

  /** Swaps in the account's data: gauges as last read, counters as durably counted. */
  private void publish() {
    Map<AnalyticsFeed, FeedData> feeds = new EnumMap<>(AnalyticsFeed.class);
    feeds.putAll(gauges);
    Instant at = clock.instant();
    for (Map.Entry<AnalyticsFeed, Counted> e : durable.feeds().entrySet()) {
      Counted c = e.getValue();
      if (c.countedTo() > c.since()) {
        feeds.put(e.getKey(), new FeedData(new AnalyticsWindow(c.since(), c.countedTo()), c.totals(), at));
      }
    }
    if (!feeds.isEmpty()) {
      store.put(accountId, new AccountAnalytics(feeds), at);
    }
  }
}
