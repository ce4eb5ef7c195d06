package dev.magicexporter.poll;

import dev.magicexporter.client.ApiException;
import dev.magicexporter.client.CloudflareApi;
import dev.magicexporter.client.Priority;
import dev.magicexporter.model.CursorPage;
import dev.magicexporter.model.Event;
import dev.magicexporter.state.CheckpointStore;
import dev.magicexporter.state.EventKey;
import dev.magicexporter.state.EventsCheckpoint;
import dev.magicexporter.store.ConnectorDirectory;
import dev.magicexporter.store.ConnectorRef;
import dev.magicexporter.metrics.self.SelfMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts every connector's events exactly once, across pages, cycles and restarts.
 *
 * <p>Per connector and cycle it reads the window {@code [from, to]} with {@code from} = the
 * checkpoint's floor (or now minus the look-back on a first start) and {@code to} = now (whole
 * seconds), paging through the cursor until none is returned. Each page is counted and its
 * checkpoint written before the next page is requested; the last page also closes the window,
 * which lets the floor rise to {@code to - settle}. See {@link EventsCheckpoint} for why this is
 * exactly-once whatever order the pages come in. A page that fails (after the client's retries)
 * ends the connector's cycle with its checkpoint where the last good page left it; the next cycle
 * resumes from there.
 *
 * <p>First pass: connectors this poller has not tried yet (all after a start, and those discovery
 * adds later, see {@link #pollNew()}) are read at once with {@link Priority#FIRST_PASS}, as fast as
 * the budget allows. Steady cycle: with bounded concurrency, spread evenly over the round of the
 * {@link ConnectorSchedule}; {@link ConnectorCadence} decides which ones a round polls (quiet
 * connectors back off, at most a share of all and what the credential's plan has room for).
 * Restart, disconnect and failure events mark a connector as troubled ({@link ConnectorTrouble}).
 */
public final class EventsPoller implements Poller {
  private static final Logger LOG = LoggerFactory.getLogger(EventsPoller.class);
  static final String ROUTINE_KIND = "Reconcile";
  private final Function<String, CloudflareApi> apis;
  private final ConnectorDirectory directory;
  private final CheckpointStore store;
  private final EventsSettings settings;
  private final Clock clock;
  private final ConnectorCadence cadence;
  private final Map<ConnectorRef, String> lastErrors = new ConcurrentHashMap<>();
  private final java.util.Set<ConnectorRef> warnedInvalid = ConcurrentHashMap.newKeySet();
  private final Counter beforeFloor;
  private final Counter duplicates;
  private final Counter invalid;
  private final MeterRegistry registry;
  private final ConnectorSchedule schedule;
  private final Pacer pacer;
  private final Counter skippedQuiet;
  private final Counter skippedOverShare;
  private final Counter skippedFailing;
  private final FirstPass firstPass = new FirstPass();

  /**
   * A poller whose cycle comes from the request budget ({@code settings.interval()} is then
   * unused) and whose connectors are spread evenly over it.
   *
   * @param apis the API of each account id (accounts may use different credentials)
   * @param schedule the connector cycle (shared with the snapshot poller)
   * @param pacer timers to spread the connectors with ({@link Pacer#vertx})
   */
  public EventsPoller(Function<String, CloudflareApi> apis, ConnectorDirectory directory,
      CheckpointStore store, EventsSettings settings, ConnectorSchedule schedule, Pacer pacer, Clock clock,
      MeterRegistry registry) {
    this.apis = apis;
    this.directory = directory;
    this.store = store;
    this.settings = settings;
    this.clock = clock;
    this.registry = registry;
    this.cadence = new ConnectorCadence(settings.maxSkippedCycles(), settings.maxQuietSkippedCycles(),
        settings.pollShare());
    this.schedule = schedule;
    this.pacer = pacer;
    this.skippedQuiet = SelfMetrics.EVENTS_POLLS_SKIPPED.counter(registry, "quiet");
    this.skippedOverShare = SelfMetrics.EVENTS_POLLS_SKIPPED.counter(registry, "over_share");
    this.skippedFailing = SelfMetrics.EVENTS_POLLS_SKIPPED.counter(registry, "failing");
    this.beforeFloor = SelfMetrics.EVENTS_IGNORED.counter(registry, "before_checkpoint");
    this.duplicates = SelfMetrics.EVENTS_IGNORED.counter(registry, "already_counted");
    this.invalid = SelfMetrics.EVENTS_IGNORED.counter(registry, "invalid");
    directory.onRemoved(gone -> {
      firstPass.forget(gone);
      gone.forEach(r -> {
        cadence.forget(r);
        lastErrors.remove(r);
        warnedInvalid.remove(r);
      });
    });
  }

  @Override
  public String name() {
    return "events";
  }

  @Override
  public Duration interval() {
    return schedule.round();
  }

  /** How many of the current connectors had their first events poll, of how many. */
  public FirstPass.Progress progress() {
    return firstPass.progress(directory.connectors());
  }

  /** The message of the connector's last failed poll, or null when its last poll succeeded. */
  public String lastError(ConnectorRef ref) {
    return lastErrors.get(ref);
  }

  public ConnectorCadence cadence() {
    return cadence;
  }

  @Override
  public Future<PollOutcome> poll() {
    Future<Void> housekeeping = store.maintain()
        .recover(e -> {
          LOG.warn("checkpoint housekeeping failed: {}", e.getMessage());
          return Future.succeededFuture();
        });
    return housekeeping.compose(v -> {
      List<ConnectorRef> refs = new java.util.ArrayList<>(directory.connectors());
      // Steady before fresh: a first attempt that fails at once must not join this round's cycle too.
      List<ConnectorRef> steadyRefs = firstPass.steady(refs);
      if (firstPass.pending()) {
        // A first pass is still reading connectors never read: only the troubled ones' events are
        // read again meanwhile, the budget goes to the first pass.
        steadyRefs = steadyRefs.stream().filter(r -> schedule.trouble().troubled(r)).toList();
      }
      Future<PollOutcome> first = run(firstPass.claimNew(refs), 0, Priority.FIRST_PASS);
      ConnectorCadence.Selection sel = cadence.select(steadyRefs, schedule::credentialOf, this::maxDue);
      skippedQuiet.increment(sel.quiet());
      skippedOverShare.increment(sel.overShare());
      skippedFailing.increment(sel.failing());
      List<ConnectorRef> due = sel.due();
      Future<PollOutcome> steady = run(due, BudgetSchedule.spacingMillis(schedule.round(), due.size()),
          Priority.TELEMETRY);
      return Future.all(first, steady).map(x -> new PollOutcome(first.result().items() + steady.result().items(),
          first.result().errors() + steady.result().errors()));
    });
  }

  /** The first pass of the connectors no pass has taken yet (discovery found them): at once, unpaced. */
  public Future<PollOutcome> pollNew() {
    return run(firstPass.claimNew(directory.connectors()), 0, Priority.FIRST_PASS);
  }

  /** Events polls a round may make with a credential: what its plan has room for. */
  private int maxDue(String credential) {
    BudgetSchedule.Plan plan = schedule.plan(credential);
    return plan == null || !plan.limited() ? Integer.MAX_VALUE : plan.eventsPerRound(schedule.cost());
  }

  private Future<PollOutcome> run(List<ConnectorRef> refs, long spacing, Priority priority) {
    if (refs.isEmpty()) {
      return Future.succeededFuture(PollOutcome.of(0));
    }
    AtomicInteger failed = new AtomicInteger();
    return BoundedRunner.run(refs, settings.concurrency(), spacing, pacer,
            ref -> pollConnector(ref, priority).onFailure(e -> failed.incrementAndGet()))
        .map(x -> new PollOutcome(refs.size(), failed.get()));
  }

  /**
   * Reads one connector's events up to now (at most {@code maxWindowsPerCycle} windows). Fails
   * with the first error; what was counted before it stays counted and on disk.
   */
  public Future<Void> pollConnector(ConnectorRef ref) {
    return pollConnector(ref, Priority.TELEMETRY);
  }

  private Future<Void> pollConnector(ConnectorRef ref, Priority priority) {
    double now = Math.floor(clock.millis() / 1000.0);
    long activityBefore = activity(ref);
    // compose turns anything thrown while building the first request into a failed poll
    return Future.<Void>succeededFuture().compose(v -> window(ref, now, 0, priority)).andThen(ar -> {
      firstPass.attempted(ref);
      schedule.trouble().events(ref, ConnectorTrouble.lastTrouble(store.working(ref).events().lastT()),
          BudgetSchedule.seconds(schedule.configured()));
      if (ar.succeeded()) {
        cadence.succeeded(ref, activity(ref) > activityBefore);
        if (lastErrors.remove(ref) != null) {
          LOG.info("events of connector {} (account {}) are polled again", ref.connectorId(), ref.accountId());
        }
      } else {
        cadence.failed(ref);
        String kind = ar.cause() instanceof ApiException a ? a.kind() : "state";
        SelfMetrics.EVENTS_CONNECTOR_FAILURES.counter(registry, kind).increment();
        String msg = String.valueOf(ar.cause().getMessage());
        if (!msg.equals(lastErrors.put(ref, msg))) {
          LOG.warn("events of connector {} (account {}) failed, checkpoint kept: {}", ref.connectorId(),
              ref.accountId(), msg);
        }
      }
    });
  }

  /**
   * Events counted so far that show activity: all but {@code Reconcile}, which every healthy
   * connector sends every few minutes and which changes nothing (were it activity, no connector
   * would ever be quiet at cycles of five minutes and more).
   */
  private long activity(ConnectorRef ref) {
    EventsCheckpoint e = store.working(ref).events();
    return e.grandTotal() - e.total(ROUTINE_KIND);
  }

  private Future<Void> window(ConnectorRef ref, double now, int done, Priority priority) {
    EventsCheckpoint cp = store.working(ref).events();
    EventKey floor = cp.floor() != null ? cp.floor() : EventKey.before(now - settings.lookback().toSeconds());
    double from = floor.t();
    double to = Math.max(from, Math.min(now, from + settings.maxWindow().toSeconds()));
    CloudflareApi api = apis.apply(ref.accountId());
    return (priority == Priority.TELEMETRY ? api : api.at(priority))
        .events(ref.accountId(), ref.connectorId(), from, to, settings.pageLimit(),
            page -> countPage(ref, floor, page, to))
        .compose(v -> to < now && done + 1 < settings.maxWindowsPerCycle()
            ? window(ref, now, done + 1, priority) : Future.succeededFuture());
  }

  private Future<Void> countPage(ConnectorRef ref, EventKey start, CursorPage<Event> page, double to) {
    EventsCheckpoint.PageCount[] result = new EventsCheckpoint.PageCount[1];
    boolean last = page.cursor() == null;
    double settle = settings.settle().toMillis() / 1000.0;
    Future<Void> written = store.update(ref, c -> {
      EventsCheckpoint.PageCount pc = c.events().startingAt(start).count(page.items());
      result[0] = pc;
      EventsCheckpoint next = last ? pc.next().completeWindow(to, settle) : pc.next();
      return c.withEvents(next);
    });
    EventsCheckpoint.PageCount pc = result[0];
    beforeFloor.increment(pc.beforeFloor());
    duplicates.increment(pc.duplicates());
    if (pc.invalid() > 0) {
      invalid.increment(pc.invalid());
      if (warnedInvalid.add(ref)) {
        LOG.warn("events of connector {} (account {}): {} list items without t or n were not counted; further "
            + "ones are only counted in " + SelfMetrics.EVENTS_IGNORED.name() + "{reason=\"invalid\"}",
            ref.connectorId(), ref.accountId(), pc.invalid());
      }
    }
    return written;
  }
}
