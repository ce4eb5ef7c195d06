package dev.magicexporter.client;

import dev.magicexporter.testing.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestBudgetTest {
  private final ManualClock clock = new ManualClock();

  private RequestBudget budget(int limit, Duration window, double adminShare) {
    return new RequestBudget("token:test", limit, window, adminShare, clock);
  }

  private static List<Future<Void>> acquire(RequestBudget b, Priority p, int n) {
    List<Future<Void>> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(b.acquire(p));
    }
    return out;
  }

  private static long granted(List<Future<Void>> fs) {
    return fs.stream().filter(Future::succeeded).count();
  }

  @Test
  void grantsUpToTheLimitThenWaitsForTheWindow() {
    RequestBudget b = budget(5, Duration.ofSeconds(10), 0);
    List<Future<Void>> fs = acquire(b, Priority.TELEMETRY, 8);
    assertThat(granted(fs)).isEqualTo(5);
    assertThat(b.remaining()).isZero();
    assertThat(b.waiting()).isEqualTo(3);

    clock.advance(Duration.ofMillis(9_999));
    assertThat(granted(fs)).isEqualTo(5);

    clock.advance(Duration.ofMillis(1));
    assertThat(granted(fs)).isEqualTo(8);
    assertThat(b.waiting()).isZero();
    assertThat(b.remaining()).isEqualTo(2);
  }

  @Test
  void tokensComeBackOneWindowAfterTheyWereSpentSoNoWindowEverHoldsMoreThanTheLimit() {
    RequestBudget b = budget(10, Duration.ofSeconds(100), 0);
    List<Long> grantTimes = new ArrayList<>();
    acquire(b, Priority.INVENTORY, 6).forEach(f -> f.onSuccess(v -> grantTimes.add(clock.nanoTime())));
    clock.advance(Duration.ofSeconds(50));
    acquire(b, Priority.INVENTORY, 14).forEach(f -> f.onSuccess(v -> grantTimes.add(clock.nanoTime())));
    // 4 left at t=50; the 6 of t=0 come back at t=100, the 4 of t=50 at t=150.
    assertThat(grantTimes).hasSize(10);
    clock.advance(Duration.ofSeconds(50));
    assertThat(grantTimes).hasSize(16);
    clock.advance(Duration.ofSeconds(50));
    assertThat(grantTimes).hasSize(20);

    long window = Duration.ofSeconds(100).toNanos();
    for (long start : grantTimes) {
      long inWindow = grantTimes.stream().filter(t -> t >= start && t - start < window).count();
      assertThat(inWindow).as("grants in the window starting at %d", start).isLessThanOrEqualTo(10);
    }
  }

  @Test
  void waitingRequestsAreServedInPriorityOrderThenFifo() {
    RequestBudget b = budget(2, Duration.ofSeconds(1), 0);
    acquire(b, Priority.TELEMETRY, 2);
    List<String> order = new ArrayList<>();
    b.acquire(Priority.INVENTORY).onSuccess(v -> order.add("inventory-1"));
    b.acquire(Priority.TUNNELS).onSuccess(v -> order.add("tunnels-1"));
    b.acquire(Priority.TELEMETRY).onSuccess(v -> order.add("telemetry-1"));
    b.acquire(Priority.INVENTORY).onSuccess(v -> order.add("inventory-2"));
    b.acquire(Priority.TELEMETRY).onSuccess(v -> order.add("telemetry-2"));
    assertThat(b.waiting(Priority.TELEMETRY)).isEqualTo(2);

    clock.advance(Duration.ofSeconds(1));
    assertThat(order).containsExactly("telemetry-1", "telemetry-2");
    clock.advance(Duration.ofSeconds(1));
    assertThat(order).containsExactly("telemetry-1", "telemetry-2", "tunnels-1", "inventory-1");
    clock.advance(Duration.ofSeconds(1));
    assertThat(order).endsWith("inventory-2");
  }

  @Test
  void pollersNeverSpendTheAdminReserve() {
    RequestBudget b = budget(10, Duration.ofSeconds(60), 0.2);
    assertThat(b.reserved()).isEqualTo(2);
    List<Future<Void>> pollers = acquire(b, Priority.TELEMETRY, 10);
    assertThat(granted(pollers)).isEqualTo(8);
    assertThat(b.remaining()).isEqualTo(2);

    List<Future<Void>> admin = acquire(b, Priority.ADMIN, 3);
    assertThat(granted(admin)).as("the reserve serves admin at once, even behind waiting pollers").isEqualTo(2);
    assertThat(b.remaining()).isZero();

    clock.advance(Duration.ofSeconds(60));
    assertThat(granted(pollers)).isEqualTo(10);
    assertThat(granted(admin)).isEqualTo(3);
  }

  @Test
  void adminUsesSharedTokensOnlyWhenNoPollerWaits() {
    RequestBudget b = budget(10, Duration.ofSeconds(60), 0.2);
    List<Future<Void>> admin = acquire(b, Priority.ADMIN, 5);
    assertThat(granted(admin)).as("alone, admin takes the reserve then shared tokens").isEqualTo(5);
    clock.advance(Duration.ofSeconds(60));

    List<Future<Void>> early = acquire(b, Priority.INVENTORY, 8);
    clock.advance(Duration.ofSeconds(10));
    List<Future<Void>> reserveSpent = acquire(b, Priority.ADMIN, 2);
    List<Future<Void>> waitingPollers = acquire(b, Priority.INVENTORY, 8);
    Future<Void> waitingAdmin = b.acquire(Priority.ADMIN);
    assertThat(granted(early) + granted(reserveSpent)).isEqualTo(10);

    clock.advance(Duration.ofSeconds(50));
    assertThat(granted(waitingPollers)).as("shared tokens go to waiting pollers first").isEqualTo(8);
    assertThat(waitingAdmin.isComplete()).isFalse();
    clock.advance(Duration.ofSeconds(10));
    assertThat(waitingAdmin.succeeded()).as("then the reserve comes back for admin").isTrue();
  }

  @Test
  void aThrottlePauseHoldsBackEveryRequestUntilItEnds() {
    RequestBudget b = budget(100, Duration.ofSeconds(300), 0.1);
    b.throttled(Duration.ofSeconds(30));
    assertThat(b.isPaused()).isTrue();
    Future<Void> poller = b.acquire(Priority.TELEMETRY);
    Future<Void> admin = b.acquire(Priority.ADMIN);
    clock.advance(Duration.ofSeconds(29));
    assertThat(poller.isComplete()).isFalse();
    assertThat(admin.isComplete()).isFalse();
    assertThat(b.pauseRemaining()).isEqualTo(Duration.ofSeconds(1));

    b.throttled(Duration.ofMillis(100)); // a shorter pause never shortens a running one
    clock.advance(Duration.ofMillis(500));
    assertThat(poller.isComplete()).isFalse();

    clock.advance(Duration.ofMillis(500));
    assertThat(poller.succeeded()).isTrue();
    assertThat(admin.succeeded()).isTrue();
    assertThat(b.isPaused()).isFalse();
    assertThat(b.throttledResponses()).isEqualTo(2);
    assertThat(b.pausedSeconds()).isEqualTo(30.0);
  }

  @Test
  void extendingAPauseCountsOnlyTheExtraTime() {
    RequestBudget b = budget(100, Duration.ofSeconds(300), 0);
    b.throttled(Duration.ofSeconds(10));
    clock.advance(Duration.ofSeconds(4));
    assertThat(b.pausedSeconds()).isEqualTo(4.0);
    b.throttled(Duration.ofSeconds(10));
    clock.advance(Duration.ofSeconds(20));
    assertThat(b.pausedSeconds()).isEqualTo(14.0);
  }

  @Test
  void anExhaustedWindowPausesWithoutCountingAThrottledResponse() {
    RequestBudget b = budget(100, Duration.ofSeconds(300), 0);
    b.exhausted(Duration.ofSeconds(5));
    Future<Void> f = b.acquire(Priority.TELEMETRY);
    clock.advance(Duration.ofMillis(4_999));
    assertThat(f.isComplete()).isFalse();
    clock.advance(Duration.ofMillis(1));
    assertThat(f.succeeded()).isTrue();
    assertThat(b.throttledResponses()).isZero();
    assertThat(b.pausedSeconds()).isEqualTo(5.0);
  }

  @Test
  void rejectsNonsenseSizes() {
    assertThatThrownBy(() -> budget(0, Duration.ofSeconds(1), 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> budget(10, Duration.ZERO, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> budget(10, Duration.ofSeconds(1), 1.0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> budget(10, Duration.ofSeconds(1), -0.1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(budget(1, Duration.ofSeconds(1), 0.9).reserved()).as("pollers keep one token").isZero();
  }

  @Test
  void aPermitHoldsAnInFlightSlotUntilReleasedWhileTheWindowStillCounts() {
    RequestBudget b = new RequestBudget("token:test", 10, Duration.ofSeconds(60), 0, 2, clock);
    List<Future<RequestBudget.Permit>> fs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      fs.add(b.permit(Priority.FIRST_PASS));
    }
    assertThat(fs).filteredOn(Future::succeeded).hasSize(2);
    assertThat(b.inFlight()).isEqualTo(2);
    assertThat(b.remaining()).isEqualTo(8);

    fs.get(0).result().release();
    fs.get(0).result().release(); // idempotent
    assertThat(fs).filteredOn(Future::succeeded).hasSize(3);
    assertThat(b.inFlight()).isEqualTo(2);

    fs.get(1).result().release();
    fs.get(2).result().release();
    assertThat(fs).allMatch(Future::succeeded);
    assertThat(b.remaining()).isEqualTo(5);
  }

  @Test
  void adminRequestsTakeNoInFlightSlot() {
    RequestBudget b = new RequestBudget("token:test", 10, Duration.ofSeconds(60), 0.2, 1, clock);
    Future<RequestBudget.Permit> poller = b.permit(Priority.TELEMETRY);
    Future<RequestBudget.Permit> second = b.permit(Priority.TELEMETRY);
    Future<RequestBudget.Permit> admin = b.permit(Priority.ADMIN);
    assertThat(poller.succeeded()).isTrue();
    assertThat(second.isComplete()).isFalse();
    assertThat(admin.succeeded()).isTrue();
  }

  @Test
  void aFirstPassWaitsBehindEveryOtherPollerButAheadOfAdminOnSharedTokens() {
    RequestBudget b = budget(1, Duration.ofSeconds(1), 0);
    b.acquire(Priority.TELEMETRY);
    List<String> order = new ArrayList<>();
    for (Priority p : List.of(Priority.ADMIN, Priority.FIRST_PASS, Priority.INVENTORY, Priority.TELEMETRY)) {
      b.acquire(p).onSuccess(v -> order.add(p.label()));
    }
    for (int i = 0; i < 4; i++) {
      clock.advance(Duration.ofSeconds(1));
    }
    assertThat(order).containsExactly("telemetry", "inventory", "first_pass", "admin");
  }

  @Test
  void aThrottleHalvesTheAllowanceOncePerPauseThenATenthComesBackPerQuietWindow() {
    RequestBudget b = budget(100, Duration.ofSeconds(10), 0);
    assertThat(b.allowed()).isEqualTo(100);
    b.throttled(Duration.ofSeconds(3));
    b.throttled(Duration.ofSeconds(3)); // an answer to a request sent before the pause: same episode
    assertThat(b.allowed()).isEqualTo(50);
    assertThat(b.throttledResponses()).isEqualTo(2);

    clock.advance(Duration.ofSeconds(4));
    b.exhausted(Duration.ofSeconds(1)); // a new episode
    assertThat(b.allowed()).isEqualTo(25);

    clock.advance(Duration.ofSeconds(9));
    assertThat(b.allowed()).isEqualTo(25);
    clock.advance(Duration.ofSeconds(1));
    assertThat(b.allowed()).isEqualTo(35);
    clock.advance(Duration.ofSeconds(60));
    assertThat(b.allowed()).isEqualTo(95);
    clock.advance(Duration.ofSeconds(10));
    assertThat(b.allowed()).isEqualTo(100);
  }

  @Test
  void theAllowanceNeverDropsBelowATenthOfThePlan() {
    RequestBudget b = budget(100, Duration.ofSeconds(10), 0);
    for (int i = 0; i < 10; i++) {
      b.throttled(Duration.ofSeconds(1));
      clock.advance(Duration.ofSeconds(1));
    }
    assertThat(b.allowed()).isEqualTo(10);
  }

  @Test
  void afterAThrottleTheWindowGrantsOnlyTheLoweredAllowanceAndWakesWhenItRises() {
    RequestBudget b = budget(20, Duration.ofSeconds(10), 0);
    acquire(b, Priority.TELEMETRY, 4);
    b.throttled(Duration.ofSeconds(2)); // allowed 10, 4 of them spent
    List<Future<Void>> fs = acquire(b, Priority.TELEMETRY, 10);
    assertThat(granted(fs)).isZero();
    clock.advance(Duration.ofSeconds(2));
    assertThat(granted(fs)).isEqualTo(6);
    clock.advance(Duration.ofSeconds(8)); // one window after the decrease: allowance 12, the first 4 came back
    assertThat(granted(fs)).isEqualTo(10);
    assertThat(b.allowed()).isEqualTo(12);
  }

  @Test
  void theFreeWindowIsGrantedAtOnceAndNothingMoreUntilItsTokensComeBack() {
    RequestBudget b = new RequestBudget("token:test", 100, Duration.ofSeconds(300), 0.1, 1000, clock);
    List<Future<Void>> fs = acquire(b, Priority.FIRST_PASS, 250);
    assertThat(granted(fs)).isEqualTo(90);
    clock.advance(Duration.ofSeconds(299));
    assertThat(granted(fs)).isEqualTo(90);
    clock.advance(Duration.ofSeconds(1));
    assertThat(granted(fs)).isEqualTo(180);
  }

  @Test
  void exposesItsStateAsMetricsLabelledByCredentialId() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    RequestBudget b = budget(10, Duration.ofSeconds(300), 0.1).bindTo(registry);
    acquire(b, Priority.TUNNELS, 12);
    b.throttled(Duration.ofSeconds(2));
    clock.advance(Duration.ofSeconds(1));

    String text = registry.scrape();
    assertThat(text)
        .contains("cloudflare_exporter_api_budget_limit_requests{credential=\"token:test\"} 10")
        .contains("cloudflare_exporter_api_budget_allowed_requests{credential=\"token:test\"} 5")
        .contains("cloudflare_exporter_api_budget_in_flight_requests{credential=\"token:test\"} 0")
        .contains("cloudflare_exporter_api_budget_window_seconds{credential=\"token:test\"} 300")
        .contains("cloudflare_exporter_api_budget_remaining_requests{credential=\"token:test\"} 1")
        .contains("cloudflare_exporter_api_budget_waiting_requests{credential=\"token:test\",priority=\"tunnels\"} 3")
        .contains("cloudflare_exporter_api_budget_wait_seconds_count{credential=\"token:test\",priority=\"tunnels\"} 9")
        .contains("cloudflare_exporter_api_throttled_responses_total{credential=\"token:test\"} 1")
        .contains("cloudflare_exporter_api_throttle_paused_seconds_total{credential=\"token:test\"} 1")
        .contains("cloudflare_exporter_api_throttle_active{credential=\"token:test\"} 1");
  }
}
