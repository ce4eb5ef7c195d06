package dev.magicexporter.client;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;

/**
 * An answer whose head has arrived and whose body is paused, waiting to be piped.
 *
 * @param body the body, paused; its events run on {@code context}
 * @param context the event-loop context of the body's stream, where a pipe makes its decisions
 * @param abort resets the exchange (the connection is not reused)
 * @param idleTimeoutMs the longest silence of the upstream while the pipe waits for bytes
 */
public record StreamedResponse(int status, MultiMap headers, ReadStream<Buffer> body, Context context,
    Runnable abort, long idleTimeoutMs) implements Answer {

  /**
   * Streams the body into {@code sink} with backpressure; see {@link BodyPipe}. The sink is ended
   * when the body is complete and left open when the body fails part-way.
   */
  public Future<Void> pipeTo(WriteStream<Buffer> sink) {
    return BodyPipe.start(context, body, sink, abort, idleTimeoutMs);
  }

  /** Reads the rest of the body and drops it, so that the connection can serve another request. */
  @Override
  public Future<Void> discard() {
    return pipeTo(BodySink.drop()).recover(t -> Future.succeededFuture());
  }
}
