package dev.magicexporter.client;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;

/**
 * The metric families of one {@link RequestBudget} ({@code credential} is {@link Credential#id()},
 * never the secret):
 *
 * <ul>
 *   <li>{@code cloudflare_exporter_api_budget_limit_requests{credential}} gauge: requests this
 *       replica plans to start per window (its share of the credential's limit, admin reserve
 *       included).
 *   <li>{@code cloudflare_exporter_api_budget_allowed_requests{credential}} gauge: of those, the
 *       requests allowed per window now; lower than the limit for a while after a 429.
 *   <li>{@code cloudflare_exporter_api_budget_window_seconds{credential}} gauge: the window.
 *   <li>{@code cloudflare_exporter_api_budget_remaining_requests{credential}} gauge: requests that
 *       may still start in the current window (admin reserve included).
 *   <li>{@code cloudflare_exporter_api_budget_in_flight_requests{credential}} gauge: poller
 *       requests sent and not answered yet.
 *   <li>{@code cloudflare_exporter_api_budget_waiting_requests{credential,priority}} gauge:
 *       requests waiting for budget, e.g. {@code ...{credential="token:3f9a0c1d",priority="telemetry"} 4}.
 *   <li>{@code cloudflare_exporter_api_budget_wait_seconds{credential,priority}} summary: time
 *       each request waited for budget (count = requests granted).
 *   <li>{@code cloudflare_exporter_api_throttled_responses_total{credential}} counter: HTTP 429
 *       answers received.
 *   <li>{@code cloudflare_exporter_api_throttle_paused_seconds_total{credential}} counter: time
 *       during which every request of the credential was held back after a 429 or a
 *       {@code Ratelimit} header reporting nothing left.
 *   <li>{@code cloudflare_exporter_api_throttle_active{credential}} gauge: 1 while paused.
 * </ul>
 */
final class BudgetMetrics {
  private BudgetMetrics() {}

  /** Registers the families and returns the wait timers by priority. */
  static Map<Priority, Timer> register(RequestBudget b, MeterRegistry registry) {
    Tags tags = Tags.of("credential", b.credentialId());
    Gauge.builder("cloudflare_exporter.api.budget.limit", b, RequestBudget::limit)
        .description("Requests this replica plans to start per budget window with the credential (its share of "
            + "the credential's limit, admin reserve included)").baseUnit("requests")
        .tags(tags).register(registry);
    Gauge.builder("cloudflare_exporter.api.budget.allowed", b, RequestBudget::allowed)
        .description("Requests allowed per budget window now: the limit, lowered for a while after a 429 "
            + "(someone else spent the credential's limit)").baseUnit("requests")
        .tags(tags).register(registry);
    Gauge.builder("cloudflare_exporter.api.budget.window", b, x -> x.window().toNanos() / 1e9)
        .description("Length of the request budget window").baseUnit("seconds")
        .tags(tags).register(registry);
    Gauge.builder("cloudflare_exporter.api.budget.remaining", b, RequestBudget::remaining)
        .description("Requests that may still start in the current window, admin reserve included")
        .baseUnit("requests").tags(tags).register(registry);
    Gauge.builder("cloudflare_exporter.api.budget.in.flight", b, RequestBudget::inFlight)
        .description("Poller requests of the credential sent and not answered yet").baseUnit("requests")
        .tags(tags).register(registry);
    Map<Priority, Timer> timers = new EnumMap<>(Priority.class);
    for (Priority p : Priority.values()) {
      Tags pt = tags.and("priority", p.label());
      Gauge.builder("cloudflare_exporter.api.budget.waiting", b, x -> x.waiting(p))
          .description("Requests waiting for request budget").baseUnit("requests")
          .tags(pt).register(registry);
      timers.put(p, Timer.builder("cloudflare_exporter.api.budget.wait")
          .description("Time requests waited for request budget").tags(pt).register(registry));
    }
    FunctionCounter.builder("cloudflare_exporter.api.throttled.responses", b, RequestBudget::throttledResponses)
        .description("HTTP 429 answers received for the credential").tags(tags).register(registry);
    FunctionCounter.builder("cloudflare_exporter.api.throttle.paused", b, RequestBudget::pausedSeconds)
        .description("Time during which every request of the credential was held back after a 429 or an exhausted Ratelimit")
        .baseUnit("seconds").tags(tags).register(registry);
    Gauge.builder("cloudflare_exporter.api.throttle.active", b, x -> x.isPaused() ? 1 : 0)
        .description("1 while every request of the credential is held back after a 429")
        .tags(tags).register(registry);
    return timers;
  }
}
