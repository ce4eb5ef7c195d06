package dev.magicexporter.client;

import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The client's self-metrics. {@code endpoint} is always the path template (e.g.
 * {@code /accounts/{account_id}/magic/gre_tunnels}), never a concrete path, so the number of
 * series is bounded by the number of endpoints. Budget and throttling families are registered by
 * {@link RequestBudget#bindTo}.
 *
 * <ul>
 *   <li>{@code cloudflare_exporter_api_requests_total{endpoint,method,status_class}} counter:
 *       every HTTP attempt, retries included; {@code status_class} is {@code 2xx}, {@code 3xx},
 *       {@code 4xx}, {@code 5xx}, or {@code none} when no answer came (network error, timeout).
 *       Example: {@code cloudflare_exporter_api_requests_total{endpoint="/accounts/{account_id}/magic/connectors",method="GET",status_class="2xx"} 42}
 *   <li>{@code cloudflare_exporter_api_request_duration_seconds{endpoint,method}} histogram:
 *       time from sending an attempt to its complete answer (for a streamed download, to the
 *       response head); plus {@code _max}.
 *   <li>{@code cloudflare_exporter_api_retries_total{endpoint,reason}} counter: attempts made
 *       again; {@code reason} is {@code throttled} (429), {@code server} (5xx),
 *       {@code request_timeout} (408), {@code conflict} (409), {@code should_retry}
 *       ({@code x-should-retry: true}), {@code timeout} or {@code network}.
 *   <li>{@code cloudflare_exporter_api_errors_total{endpoint,kind}} counter: calls that failed
 *       for their caller, after retries; {@code kind} is {@link ApiException#kind()}: auth,
 *       not_found, validation, throttled, server, network, timeout, malformed.
 * </ul>
 */
public final class ClientMetrics {
  static final String REQUESTS = "cloudflare_exporter.api.requests";
  static final String DURATION = "cloudflare_exporter.api.request.duration";
  static final String RETRIES = "cloudflare_exporter.api.retries";
  static final String ERRORS = "cloudflare_exporter.api.errors";

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
    Counter.builder(REQUESTS)
        .description("HTTP attempts sent to the Cloudflare API, retries included")
        .tags("endpoint", req.template(), "method", method, "status_class", statusClass(status))
        .register(registry).increment();
    Timer.builder(DURATION)
        .description("Time from sending a Cloudflare API attempt to its answer")
        .tags("endpoint", req.template(), "method", method)
        .serviceLevelObjectives(BUCKETS)
        .register(registry).record(nanos, TimeUnit.NANOSECONDS);
  }

  void retry(ApiRequest req, String reason) {
    Counter.builder(RETRIES)
        .description("Cloudflare API attempts made again, by reason")
        .tags("endpoint", req.template(), "reason", reason)
        .register(registry).increment();
  }

  void error(ApiRequest req, ApiException e) {
    Counter.builder(ERRORS)
        .description("Cloudflare API calls that failed after retries, by kind")
        .tags("endpoint", req.template(), "kind", e.kind())
        .register(registry).increment();
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
