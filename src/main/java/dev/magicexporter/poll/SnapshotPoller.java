package dev.magicexporter.poll;

import dev.magicexporter.client.ApiException;
import dev.magicexporter.client.CloudflareApi;
import dev.magicexporter.client.Priority;
import dev.magicexporter.model.Snapshot;
import dev.magicexporter.store.ConnectorDirectory;
import dev.magicexporter.store.ConnectorRef;
import dev.magicexporter.store.SnapshotStore;
import dev.magicexporter.store.SnapshotStore.SnapshotState;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches every connector's snapshot ({@code snapshots/latest}, or {@code snapshots/{t}} as the
 * {@link SnapshotPlanner} says), decodes it and swaps it into the {@link SnapshotStore}.
 *
 * <p>First pass: connectors this poller has not tried yet (all of them after a start, and the ones
 * discovery adds later, see {@link #pollNew()}) are fetched at once, at most {@code concurrency}
 * at a time, with {@link Priority#FIRST_PASS}: as fast as the budget's free window and its
 * requests in flight allow, and behind every steady request when the window is full.
 *
 * <p>Steady cycle: each round of the {@link ConnectorSchedule}, the connectors the
 * {@link FreshnessQueue} picks (all of them when the budget allows, else the troubled ones and a
 * share of the quiet ones) are spread evenly over the round, so thousands of connectors never mean
 * a burst of requests. A connector that fails keeps its last good snapshot, is marked down and
 * counted (parse errors apart), and is logged once when it goes down and once when it recovers; it
 * never stops the others.
 */
public final class SnapshotPoller implements Poller {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotPoller.class);

  private final Map<String, CloudflareApi> apis;
  private final ConnectorDirectory directory;
  private final SnapshotPlanner planner;
  private final SnapshotStore store;
  private final ConnectorSchedule schedule;
  private final Pacer pacer;
  private final int concurrency;
  private final DoubleSupplier nowSeconds;
  private final FirstPass firstPass = new FirstPass();
  private final FreshnessQueue freshness = new FreshnessQueue();

  /**
   * A poller whose cycle comes from the request budget and whose connectors are spread evenly
   * over it.
   *
   * @param apis the API of each account, by account id
   * @param schedule the connector cycle (shared with the events poller)
   * @param pacer timers to spread the connectors with ({@link Pacer#vertx})
   */
  public SnapshotPoller(Map<String, CloudflareApi> apis, ConnectorDirectory directory, SnapshotPlanner planner,
      SnapshotStore store, ConnectorSchedule schedule, Pacer pacer, int concurrency, DoubleSupplier nowSeconds) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1");
    }
    this.apis = Map.copyOf(apis);
    this.directory = directory;
    this.planner = planner;
    this.store = store;
    this.schedule = schedule;
    this.pacer = pacer;
    this.concurrency = concurrency;
    this.nowSeconds = nowSeconds;
    directory.onRemoved(gone -> {
      firstPass.forget(gone);
      freshness.forget(gone);
      schedule.trouble().forget(gone);
    });
  }

  @Override
  public String name() {
    return "snapshots";
  }

  @Override
  public Duration interval() {
    return schedule.round();
  }

  /** How many of the current connectors had their first snapshot attempt, of how many. */
  public FirstPass.Progress progress() {
    return firstPass.progress(directory.connectors());
  }

  /**
   * One round: the first pass of connectors not tried yet, unpaced, and the steady cycle of the
   * others, spread over the round.
   */
  @Override
  public Future<PollOutcome> poll() {
    List<ConnectorRef> refs = new ArrayList<>(directory.connectors());
    if (refs.isEmpty()) {
      return Future.succeededFuture(PollOutcome.of(0));
    }
    // Steady before fresh: a first attempt that fails at once must not join this round's cycle too.
    List<ConnectorRef> steadyRefs = firstPass.steady(refs);
    Future<PollOutcome> first = run(firstPass.claimNew(refs), 0, Priority.FIRST_PASS);
    Duration round = schedule.round();
    List<ConnectorRef> due = freshness.select(steadyRefs, schedule, firstPass.pending());
    Future<PollOutcome> steady = run(due, BudgetSchedule.spacingMillis(round, due.size()), Priority.TELEMETRY);
    return Future.all(first, steady).map(v -> new PollOutcome(first.result().items() + steady.result().items(),
        first.result().errors() + steady.result().errors()));
  }

  /** The first pass of the connectors no pass has taken yet (discovery found them): at once, unpaced. */
  public Future<PollOutcome> pollNew() {
    return run(firstPass.claimNew(directory.connectors()), 0, Priority.FIRST_PASS);
  }

  private Future<PollOutcome> run(List<ConnectorRef> refs, long spacing, Priority priority) {
    if (refs.isEmpty()) {
      return Future.succeededFuture(PollOutcome.of(0));
    }
    AtomicInteger errors = new AtomicInteger();
    return BoundedRunner.run(refs, concurrency, spacing, pacer, ref -> one(ref, priority).onSuccess(ok -> {
      if (!ok) {
        errors.incrementAndGet();
      }
    })).map(v -> new PollOutcome(refs.size(), errors.get()));
  }

  /** Fetches one connector; completes with whether it worked, never fails. */
  Future<Boolean> one(ConnectorRef ref) {
    return one(ref, Priority.TELEMETRY);
  }

  private Future<Boolean> one(ConnectorRef ref, Priority priority) {
    Future<Boolean> f;
    try {
      f = planner.plan(ref).compose(plan -> fetch(ref, plan, priority));
    } catch (RuntimeException e) {
      f = Future.failedFuture(e);
    }
    return f.recover(t -> {
      schedule.trouble().snapshotFailed(ref);
      return Future.succeededFuture(failed(ref, t));
    }).andThen(ar -> {
      if (priority == Priority.FIRST_PASS) {
        freshness.polled(ref);
      }
      firstPass.attempted(ref);
      schedule.polled(ref, pacer.nowMillis());
    });
  }

  private Future<Boolean> fetch(ConnectorRef ref, SnapshotPlan plan, Priority priority) {
    CloudflareApi api = apis.get(ref.accountId());
    if (api == null) {
      return Future.failedFuture(new IllegalStateException("no API client for account " + ref.accountId()));
    }
    Future<Optional<Snapshot>> fetched;
    api = priority == Priority.TELEMETRY ? api : api.at(priority);
    if (plan instanceof SnapshotPlan.FetchAt at) {
      fetched = api.snapshotAt(ref.accountId(), ref.connectorId(), at.t()).map(Optional::of);
    } else if (plan instanceof SnapshotPlan.FetchLatest) {
      fetched = api.latestSnapshot(ref.accountId(), ref.connectorId());
    } else {
      succeeded(ref, null);
      return Future.succeededFuture(true);
    }
    return fetched.map(found -> {
      Snapshot s = found.orElse(null);
      schedule.trouble().snapshot(ref, s, BudgetSchedule.seconds(schedule.configured()));
      if (succeeded(ref, s) && s != null) {
        planner.stored(ref, s.t());
      }
      return true;
    });
  }

  /** Records a successful attempt; false when the connector left the directory meanwhile. */
  private boolean succeeded(ConnectorRef ref, Snapshot s) {
    SnapshotState before = store.get(ref);
    SnapshotState after = s != null
        ? store.stored(ref, s, nowSeconds.getAsDouble())
        : store.unchanged(ref, nowSeconds.getAsDouble());
    if (after != null && before != null && !before.up() && before.lastError() != null) {
      LOG.info("snapshots of connector {} (account {}) recovered", ref.connectorId(), ref.accountId());
    }
    return after != null;
  }

  private boolean failed(ConnectorRef ref, Throwable t) {
    String kind = t instanceof ApiException a ? a.kind() : "internal";
    String reason = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    SnapshotState before = store.get(ref);
    SnapshotState after = store.failed(ref, kind, reason);
    if (after == null) {
      return false;
    }
    boolean wasDown = before != null && !before.up() && before.lastError() != null;
    if (!wasDown) {
      String kept = after.snapshot() == null ? "no snapshot yet" : "keeping the snapshot of t=" + (long) after.snapshot().t();
      if ("malformed".equals(kind)) {
        LOG.warn("snapshot of connector {} (account {}) could not be parsed, {}: {}", ref.connectorId(),
            ref.accountId(), kept, reason);
      } else {
        LOG.warn("snapshot fetch for connector {} (account {}) failed ({}), {}: {}", ref.connectorId(),
            ref.accountId(), kind, kept, reason);
      }
    } else {
      LOG.debug("snapshot fetch for connector {} still failing ({}): {}", ref.connectorId(), kind, reason);
    }
    return false;
  }
}
