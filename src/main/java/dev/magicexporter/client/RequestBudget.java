package dev.magicexporter.client;

import dev.magicexporter.metrics.self.SelfMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request budget of one Cloudflare credential, shared by every client (account) that uses the
 * credential. Cloudflare counts requests per user or token: 1,200 per 5 minutes by default, and
 * after a 429 it refuses every call of that credential until the window ends. The budget is this
 * replica's planned part of that limit ({@link BudgetShare}).
 *
 * <p>Window: a token bucket whose tokens come back exactly one window after they were spent (a
 * sliding-window log, {@link SpendLog}). A classic bucket that refills at {@code limit / window}
 * would allow up to twice the limit inside one window after an idle period, which is exactly what
 * Cloudflare refuses; this one never lets more than {@code limit} requests start within any
 * window. So spending the whole free window at once (the first pass after a start) cannot cause
 * a 429; pacing is for the steady state. Callers wait asynchronously (timers, never a blocked
 * thread); nothing is refused.
 *
 * <p>Sharing: {@code round(limit * adminShare)} tokens are reserved for {@link Priority#ADMIN}
 * and are never spent by pollers, so pollers cannot starve the admin API. Admin requests take
 * reserved tokens first and shared tokens only when no poller is waiting, so the admin API
 * cannot starve pollers either. Waiting pollers are served in {@link Priority} order, first come
 * first served within a priority.
 *
 * <p>Concurrency: a request taken with {@link #permit} holds one of {@code maxInFlight} slots until
 * it is released (its answer arrived), so a burst is a handful of requests at a time, not
 * thousands of connections. Admin requests take no slot (a download may stream for minutes).
 *
 * <p>Someone else: a 429 (or a {@code Ratelimit} header reporting nothing left) pauses every
 * request until the window Cloudflare names is over, and also lowers the requests allowed per
 * window for a while ({@link Aimd}): since this budget never exceeds its plan, the limit was spent
 * by another tool of the same user.
 *
 * <p>Its metric families are the {@code cloudflare_exporter_api_budget_*} and
 * {@code cloudflare_exporter_api_throttle*} of {@link SelfMetrics}, registered by
 * {@link #bindTo(MeterRegistry)}; {@code credential} is {@link Credential#id()}, never the secret.
 */
public final class RequestBudget {
  private static final Logger LOG = LoggerFactory.getLogger(RequestBudget.class);

  /** A granted request's slot; {@link #release()} once its answer arrived (idempotent). */
  public interface Permit {
    void release();
  }

  private static final Permit NO_SLOT = () -> {};

  private final class Slot implements Permit {
    private boolean released;

    @Override
    public void release() {
      List<Waiter> granted;
      synchronized (RequestBudget.this) {
        if (released) {
          return;
        }
        released = true;
        inFlight--;
        granted = drainLocked();
      }
      complete(granted);
    }
  }

  private record Waiter(Priority priority, Promise<Permit> promise, long since, boolean takesSlot) {}

  private final String credentialId;
  private final int limit;
  private final int reserved;
  private final long windowNanos;
  private final int maxInFlight;
  private final BudgetClock clock;
  private final SpendLog shared;
  private final SpendLog reserve;
  private final Aimd aimd;
  private final Map<Priority, ArrayDeque<Waiter>> queues = new EnumMap<>(Priority.class);

  private final ThrottlePause pause = new ThrottlePause();
  private int inFlight;
  private long throttledResponses;
  private boolean wakeScheduled;
  private long wakeAt;
  private Map<Priority, Timer> waitTimers = Map.of();

  /**
   * A budget without a bound on requests in flight.
   *
   * @param credentialId the credential's {@link Credential#id()}, used only as a label
   * @param limit requests allowed per window (Cloudflare: 1,200; see {@link BudgetShare})
   * @param window the window (Cloudflare: 300 s)
   * @param adminShare share of {@code limit} reserved for {@link Priority#ADMIN}, in [0, 1)
   */
  public RequestBudget(String credentialId, int limit, Duration window, double adminShare, BudgetClock clock) {
    this(credentialId, limit, window, adminShare, Integer.MAX_VALUE, clock);
  }

  /** @param maxInFlight most requests taken with {@link #permit} (admin apart) unanswered at once */
  public RequestBudget(String credentialId, int limit, Duration window, double adminShare, int maxInFlight,
      BudgetClock clock) {
    if (limit < 1) {
      throw new IllegalArgumentException("budget limit must be at least 1, got " + limit);
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("budget window must be positive, got " + window);
    }
    if (!(adminShare >= 0 && adminShare < 1)) {
      throw new IllegalArgumentException("admin share must be in [0, 1), got " + adminShare);
    }
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("requests in flight must be at least 1, got " + maxInFlight);
    }
    this.credentialId = credentialId;
    this.limit = limit;
    this.reserved = (int) Math.min(limit - 1, Math.round(limit * adminShare));
    this.windowNanos = window.toNanos();
    this.maxInFlight = maxInFlight;
    this.clock = clock;
    this.shared = new SpendLog(limit - reserved);
    this.reserve = new SpendLog(reserved);
    this.aimd = new Aimd(limit, windowNanos);
    for (Priority p : Priority.values()) {
      queues.put(p, new ArrayDeque<>());
    }
  }

  /** The budget of {@code credential} sized by {@code options}, on Vert.x timers, without an in-flight bound. */
  public static RequestBudget create(Vertx vertx, Credential credential, ClientOptions options) {
    return new RequestBudget(credential.id(), options.budgetRequests(), options.budgetWindow(),
        options.adminShare(), BudgetClock.vertx(vertx));
  }

  /** This replica's budget of {@code credential} as {@code share} plans it, on Vert.x timers. */
  public static RequestBudget create(Vertx vertx, Credential credential, BudgetShare share) {
    return new RequestBudget(credential.id(), share.planned(), share.window(), share.adminShare(),
        share.maxInFlight(), BudgetClock.vertx(vertx));
  }

  /** Registers this budget's metric families (see the class comment); call once per budget. */
  public RequestBudget bindTo(MeterRegistry registry) {
    String c = credentialId;
    SelfMetrics.BUDGET_LIMIT.gauge(registry, this, b -> b.limit, c);
    SelfMetrics.BUDGET_ALLOWED.gauge(registry, this, RequestBudget::allowed, c);
    SelfMetrics.BUDGET_WINDOW.gauge(registry, this, b -> b.windowNanos / 1e9, c);
    SelfMetrics.BUDGET_REMAINING.gauge(registry, this, RequestBudget::remaining, c);
    SelfMetrics.BUDGET_IN_FLIGHT.gauge(registry, this, RequestBudget::inFlight, c);
    Map<Priority, Timer> timers = new EnumMap<>(Priority.class);
    for (Priority p : Priority.values()) {
      SelfMetrics.BUDGET_WAITING.gauge(registry, this, b -> b.waiting(p), c, p.label());
      timers.put(p, SelfMetrics.BUDGET_WAIT.timer(registry, c, p.label()));
    }
    SelfMetrics.THROTTLED_RESPONSES.functionCounter(registry, this, RequestBudget::throttledResponses, c);
    SelfMetrics.THROTTLE_PAUSED.functionCounter(registry, this, RequestBudget::pausedSeconds, c);
    SelfMetrics.THROTTLE_ACTIVE.gauge(registry, this, b -> b.isPaused() ? 1 : 0, c);
    synchronized (this) {
      waitTimers = timers;
    }
    return this;
  }

  public String credentialId() {
    return credentialId;
  }

  /** Requests planned per window, admin reserve included. */
  public int limit() {
    return limit;
  }

  /** Requests allowed per window now, admin reserve included: {@link #limit()} but after a 429. */
  public synchronized int allowed() {
    return Math.max(aimd.allowed(clock.nanoTime()), reserved + 1);
  }

  public Duration window() {
    return Duration.ofNanos(windowNanos);
  }

  /** Tokens reserved for {@link Priority#ADMIN}. */
  public int reserved() {
    return reserved;
  }

  public int maxInFlight() {
    return maxInFlight;
  }

  /** Requests taken with {@link #permit} and not released yet. */
  public synchronized int inFlight() {
    return inFlight;
  }

  /**
   * Completes when a request of {@code priority} may be sent; the token is spent at that moment.
   * Takes no in-flight slot. The future completes on whichever thread frees the budget; hop to
   * your context if needed.
   */
  public Future<Void> acquire(Priority priority) {
    return enqueue(priority, false).mapEmpty();
  }

  /**
   * Like {@link #acquire}, but the request also holds one of the {@code maxInFlight} slots (admin
   * requests excepted) until the returned permit is released: call {@link Permit#release()} when
   * its answer arrived or it failed.
   */
  public Future<Permit> permit(Priority priority) {
    return enqueue(priority, priority != Priority.ADMIN);
  }

  private Future<Permit> enqueue(Priority priority, boolean takesSlot) {
    Promise<Permit> promise = Promise.promise();
    List<Waiter> granted;
    synchronized (this) {
      queues.get(priority).addLast(new Waiter(priority, promise, clock.nanoTime(), takesSlot));
      granted = drainLocked();
    }
    complete(granted);
    return promise.future();
  }

  /**
   * Holds back every request of this credential for {@code pause} (Cloudflare answered 429): the
   * limit is global, so sending anything before the window ends would only be refused again.
   * Counts one throttled response; a shorter pause never shortens a running one. The first 429 of
   * a pause also lowers the requests allowed per window ({@link Aimd}).
   */
  public void throttled(Duration pause) {
    synchronized (this) {
      throttledResponses++;
      lowerLocked("answered 429");
      this.pause.extend(clock.nanoTime(), pause.toNanos());
    }
    // Waiters stay queued: the next wake-up finds the pause and sleeps until its end.
  }

  /**
   * Holds back every request for {@code pause} because Cloudflare reported the window used up
   * ({@code Ratelimit: ...;r=0;t=30}) before refusing anything, e.g. when the dashboard or other
   * tools share the credential; lowers the requests allowed per window like a 429.
   */
  public void exhausted(Duration pause) {
    synchronized (this) {
      lowerLocked("reported its window used up");
      this.pause.extend(clock.nanoTime(), pause.toNanos());
    }
  }

  private void lowerLocked(String what) {
    long now = clock.nanoTime();
    if (pause.active(now)) {
      return; // answers to requests sent before the pause began: one decrease per episode
    }
    int before = Math.max(aimd.allowed(now), reserved + 1);
    int after = Math.max(aimd.decrease(now), reserved + 1);
    LOG.warn("Cloudflare {} for credential {} although this exporter kept to its plan of {} requests per {}s: "
            + "another user of the credential is spending its limit; allowing {} instead of {} per window, "
            + "then one more tenth of the plan per window without a 429",
        what, credentialId, limit, windowNanos / 1_000_000_000L, after, before);
  }

  /** Whether a 429 pause is running. */
  public synchronized boolean isPaused() {
    return pause.active(clock.nanoTime());
  }

  /** Time left of the running 429 pause, zero when none. */
  public synchronized Duration pauseRemaining() {
    return Duration.ofNanos(pause.remainingNanos(clock.nanoTime()));
  }

  /** Requests that may still start in the current window, reserve included. */
  public synchronized int remaining() {
    long now = clock.nanoTime();
    shared.expire(now, windowNanos);
    reserve.expire(now, windowNanos);
    return shared.free(sharedCap(now)) + reserve.free(reserved);
  }

  /** Requests of {@code priority} waiting for budget. */
  public synchronized int waiting(Priority priority) {
    return queues.get(priority).size();
  }

  /** All requests waiting for budget. */
  public synchronized int waiting() {
    int n = 0;
    for (ArrayDeque<Waiter> q : queues.values()) {
      n += q.size();
    }
    return n;
  }

  public synchronized long throttledResponses() {
    return throttledResponses;
  }

  /** Seconds paused after 429s so far, counting a running pause only up to now. */
  public synchronized double pausedSeconds() {
    return pause.seconds(clock.nanoTime());
  }

  /** Shared tokens usable per window now: what {@link Aimd} allows, less the admin reserve. */
  private int sharedCap(long now) {
    return Math.max(1, aimd.allowed(now) - reserved);
  }

  /** Grants what can be granted now; schedules a wake-up for the rest. Caller holds the lock. */
  private List<Waiter> drainLocked() {
    long now = clock.nanoTime();
    if (pause.active(now)) {
      if (hasWaiters()) {
        wakeUpAt(pause.until(), now);
      }
      return List.of();
    }
    pause.expire(now);
    shared.expire(now, windowNanos);
    reserve.expire(now, windowNanos);
    int cap = sharedCap(now);
    List<Waiter> granted = new ArrayList<>();
    ArrayDeque<Waiter> admin = queues.get(Priority.ADMIN);
    while (!admin.isEmpty() && reserve.free(reserved) > 0) {
      reserve.add(now);
      granted.add(admin.pollFirst());
    }
    // Enum order puts ADMIN last: admin spends shared tokens only when no poller is waiting.
    for (Priority p : Priority.values()) {
      ArrayDeque<Waiter> q = queues.get(p);
      while (!q.isEmpty() && shared.free(cap) > 0 && (!q.peekFirst().takesSlot() || inFlight < maxInFlight)) {
        Waiter w = q.pollFirst();
        shared.add(now);
        if (w.takesSlot()) {
          inFlight++;
        }
        granted.add(w);
      }
      if (!q.isEmpty()) {
        break;
      }
    }
    if (hasWaiters()) {
      // Blocked by the window (a release of a slot drains again by itself): wake when the next
      // token comes back, or when the allowance rises after a 429, whichever is first.
      long next = Long.MAX_VALUE;
      if (shared.free(cap) == 0) {
        next = Math.min(shared.nextBelow(cap, windowNanos), aimd.nextIncrease(now));
      }
      if (!admin.isEmpty() && reserve.size() > 0 && reserve.free(reserved) == 0) {
        next = Math.min(next, reserve.nth(0) + windowNanos);
      }
      if (next != Long.MAX_VALUE) {
        wakeUpAt(next, now);
      }
    }
    return granted;
  }

  private boolean hasWaiters() {
    for (ArrayDeque<Waiter> q : queues.values()) {
      if (!q.isEmpty()) {
        return true;
      }
    }
    return false;
  }

  private void wakeUpAt(long at, long now) {
    if (wakeScheduled && wakeAt - at <= 0) {
      return;
    }
    wakeScheduled = true;
    wakeAt = at;
    clock.schedule(Math.max(0, at - now), () -> {
      List<Waiter> granted;
      synchronized (this) {
        if (wakeAt == at) {
          wakeScheduled = false;
        }
        granted = drainLocked();
      }
      complete(granted);
    });
  }

  private void complete(List<Waiter> granted) {
    if (granted.isEmpty()) {
      return;
    }
    long now = clock.nanoTime();
    Map<Priority, Timer> timers;
    synchronized (this) {
      timers = waitTimers;
    }
    for (Waiter w : granted) {
      Timer t = timers.get(w.priority());
      if (t != null) {
        t.record(now - w.since(), TimeUnit.NANOSECONDS);
      }
      w.promise().complete(w.takesSlot() ? new Slot() : NO_SLOT);
    }
  }
}
