package dev.magicexporter.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The body pipe on its own: backpressure across two event loops without a lost wake-up, and an
 * idle timeout that counts only while the pipe waits for the upstream.
 */
class BodyPipeTest {
  private Vertx vertx;
  /** The sink's side: another Vert.x, so certainly another event-loop thread. */
  private Vertx other;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    other = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    other.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /**
   * A source of {@code count} one-byte buffers on its own context. While flowing it emits in
   * small bursts from tasks on its context, so pause and resume interleave with other threads.
   */
  static final class Source implements ReadStream<Buffer> {
    final Context context;
    final long count;
    long emitted;
    volatile boolean paused = true;
    boolean ended;
    boolean aborted;
    /** Emits everything it may right inside resume(), as an upstream whose bytes are already here. */
    boolean synchronous;
    long silentAfter = Long.MAX_VALUE;
    Handler<Buffer> handler;
    Handler<Void> endHandler;

    Source(Context context, long count) {
      this.context = context;
      this.count = count;
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> h) {
      return this;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> h) {
      handler = h;
      return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
      paused = true;
      return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
      if (paused) {
        paused = false;
        if (synchronous) {
          while (!paused && !ended && !aborted && emitted < silentAfter) {
            burst();
          }
        } else {
          context.runOnContext(v -> burst());
        }
      }
      return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
      return resume();
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> h) {
      endHandler = h;
      return this;
    }

    private void burst() {
      for (int i = 0; i < 4 && !paused && !ended && !aborted; i++) {
        if (emitted == silentAfter) {
          return; // an upstream that stops sending without closing
        }
        if (emitted == count) {
          ended = true;
          endHandler.handle(null);
          return;
        }
        emitted++;
        handler.handle(Buffer.buffer(new byte[] {(byte) emitted}));
      }
      if (!paused && !ended && !aborted && !synchronous) {
        context.runOnContext(v -> burst());
      }
    }
  }

  /**
   * A sink on another event loop with a write queue of two: it reports itself full, drains one
   * buffer per task on its own context and calls the drain handler from there.
   */
  static class Sink implements WriteStream<Buffer> {
    final Context context;
    final AtomicInteger queued = new AtomicInteger();
    final AtomicLong written = new AtomicLong();
    final AtomicBoolean ended = new AtomicBoolean();
    volatile Handler<Void> drain;

    Sink(Context context) {
      this.context = context;
    }

    @Override
    public WriteStream<Buffer> exceptionHandler(Handler<Throwable> h) {
      return this;
    }

    @Override
    public Future<Void> write(Buffer data) {
      Promise<Void> p = Promise.promise();
      queued.incrementAndGet();
      context.runOnContext(v -> {
        written.addAndGet(data.length());
        int left = queued.decrementAndGet();
        p.complete();
        Handler<Void> d = drain;
        if (left == 0 && d != null) {
          d.handle(null);
        }
      });
      return p.future();
    }

    /** Ends after the writes queued before it, as a socket would. */
    @Override
    public Future<Void> end() {
      Promise<Void> p = Promise.promise();
      context.runOnContext(v -> {
        ended.set(true);
        p.complete();
      });
      return p.future();
    }

    @Override
    public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
      return this;
    }

    @Override
    public boolean writeQueueFull() {
      boolean full = queued.get() >= 2;
      if (full) {
        // A caller preempted right after the check (common on a loaded machine): the sink's
        // thread drains and calls the drain handler before the caller reacts to "full".
        java.util.concurrent.locks.LockSupport.parkNanos(100_000);
      }
      return full;
    }

    @Override
    public WriteStream<Buffer> drainHandler(Handler<Void> h) {
      drain = h;
      return this;
    }
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }

  @Test
  void aSinkOnAnotherEventLoopNeverLeavesTheSourcePausedForGood() throws Exception {
    Context sourceCtx = vertx.getOrCreateContext();
    Context sinkCtx = other.getOrCreateContext();
    long count = 5_000;
    Source source = new Source(sourceCtx, count);
    Sink sink = new Sink(sinkCtx);
    Promise<Void> piped = Promise.promise();

    sourceCtx.runOnContext(v -> BodyPipe.start(sourceCtx, source, sink, () -> source.aborted = true, 60_000)
        .onComplete(piped));

    await(piped.future());
    assertThat(sink.written.get()).isEqualTo(count);
    assertThat(sink.ended.get()).isTrue();
    assertThat(source.aborted).isFalse();
  }

  @Test
  void aPauseForASlowCallerLongerThanTheIdleTimeoutDoesNotCutTheBody() throws Exception {
    Context sourceCtx = vertx.getOrCreateContext();
    Source source = new Source(sourceCtx, 100);
    source.synchronous = true;
    HeldSink sink = new HeldSink();
    Promise<Void> piped = Promise.promise();

    sourceCtx.runOnContext(v -> BodyPipe.start(sourceCtx, source, sink, () -> source.aborted = true, 20)
        .onComplete(piped));
    waitUntil(() -> source.paused && sink.written.get() > 0);
    Thread.sleep(200); // ten idle timeouts while paused for the caller
    sourceCtx.runOnContext(v -> sink.release());

    await(piped.future());
    assertThat(sink.written.get()).isEqualTo(100);
    assertThat(source.aborted).isFalse();
  }

  @Test
  void anUpstreamSilentWhileThePipeWaitsForItTimesOutAndIsAborted() throws Exception {
    Context sourceCtx = vertx.getOrCreateContext();
    Source source = new Source(sourceCtx, 100);
    source.silentAfter = 10;
    Sink sink = new Sink(other.getOrCreateContext());
    Promise<Void> piped = Promise.promise();

    sourceCtx.runOnContext(v -> BodyPipe.start(sourceCtx, source, sink, () -> source.aborted = true, 50)
        .onComplete(piped));

    Throwable t = piped.future().toCompletionStage().toCompletableFuture().handle((x, e) -> e).get(60, TimeUnit.SECONDS);
    assertThat(t).isInstanceOf(TimeoutException.class).hasMessageContaining("no body bytes");
    assertThat(source.aborted).as("the upstream request is reset").isTrue();
    assertThat(sink.ended.get()).as("a cut body must not look complete").isFalse();
  }

  @Test
  void aSinkThatRefusesAWriteFailsThePipeAndAbortsTheUpstream() throws Exception {
    Context sourceCtx = vertx.getOrCreateContext();
    Source source = new Source(sourceCtx, 100);
    Sink sink = new Sink(other.getOrCreateContext()) {
      @Override
      public Future<Void> write(Buffer data) {
        return Future.failedFuture(new IllegalStateException("caller went away"));
      }
    };
    Promise<Void> piped = Promise.promise();

    sourceCtx.runOnContext(v -> BodyPipe.start(sourceCtx, source, sink, () -> source.aborted = true, 60_000)
        .onComplete(piped));

    Throwable t = piped.future().toCompletionStage().toCompletableFuture().handle((x, e) -> e).get(60, TimeUnit.SECONDS);
    assertThat(t).hasMessageContaining("caller went away");
    assertThat(source.aborted).isTrue();
    assertThat(sink.ended.get()).isFalse();
  }

  /** A sink on the source's context that reports itself full after its first write until released. */
  static final class HeldSink implements WriteStream<Buffer> {
    final AtomicLong written = new AtomicLong();
    boolean held = true;
    Handler<Void> drain;

    void release() {
      held = false;
      drain.handle(null);
    }

    @Override
    public WriteStream<Buffer> exceptionHandler(Handler<Throwable> h) {
      return this;
    }

    @Override
    public Future<Void> write(Buffer data) {
      written.addAndGet(data.length());
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> end() {
      return Future.succeededFuture();
    }

    @Override
    public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
      return this;
    }

    @Override
    public boolean writeQueueFull() {
      return held;
    }

    @Override
    public WriteStream<Buffer> drainHandler(Handler<Void> h) {
      drain = h;
      return this;
    }
  }

  private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
    for (int i = 0; i < 6000 && !condition.getAsBoolean(); i++) {
      Thread.sleep(10);
    }
    assertThat(condition.getAsBoolean()).as("condition reached within a minute").isTrue();
  }
}
