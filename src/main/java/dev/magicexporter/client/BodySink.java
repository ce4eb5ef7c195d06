package dev.magicexporter.client;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;

/**
 * A sink for a body the client reads itself: never full, kept whole (an API answer, which is
 * small; downloads are piped to their caller instead) or dropped (the body of an answer that is
 * tried again).
 */
final class BodySink implements WriteStream<Buffer> {
  /** The body so far; null when the body is dropped. */
  final Buffer buffer;

  private BodySink(Buffer buffer) {
    this.buffer = buffer;
  }

  static BodySink keep() {
    return new BodySink(Buffer.buffer());
  }

  static BodySink drop() {
    return new BodySink(null);
  }

  @Override
  public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    return this;
  }

  @Override
  public Future<Void> write(Buffer data) {
    if (buffer != null) {
      buffer.appendBuffer(data);
    }
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
    return false;
  }

  @Override
  public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
    return this;
  }
}
