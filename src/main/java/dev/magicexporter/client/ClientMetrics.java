package dev.magicexporter.client;

import dev.magicexporter.metrics.self.SelfMetrics;
import io.vertx.core.Future;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The client's self-metrics ({@link SelfMetrics#API_REQUESTS}, {@link SelfMetrics#API_REQUEST_DURATION},
 * {@link SelfMetrics#API_RETRIES}, {@link SelfMetrics#API_ERRORS}; described in the metrics
 * reference). {@code endpoint} is always the path template (e.g.
 * {@code /accounts/{account_id}/magic/gre_tunnels}), never a concrete path, so the number of
 * series is bounded by the number of endpoints. Budget and throttling families are registered by
 * {@link RequestBudget#bindTo}.
 */
public final class ClientMetrics {
  private static final Duration[] BUCKETS = {
      Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
      Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
      Duration.ofSeconds(30)};

  private final MeterRegistry registry;

  public ClientMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  static String statusClass(int status) {
    return status <= 0 ? "none" : (status / 100) + "xx";
  }

  void attempt(ApiRequest req, int status, long nanos) {
    String method = req.method().name();
    SelfMetrics.API_REQUESTS.counter(registry, req.template(), method, statusClass(status)).increment();
    SelfMetrics.API_REQUEST_DURATION.timerBuilder(req.template(), method).serviceLevelObjectives(BUCKETS)
        .register(registry).record(nanos, TimeUnit.NANOSECONDS);
  }

  void retry(ApiRequest req, String reason) {
    SelfMetrics.API_RETRIES.counter(registry, req.template(), reason).increment();
  }

  void error(ApiRequest req, ApiException e) {
    SelfMetrics.API_ERRORS.counter(registry, req.template(), e.kind()).increment();
  }

  /** Counts {@code f}'s failure, if it fails with an {@link ApiException}, as final for its caller. */
  <T> Future<T> counted(ApiRequest req, Future<T> f) {
    return f.onFailure(t -> {
      if (t instanceof ApiException e) {
        error(req, e);
      }
    });
  }
}
