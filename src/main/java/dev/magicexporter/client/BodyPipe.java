package dev.magicexporter.client;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import java.util.concurrent.TimeoutException;

/**
 * Streams a response body into a caller's sink with backpressure, correctly even when the sink
 * lives on another event loop than the source (the admin API's response is bound to the caller's
 * connection, the upstream response to the client's).
 *
 * <p>Why not {@code ReadStream.pipeTo}: Vert.x's pipe checks {@code writeQueueFull()}, pauses
 * the source and only then installs the sink's drain handler. When the sink drains on its own
 * thread between those two steps, the drain finds no handler and the source stays paused for
 * good (a lost wake-up): the download stalls until the idle timeout cuts it. Here the drain
 * handler is installed once, before the first write, and every decision (pause, resume, end,
 * fail) is taken on the source's context, so a drain can never fall between check and handler.
 *
 * <p>The upstream idle timeout counts only while the pipe wants bytes from the upstream: while
 * the pipe is paused for a slow caller, the upstream is silent because we asked it to be. A caller
 * that stops reading for good is the caller's listener's business (its idle timeout closes the
 * connection, the next write fails, and the upstream request is reset).
 */
final class BodyPipe {
  private final Vertx vertx;
  private final Context context;
  private final ReadStream<Buffer> source;
  private final WriteStream<Buffer> sink;
  private final Runnable abortSource;
  private final long idleTimeoutMs;
  private final Promise<Void> done = Promise.promise();

  // Confined to `context`.
  private boolean paused;
  private boolean finished;
  private long lastDataNanos;
  private long timer = -1;

  private BodyPipe(Context context, ReadStream<Buffer> source, WriteStream<Buffer> sink, Runnable abortSource,
      long idleTimeoutMs) {
    this.vertx = context.owner();
    this.context = context;
    this.source = source;
    this.sink = sink;
    this.abortSource = abortSource;
    this.idleTimeoutMs = idleTimeoutMs;
  }

  /**
   * Starts piping on {@code context}, the source's context; the source must be paused. The future
   * completes when the sink has ended; it fails (and {@code abortSource} runs, the sink is not
   * ended) when the source fails, the sink refuses a write, or the upstream stays silent for
   * {@code idleTimeoutMs} while the pipe waits for it.
   */
  static Future<Void> start(Context context, ReadStream<Buffer> source, WriteStream<Buffer> sink,
      Runnable abortSource, long idleTimeoutMs) {
    BodyPipe p = new BodyPipe(context, source, sink, abortSource, idleTimeoutMs);
    p.onContext(p::run);
    return p.done.future();
  }

  private void run() {
    source.pause();
    sink.drainHandler(v -> onContext(this::resumeIfDrained));
    sink.exceptionHandler(t -> onContext(() -> fail(t)));
    source.exceptionHandler(this::fail);
    source.endHandler(v -> end());
    source.handler(this::onData);
    lastDataNanos = System.nanoTime();
    armTimer(idleTimeoutMs);
    source.resume();
  }

  private void onData(Buffer data) {
    if (finished) {
      return;
    }
    lastDataNanos = System.nanoTime();
    sink.write(data).onFailure(t -> onContext(() -> fail(t)));
    if (sink.writeQueueFull()) {
      paused = true;
      source.pause();
    }
  }

  private void resumeIfDrained() {
    if (paused && !finished && !sink.writeQueueFull()) {
      paused = false;
      lastDataNanos = System.nanoTime();
      source.resume();
    }
  }

  private void end() {
    if (finished) {
      return;
    }
    finished = true;
    cancelTimer();
    sink.end().onComplete(done);
  }

  private void fail(Throwable t) {
    if (finished) {
      return;
    }
    finished = true;
    cancelTimer();
    source.handler(null);
    abortSource.run();
    done.tryFail(t);
  }

  private void armTimer(long delayMs) {
    timer = vertx.setTimer(Math.max(1, delayMs), id -> onTimer());
  }

  private void onTimer() {
    timer = -1;
    if (finished) {
      return;
    }
    if (paused) {
      armTimer(idleTimeoutMs); // silence while paused is ours, not the upstream's
      return;
    }
    long silentMs = (System.nanoTime() - lastDataNanos) / 1_000_000;
    if (silentMs >= idleTimeoutMs) {
      fail(new TimeoutException("upstream sent no body bytes for " + silentMs + " ms"));
    } else {
      armTimer(idleTimeoutMs - silentMs);
    }
  }

  private void cancelTimer() {
    if (timer != -1) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  /** Runs {@code action} on the source's context: now when already there, else queued. */
  private void onContext(Runnable action) {
    if (Vertx.currentContext() == context) {
      action.run();
    } else {
      context.runOnContext(v -> action.run());
    }
  }
}
