package dev.magicexporter.state;

import dev.magicexporter.logging.LogLimiter;
import dev.magicexporter.logging.LogText;
import dev.magicexporter.state.SlotState.Waiter;
import dev.magicexporter.metrics.self.SelfMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Writes a slot's working version to its file on a worker thread, then records the outcome in the
 * slot, completes the updates waiting for it and starts the next write if more are waiting: one
 * write per connector at a time, coalescing every update that came meanwhile.
 */
final class SlotWriter {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);

  private final Vertx vertx;
  private final Clock clock;
  private final LogLimiter limited;
  private final Counter writesOk;
  private final Counter writesFailed;
  private final Timer writeTimer;

  SlotWriter(Vertx vertx, Clock clock, MeterRegistry registry, LogLimiter limited) {
    this.vertx = vertx;
    this.clock = clock;
    this.limited = limited;
    this.writesOk = SelfMetrics.STATE_WRITES.counter(registry, "success");
    this.writesFailed = SelfMetrics.STATE_WRITES.counter(registry, "error");
    this.writeTimer = SelfMetrics.STATE_WRITE_DURATION.timer(registry);
  }

  /** Writes {@code st.working()}. Only the thread whose compare-and-set made the slot busy calls this. */
  void start(CheckpointSlot s, SlotState st) {
    ConnectorCheckpoint snapshot = st.working();
    long version = st.version();
    byte[] bytes = CheckpointCodec.encode(snapshot);
    vertx.<Void>executeBlocking(() -> {
      Timer.Sample sample = Timer.start();
      AtomicFile.write(s.file(), bytes);
      sample.stop(writeTimer);
      return null;
    }, false).onComplete(ar -> written(s, snapshot, version, ar.cause()));
  }

  private void written(CheckpointSlot s, ConnectorCheckpoint snapshot, long version, Throwable failure) {
    while (true) {
      SlotState cur = s.state().get();
      List<Waiter> done = new ArrayList<>();
      List<Waiter> remaining = new ArrayList<>();
      for (Waiter w : cur.waiters()) {
        (w.version() <= version ? done : remaining).add(w);
      }
      SlotState after = cur.written(failure == null ? snapshot : null, version, clock.millis(), remaining);
      if (!s.state().compareAndSet(cur, after)) {
        continue;
      }
      if (failure == null) {
        writesOk.increment();
      } else {
        writesFailed.increment();
        limited.log(LOG, Level.WARN, "checkpoint-write", "cannot write checkpoint {} ({}); counting continues in "
            + "memory and the write is retried", LogText.escape(s.file().getFileName()),
            LogText.escape(failure.getMessage()));
      }
      if (after.busy()) {
        start(s, after);
      }
      for (Waiter w : done) {
        if (failure == null) {
          w.promise().complete();
        } else {
          w.promise().fail(new IOException("checkpoint " + s.file() + " not written: " + failure.getMessage(), failure));
        }
      }
      return;
    }
  }
}
