package dev.magicexporter.poll;

import dev.magicexporter.metrics.Metrics;
import dev.magicexporter.metrics.self.SelfMetrics;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every {@link Poller} on its own interval with a little jitter, never overlapping a poller
 * with itself, and records each cycle in self-metrics. A poller's first cycle starts at once
 * (spread by jitter), whatever its interval, so that readiness comes quickly ({@link Readiness}).
 */
public final class PollScheduler {
  private static final Logger LOG = LoggerFactory.getLogger(PollScheduler.class);

  private final Pacer timers;
  private final Metrics metrics;
  private final List<Poller> pollers = new CopyOnWriteArrayList<>();
  /** Pollers that start only after the named poller finished its first cycle. */
  private final Map<String, List<Poller>> waitingFor = new ConcurrentHashMap<>();
  private final Map<String, PollerStatus> status = new ConcurrentHashMap<>();
  private volatile boolean stopped;

  public PollScheduler(Vertx vertx, Metrics metrics) {
    this(Pacer.vertx(vertx), metrics);
  }

  /** @param timers the timers between cycles (a hand-moved clock in tests) */
  public PollScheduler(Pacer timers, Metrics metrics) {
    this.timers = timers;
    this.metrics = metrics;
  }

  /** The status of one poller, readable by /readyz and the admin status page. */
  public static final class PollerStatus {
    public final String name;
    public final Duration interval;
    volatile Instant lastStart;
    volatile Instant lastSuccess;
    volatile Instant lastFailure;
    volatile String lastError;
    volatile int lastItems;
    volatile long cycles;
    volatile boolean running;

    PollerStatus(String name, Duration interval) {
      this.name = name;
      this.interval = interval;
    }

    public Instant lastStart() { return lastStart; }
    public Instant lastSuccess() { return lastSuccess; }
    public Instant lastFailure() { return lastFailure; }
    public String lastError() { return lastError; }
    public int lastItems() { return lastItems; }
    public long cycles() { return cycles; }
    public boolean completedOnce() { return cycles > 0; }
  }

  public void add(Poller p) {
    pollers.add(p);
    PollerStatus st = new PollerStatus(p.name(), p.interval());
    status.put(p.name(), st);
    SelfMetrics.POLL_LAST_SUCCESS.gauge(metrics.registry(), st,
        s -> s.lastSuccess == null ? Double.NaN : s.lastSuccess.toEpochMilli() / 1000.0, p.name());
    SelfMetrics.POLL_INTERVAL.gauge(metrics.registry(), st, s -> s.interval.toMillis() / 1000.0, p.name());
  }

  /**
   * Adds a poller that starts only once {@code first} has finished its first cycle (successful or
   * not), e.g. snapshots after connector discovery, so that its first cycle is not an empty one.
   */
  public void addAfter(Poller p, Poller first) {
    add(p);
    waitingFor.computeIfAbsent(first.name(), k -> new CopyOnWriteArrayList<>()).add(p);
  }

  public void start() {
    java.util.Set<Poller> dependent = new java.util.HashSet<>();
    waitingFor.values().forEach(dependent::addAll);
    for (Poller p : pollers) {
      if (!dependent.contains(p)) {
        startSoon(p);
      }
    }
  }

  private void startSoon(Poller p) {
    long jitter = ThreadLocalRandom.current().nextLong(50, 500);
    timers.after(jitter).onSuccess(v -> runCycle(p));
  }

  public void stop() {
    stopped = true;
  }

  /** True once every poller finished at least one cycle (successfully or not). */
  public boolean allCompletedOnce() {
    return !status.isEmpty() && status.values().stream().allMatch(PollerStatus::completedOnce);
  }

  /** Pollers that have not finished a cycle yet, in name order. */
  public java.util.List<String> pendingFirstCycle() {
    return status.values().stream().filter(s -> !s.completedOnce()).map(s -> s.name).sorted().toList();
  }

  public Map<String, PollerStatus> status() {
    return Map.copyOf(status);
  }

  /** Runs one cycle of the named poller now (tests, admin). */
  public Future<Poller.PollOutcome> runNow(String name) {
    for (Poller p : pollers) {
      if (p.name().equals(name)) {
        return cycle(p);
      }
    }
    return Future.failedFuture("no poller " + name);
  }

  private void runCycle(Poller p) {
    if (stopped) {
      return;
    }
    long started = timers.nowMillis();
    cycle(p).onComplete(ar -> {
      if (stopped) {
        return;
      }
      long spentMs = timers.nowMillis() - started;
      long interval = p.interval().toMillis();
      // Centred on zero, so pollers drift apart without stretching the mean cycle: the budget
      // schedule computes cycles that must hold on average.
      long jitter = (long) (interval * 0.05 * (ThreadLocalRandom.current().nextDouble() - 0.5));
      timers.after(Math.max(1, interval - spentMs + jitter)).onSuccess(v -> runCycle(p));
    });
  }

  private Future<Poller.PollOutcome> cycle(Poller p) {
    PollerStatus st = status.get(p.name());
    if (st.running) {
      return Future.failedFuture("poller " + p.name() + " is already running");
    }
    st.running = true;
    st.lastStart = Instant.now();
    Timer.Sample sample = Timer.start(metrics.registry());
    Promise<Poller.PollOutcome> done = Promise.promise();
    Future<Poller.PollOutcome> f;
    try {
      f = p.poll();
    } catch (RuntimeException e) {
      f = Future.failedFuture(e);
    }
    f.onComplete(ar -> {
      String result = ar.succeeded() ? "success" : "error";
      sample.stop(SelfMetrics.POLL_DURATION.timer(metrics.registry(), p.name(), result));
      SelfMetrics.POLL_CYCLES.counter(metrics.registry(), p.name(), result).increment();
      if (ar.succeeded()) {
        st.lastSuccess = Instant.now();
        st.lastItems = ar.result().items();
        if (st.lastError != null) {
          LOG.info("poller {} recovered", p.name());
        }
        st.lastError = null;
        if (ar.result().errors() > 0) {
          SelfMetrics.POLL_OBJECT_ERRORS.counter(metrics.registry(), p.name()).increment(ar.result().errors());
        }
      } else {
        st.lastFailure = Instant.now();
        String msg = String.valueOf(ar.cause().getMessage());
        if (!msg.equals(st.lastError)) {
          LOG.warn("poller {} failed: {}", p.name(), msg);
        }
        st.lastError = msg;
      }
      // The cycle count is written last: whoever sees completedOnce() (readiness, the admin status
      // page, tests) then also sees this cycle's outcome, items and error.
      st.running = false;
      st.cycles++;
      if (st.cycles == 1 && !stopped) {
        waitingFor.getOrDefault(p.name(), List.of()).forEach(this::startSoon);
      }
      if (ar.succeeded()) {
        done.complete(ar.result());
      } else {
        done.fail(ar.cause());
      }
    });
    return done.future();
  }
}
