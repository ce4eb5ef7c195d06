package dev.magicexporter.poll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magicexporter.metrics.Metrics;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PollSchedulerTest {
  private final Vertx vertx = Vertx.vertx();
  private final Metrics metrics = new Metrics(false);
  private final PollScheduler scheduler = new PollScheduler(vertx, metrics);

  @AfterEach
  void close() throws Exception {
    scheduler.stop();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
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

  private static void await(java.util.function.BooleanSupplier cond) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!cond.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(cond.getAsBoolean()).isTrue();
  }

  @Test
  void dependentPollerStartsOnlyAfterTheFirstCycleOfItsPrerequisite() throws Exception {
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
    await(() -> order.contains("discovery"));
    Thread.sleep(700);
    assertThat(order).containsExactly("discovery");
    assertThat(scheduler.pendingFirstCycle()).containsExactly("discovery", "snapshots");
    discovery.complete(Poller.PollOutcome.of(1));
    await(() -> order.contains("snapshots"));
    await(scheduler::allCompletedOnce);
    assertThat(scheduler.status().get("snapshots").lastItems()).isEqualTo(3);
  }

  @Test
  void failedCyclesAreRecordedAndTheNextCycleStillRuns() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    scheduler.add(poller("flaky", Duration.ofMillis(100), () -> calls.incrementAndGet() == 1
        ? Future.failedFuture(new IllegalStateException("boom"))
        : Future.succeededFuture(Poller.PollOutcome.of(1))));
    scheduler.start();
    await(() -> calls.get() >= 3);
    PollScheduler.PollerStatus st = scheduler.status().get("flaky");
    assertThat(st.lastFailure()).isNotNull();
    assertThat(st.lastSuccess()).isNotNull();
    assertThat(st.lastError()).isNull();
    assertThat(metrics.registry().get("cloudflare_exporter_poll_cycles_total").tag("result", "error").counter().count())
        .isEqualTo(1.0);
  }

  @Test
  void aPollerNeverOverlapsItself() throws Exception {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger maxRunning = new AtomicInteger();
    AtomicInteger cycles = new AtomicInteger();
    scheduler.add(poller("slow", Duration.ofMillis(10), () -> {
      maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
      Promise<Poller.PollOutcome> p = Promise.promise();
      vertx.setTimer(100, id -> {
        running.decrementAndGet();
        cycles.incrementAndGet();
        p.complete(Poller.PollOutcome.of(0));
      });
      return p.future();
    }));
    scheduler.start();
    await(() -> cycles.get() >= 4);
    assertThat(maxRunning.get()).isEqualTo(1);
  }
}
