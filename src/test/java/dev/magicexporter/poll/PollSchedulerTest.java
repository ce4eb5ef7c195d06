package dev.magicexporter.poll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magicexporter.metrics.Metrics;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The scheduler on a hand-moved clock: every cycle, delay and completion happens on the test
 * thread inside {@link HandClock#advance}, so what ran by a given time depends on nothing else.
 */
class PollSchedulerTest {
  private final HandClock clock = new HandClock();
  private final Metrics metrics = new Metrics(false);
  private final PollScheduler scheduler = new PollScheduler(clock, metrics);

  @AfterEach
  void close() {
    scheduler.stop();
  }

  private static Poller poller(String name, Duration interval, java.util.function.Supplier<Future<Poller.PollOutcome>> body) {
    return new Poller() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Duration interval() {
        return interval;
      }

      @Override
      public Future<PollOutcome> poll() {
        return body.get();
      }
    };
  }

  @Test
  void dependentPollerStartsOnlyAfterTheFirstCycleOfItsPrerequisite() {
    List<String> order = new CopyOnWriteArrayList<>();
    Promise<Poller.PollOutcome> discovery = Promise.promise();
    Poller first = poller("discovery", Duration.ofHours(1), () -> {
      order.add("discovery");
      return discovery.future();
    });
    Poller second = poller("snapshots", Duration.ofHours(1), () -> {
      order.add("snapshots");
      return Future.succeededFuture(Poller.PollOutcome.of(3));
    });
    scheduler.add(first);
    scheduler.addAfter(second, first);
    scheduler.start();
    clock.advance(Duration.ofSeconds(1));
    assertThat(order).containsExactly("discovery");
    // However long discovery takes, snapshots wait for it (half its interval here, so that its own
    // next cycle is not due at once when it finishes).
    clock.advance(Duration.ofMinutes(30));
    assertThat(order).containsExactly("discovery");
    assertThat(scheduler.pendingFirstCycle()).containsExactly("discovery", "snapshots");
    assertThat(scheduler.allCompletedOnce()).isFalse();
    discovery.complete(Poller.PollOutcome.of(1));
    assertThat(scheduler.pendingFirstCycle()).containsExactly("snapshots");
    clock.advance(Duration.ofSeconds(1));
    assertThat(order).containsExactly("discovery", "snapshots");
    assertThat(scheduler.allCompletedOnce()).isTrue();
    assertThat(scheduler.status().get("snapshots").lastItems()).isEqualTo(3);
  }

  @Test
  void aFinishedFirstCycleIsVisibleOnlyWithItsOutcome() {
    // Readiness and the status page read completedOnce() from other threads than the poller's, so
    // the cycle must count only once its outcome is written. The scheduler asks its clock for the
    // dependent's start delay as soon as the cycle counts: that is where a reader sees it first.
    List<String> seenAtCount = new CopyOnWriteArrayList<>();
    AtomicReference<PollScheduler> self = new AtomicReference<>();
    PollScheduler watched = new PollScheduler(new Pacer() {
      @Override
      public long nowMillis() {
        return clock.nowMillis();
      }

      @Override
      public Future<Void> after(long millis) {
        PollScheduler.PollerStatus st = self.get().status().get("discovery");
        if (st != null && st.completedOnce() && seenAtCount.isEmpty()) {
          seenAtCount.add(st.lastItems() + " items, success " + (st.lastSuccess() != null)
              + ", error " + st.lastError());
        }
        return clock.after(millis);
      }
    }, metrics);
    self.set(watched);
    Poller first = poller("discovery", Duration.ofHours(1), () -> Future.succeededFuture(Poller.PollOutcome.of(5)));
    watched.add(first);
    watched.addAfter(poller("snapshots", Duration.ofHours(1), () -> Future.succeededFuture(Poller.PollOutcome.of(0))),
        first);
    watched.start();
    clock.advance(Duration.ofSeconds(1));
    assertThat(seenAtCount).containsExactly("5 items, success true, error null");
    watched.stop();
  }

  @Test
  void failedCyclesAreRecordedAndTheNextCycleStillRuns() {
    AtomicInteger calls = new AtomicInteger();
    scheduler.add(poller("flaky", Duration.ofMillis(100), () -> calls.incrementAndGet() == 1
        ? Future.failedFuture(new IllegalStateException("boom"))
        : Future.succeededFuture(Poller.PollOutcome.of(1))));
    scheduler.start();
    clock.advance(Duration.ofSeconds(1));
    assertThat(calls.get()).isGreaterThanOrEqualTo(3);
    PollScheduler.PollerStatus st = scheduler.status().get("flaky");
    assertThat(st.lastFailure()).isNotNull();
    assertThat(st.lastSuccess()).isNotNull();
    assertThat(st.lastError()).isNull();
    assertThat(metrics.registry().get("cloudflare_exporter_poll_cycles_total").tag("result", "error").counter().count())
        .isEqualTo(1.0);
  }

  @Test
  void aPollerNeverOverlapsItself() {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger maxRunning = new AtomicInteger();
    AtomicInteger cycles = new AtomicInteger();
    scheduler.add(poller("slow", Duration.ofMillis(10), () -> {
      maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
      return clock.after(100).map(v -> {
        running.decrementAndGet();
        cycles.incrementAndGet();
        return Poller.PollOutcome.of(0);
      });
    }));
    scheduler.start();
    clock.advance(Duration.ofSeconds(1));
    assertThat(cycles.get()).isGreaterThanOrEqualTo(4);
    assertThat(maxRunning.get()).isEqualTo(1);
  }
}
