package dev.magicexporter.client;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import java.util.function.Function;

/**
 * The admin API's way to Cloudflare: requests passed through as they are, answers handed back as
 * they came, over the same decorated {@link Transport} as the pollers (one credential, its budget
 * at the request's priority, retries, self-metrics, redaction).
 */
public final class PassThrough {
  private final Transport transport;
  private final ClientMetrics metrics;

  public PassThrough(Transport transport, ClientMetrics metrics) {
    this.transport = transport;
    this.metrics = metrics;
  }

  /**
   * The final answer after budget and retries, whatever its status (the admin API passes 4xx and
   * 5xx through). Fails only with {@link ApiException.Network} when no answer came.
   */
  public Future<RawResponse> send(ApiRequest req) {
    return metrics.counted(req, transport.send(req));
  }

  /**
   * Streams a response body (the binary PCAP download) into the sink that {@code onHead} returns
   * for the final answer's status and headers, whatever the status, with backpressure and without
   * holding the body in memory. Retries happen only before {@code onHead} is called, i.e. before
   * any byte was written. The sink is ended when the body is complete; on a failure part-way it
   * is not ended, so the caller can abort it (e.g. {@code HttpServerResponse.reset()}) instead of
   * passing on a truncated file as complete.
   */
  public Future<Void> pipe(ApiRequest req, Function<ResponseHead, WriteStream<Buffer>> onHead) {
    return metrics.counted(req, transport.open(req).compose(r -> stream(req, r, onHead)));
  }

  private static Future<Void> stream(ApiRequest req, StreamedResponse r,
      Function<ResponseHead, WriteStream<Buffer>> onHead) {
    WriteStream<Buffer> sink;
    try {
      sink = onHead.apply(new ResponseHead(r.status(), r.headers()));
    } catch (RuntimeException e) {
      r.abort().run();
      return Future.failedFuture(e);
    }
    if (sink == null) {
      r.abort().run();
      return Future.failedFuture(new IllegalStateException("pipe sink factory returned no sink"));
    }
    return r.pipeTo(sink).recover(t -> Future.failedFuture(new ApiException.Network(
        "download of " + req.template() + " interrupted: " + describe(t), RetryPolicy.isTimeout(t), t)));
  }

  private static String describe(Throwable t) {
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
