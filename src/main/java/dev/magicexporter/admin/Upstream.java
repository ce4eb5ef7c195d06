package dev.magicexporter.admin;

import dev.magicexporter.client.ApiRequest;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import java.util.function.Function;

/**
 * Where admin requests go: the daemon's own Cloudflare client for one account (its credential,
 * retries and request budget, at {@code Priority.ADMIN}). The client adds the Cloudflare auth;
 * admin never passes a caller's auth header on.
 */
public interface Upstream {

  /** An upstream answer as it came, any status. */
  record Response(int status, MultiMap headers, Buffer body) {}

  /** Status and headers of a streamed answer, before its first body byte. */
  record Head(int status, MultiMap headers) {}

  /** Sends the request; the future fails only when no answer came (network, timeout, budget). */
  Future<Response> send(ApiRequest request);

  /**
   * Streams the answer's body into the sink returned by {@code onHead}, with backpressure and
   * without holding the body; the sink is ended on success and left open on failure.
   */
  Future<Void> pipe(ApiRequest request, Function<Head, WriteStream<Buffer>> onHead);
}
