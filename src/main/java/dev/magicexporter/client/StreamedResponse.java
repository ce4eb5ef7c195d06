package dev.magicexporter.client;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An answer whose head has arrived and whose body is paused, waiting to be piped.
 *
 * @param body the body, paused; its events run on {@code context}
 * @param context the event-loop context of the body's stream, where a pipe makes its decisions
 * @param abort resets the exchange (the connection is not reused)
 * @param idleTimeoutMs the longest silence of the upstream while the pipe waits for bytes
 * @param finished runs when the exchange is over: the body piped to its end, the pipe failed, or
 *     the exchange aborted before a pipe (may run more than once; see {@link #whenFinished})
 */
public record StreamedResponse(int status, MultiMap headers, ReadStream<Buffer> body, Context context,
    Runnable abort, long idleTimeoutMs, Runnable finished) implements Answer {

  /** An answer with nothing to do when it is over. */
  public StreamedResponse(int status, MultiMap headers, ReadStream<Buffer> body, Context context, Runnable abort,
      long idleTimeoutMs) {
    this(status, headers, body, context, abort, idleTimeoutMs, () -> {});
  }

  /**
   * Streams the body into {@code sink} with backpressure; see {@link BodyPipe}. The sink is ended
   * when the body is complete and left open when the body fails part-way.
   */
  public Future<Void> pipeTo(WriteStream<Buffer> sink) {
    return BodyPipe.start(context, body, sink, abort, idleTimeoutMs).andThen(ar -> finished.run());
  }

  /**
   * The same answer, with {@code then} run once when the exchange is over (after what already
   * runs then): when a pipe of the body ends or fails, or when the exchange is aborted. This is
   * how a decorator holds something (a budget permit) for as long as the body streams.
   */
  public StreamedResponse whenFinished(Runnable then) {
    AtomicBoolean ran = new AtomicBoolean();
    Runnable once = () -> {
      if (ran.compareAndSet(false, true)) {
        then.run();
      }
    };
    Runnable before = finished;
    Runnable abortFirst = abort;
    return new StreamedResponse(status, headers, body, context, () -> {
      abortFirst.run();
      once.run();
    }, idleTimeoutMs, () -> {
      before.run();
      once.run();
    });
  }

  /** Reads the rest of the body and drops it, so that the connection can serve another request. */
  @Override
  public Future<Void> discard() {
    return pipeTo(BodySink.drop()).recover(t -> Future.succeededFuture());
  }
}
