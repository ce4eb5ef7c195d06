package dev.magicexporter.client;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/**
 * A buffered answer as the server sent it (after the transport's decorators: secrets redacted,
 * budget and retries applied). Any status, including 4xx and 5xx; the body is not decoded here.
 */
public record RawResponse(int status, MultiMap headers, Buffer body) implements Answer {
  @Override
  public Future<Void> discard() {
    return Future.succeededFuture();
  }
}
