package dev.magicexporter.client;

import io.vertx.core.Future;
import java.util.function.Function;

/**
 * Records every HTTP attempt (retries included, each one separately) in {@link ClientMetrics}:
 * its status class ({@code none} when no answer came) and the time to the answer, or for a
 * streamed answer to its head. Sits below the budget, so the wait for a token is not counted.
 */
public final class MeteredTransport implements Transport {
  private final Transport inner;
  private final ClientMetrics metrics;

  public MeteredTransport(Transport inner, ClientMetrics metrics) {
    this.inner = inner;
    this.metrics = metrics;
  }

  @Override
  public Future<RawResponse> send(ApiRequest request) {
    return timed(request, inner::send);
  }

  @Override
  public Future<StreamedResponse> open(ApiRequest request) {
    return timed(request, inner::open);
  }

  private <A extends Answer> Future<A> timed(ApiRequest request, Function<ApiRequest, Future<A>> attempt) {
    long t0 = System.nanoTime();
    return attempt.apply(request).andThen(ar ->
        metrics.attempt(request, ar.succeeded() ? ar.result().status() : 0, System.nanoTime() - t0));
  }
}
