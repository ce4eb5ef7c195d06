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

/**
 * The request budget of one Cloudflare credential, shared by every client (account) that uses the
 * credential. Cloudflare counts requests per user or token: 1,200 per 5 minutes by default, and
 * after a 429 it refuses every call of that credential until the window ends.
 *
 * <p>The budget is a token bucket whose tokens come back exactly one window after they were
 * spent (a sliding-window log). A classic bucket that refills at {@code limit / window} would
 * allow up to twice the limit inside one window after an idle period, which is exactly what
 * Cloudflare refuses; this one never lets more than {@code limit} requests start within any
 * window. Callers wait asynchronously (timers, never a blocked thread); nothing is refused.
 *
 * <p>Sharing: {@code round(limit * adminShare)} tokens are reserved for {@link Priority#ADMIN}
 * and are never spent by pollers, so pollers cannot starve the admin API. Admin requests take
 * reserved tokens first and shared tokens only when no poller is waiting, so the admin API
 * cannot starve pollers either. Waiting pollers are served in {@link Priority} order, first come
 * first served within a priority.
 *
 * <p>Its metric families are the {@code cloudflare_exporter_api_budget_*} and
 * {@code cloudflare_exporter_api_throttle*} of {@link SelfMetrics}, registered by
 * {@link #bindTo(MeterRegistry)}; {@code credential} is {@link Credential#id()}, never the secret.
 */
public final class RequestBudget {

  /** Time and timers of the budget: Vert.x in production, a manual clock in tests. */
  public interface Clock {
    /** Monotonic time in nanoseconds. */
    long nanoTime();

    /** Runs {@code task} once, about {@code delayNanos} from now, on any thread. */
    void schedule(long delayNanos, Runnable task);

    /** System nanoTime and Vert.x timers. */
    static Clock vertx(Vertx vertx) {
      return new Clock() {
        @Override
        public long nanoTime() {
          return System.nanoTime();
        }

        @Override
        public void schedule(long delayNanos, Runnable task) {
          long ms = Math.max(1, TimeUnit.NANOSECONDS.toMillis(delayNanos + 999_999));
          vertx.setTimer(ms, id -> task.run());
        }
      };
    }
  }

  private record Waiter(Priority priority, Promise<Void> promise, long since) {}

  private final String credentialId;
  private final int limit;
  private final int reserved;
  private final long windowNanos;
  private final Clock clock;
  private final SpendLog shared;
  private final SpendLog reserve;
  private final Map<Priority, ArrayDeque<Waiter>> queues = new EnumMap<>(Priority.class);

  private boolean paused;
  private long pausedUntil;
  private long pausedNanosTotal;
  private long throttledResponses;
  private boolean wakeScheduled;
  private long wakeAt;
  private Map<Priority, Timer> waitTimers = Map.of();

  /**
   * @param credentialId the credential's {@link Credential#id()}, used only as a label
   * @param limit requests allowed per window (Cloudflare: 1,200)
   * @param window the window (Cloudflare: 300 s)
   * @param adminShare share of {@code limit} reserved for {@link Priority#ADMIN}, in [0, 1)
   */
  public RequestBudget(String credentialId, int limit, Duration window, double adminShare, Clock clock) {
    if (limit < 1) {
      throw new IllegalArgumentException("budget limit must be at least 1, got " + limit);
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("budget window must be positive, got " + window);
    }
    if (!(adminShare >= 0 && adminShare < 1)) {
      throw new IllegalArgumentException("admin share must be in [0, 1), got " + adminShare);
    }
    this.credentialId = credentialId;
    this.limit = limit;
    this.reserved = (int) Math.min(limit - 1, Math.round(limit * adminShare));
    this.windowNanos = window.toNanos();
    this.clock = clock;
    this.shared = new SpendLog(limit - reserved);
    this.reserve = new SpendLog(reserved);
    for (Priority p : Priority.values()) {
      queues.put(p, new ArrayDeque<>());
    }
  }

  /** The budget of {@code credential} sized by {@code options}, on Vert.x timers. */
  public static RequestBudget create(Vertx vertx, Credential credential, ClientOptions options) {
    return new RequestBudget(credential.id(), options.budgetRequests(), options.budgetWindow(),
        options.adminShare(), Clock.vertx(vertx));
  }

  /** Registers this budget's metric families (see the class comment); call once per budget. */
  public RequestBudget bindTo(MeterRegistry registry) {
    String c = credentialId;
    SelfMetrics.BUDGET_LIMIT.gauge(registry, this, b -> b.limit, c);
    SelfMetrics.BUDGET_WINDOW.gauge(registry, this, b -> b.windowNanos / 1e9, c);
    SelfMetrics.BUDGET_REMAINING.gauge(registry, this, RequestBudget::remaining, c);
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

  public int limit() {
    return limit;
  }

  public Duration window() {
    return Duration.ofNanos(windowNanos);
  }

  /** Tokens reserved for {@link Priority#ADMIN}. */
  public int reserved() {
    return reserved;
  }

  /**
   * Completes when a request of {@code priority} may be sent; the token is spent at that moment.
   * The future completes on whichever thread frees the budget; hop to your context if needed.
   */
  public Future<Void> acquire(Priority priority) {
    Promise<Void> promise = Promise.promise();
    List<Waiter> granted;
    synchronized (this) {
      queues.get(priority).addLast(new Waiter(priority, promise, clock.nanoTime()));
      granted = drainLocked();
    }
    complete(granted);
    return promise.future();
  }

  /**
   * Holds back every request of this credential for {@code pause} (Cloudflare answered 429): the
   * limit is global, so sending anything before the window ends would only be refused again.
   * Counts one throttled response; a shorter pause never shortens a running one.
   */
  public void throttled(Duration pause) {
    synchronized (this) {
      throttledResponses++;
      pauseLocked(pause);
    }
    // Waiters stay queued: the next wake-up finds the pause and sleeps until its end.
  }

  /**
   * Holds back every request for {@code pause} because Cloudflare reported the window used up
   * ({@code Ratelimit: ...;r=0;t=30}) before refusing anything, e.g. when the dashboard or other
   * tools share the credential.
   */
  public void exhausted(Duration pause) {
    synchronized (this) {
      pauseLocked(pause);
    }
  }

  private void pauseLocked(Duration pause) {
    long now = clock.nanoTime();
    long until = now + Math.max(0, pause.toNanos());
    long from = paused && pausedUntil - now > 0 ? pausedUntil : now;
    if (until - from > 0) {
      pausedNanosTotal += until - from;
      paused = true;
      pausedUntil = until;
    }
  }

  /** Whether a 429 pause is running. */
  public synchronized boolean isPaused() {
    return paused && pausedUntil - clock.nanoTime() > 0;
  }

  /** Time left of the running 429 pause, zero when none. */
  public synchronized Duration pauseRemaining() {
    long left = paused ? pausedUntil - clock.nanoTime() : 0;
    return Duration.ofNanos(Math.max(0, left));
  }

  /** Requests that may still start in the current window, reserve included. */
  public synchronized int remaining() {
    long now = clock.nanoTime();
    shared.expire(now, windowNanos);
    reserve.expire(now, windowNanos);
    return shared.free() + reserve.free();
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
    long ahead = paused ? Math.max(0, pausedUntil - clock.nanoTime()) : 0;
    return (pausedNanosTotal - ahead) / 1e9;
  }

  /** Grants what can be granted now; schedules a wake-up for the rest. Caller holds the lock. */
  private List<Waiter> drainLocked() {
    long now = clock.nanoTime();
    if (paused && pausedUntil - now > 0) {
      if (hasWaiters()) {
        wakeUpAt(pausedUntil, now);
      }
      return List.of();
    }
    paused = false;
    shared.expire(now, windowNanos);
    reserve.expire(now, windowNanos);
    List<Waiter> granted = new ArrayList<>();
    ArrayDeque<Waiter> admin = queues.get(Priority.ADMIN);
    while (!admin.isEmpty() && reserve.free() > 0) {
      reserve.add(now);
      granted.add(admin.pollFirst());
    }
    // Enum order puts ADMIN last: admin spends shared tokens only when no poller waits.
    for (Priority p : Priority.values()) {
      ArrayDeque<Waiter> q = queues.get(p);
      while (!q.isEmpty() && shared.free() > 0) {
        shared.add(now);
        granted.add(q.pollFirst());
      }
      if (!q.isEmpty()) {
        break;
      }
    }
    if (hasWaiters()) {
      // Someone waits only when the shared pool is full (pollers stop at it, admin reaches it
      // once the reserve is empty), so its oldest token is always the next one to come back.
      long next = shared.oldest() + windowNanos;
      if (!admin.isEmpty() && !reserve.isEmpty() && reserve.oldest() + windowNanos - next < 0) {
        next = reserve.oldest() + windowNanos;
      }
      wakeUpAt(next, now);
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
      w.promise().complete();
    }
  }

  /** Start times of the requests of the last window, oldest first, in a ring of fixed size. */
  private static final class SpendLog {
    private final long[] times;
    private int head;
    private int size;

    SpendLog(int capacity) {
      times = new long[capacity];
    }

    int free() {
      return times.length - size;
    }

    void add(long t) {
      times[(head + size) % times.length] = t;
      size++;
    }

    boolean isEmpty() {
      return size == 0;
    }

    long oldest() {
      return times[head];
    }

    void expire(long now, long window) {
      while (size > 0 && now - times[head] >= window) {
        head = (head + 1) % times.length;
        size--;
      }
    }
  }
}
