package dev.magicexporter.client;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;

/**
 * What the decorators of a {@link Transport} look at in an answer, buffered or streamed: the
 * status and headers (retries, 429 pauses, metrics) and a way to drop it before trying again.
 */
public interface Answer {
  int status();

  MultiMap headers();

  /** Releases the answer unread (drains or resets a streamed body); never fails. */
  Future<Void> discard();
}
