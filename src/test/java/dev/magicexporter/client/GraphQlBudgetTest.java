package dev.magicexporter.client;

import dev.magicexporter.testing.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.magicexporter.client.graphql.GraphQlBudget;
import dev.magicexporter.poll.analytics.AnalyticsPoller;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The GraphQL quota on a hand-moved clock: the documented burst of 300 then the wait, first come
 * first served, a whole window's pause when Cloudflare says the quota is used up, and the poll
 * interval stretched to fit many accounts.
 */
class GraphQlBudgetTest {
  private final ManualClock clock = new ManualClock();
  private final GraphQlBudget budget = new GraphQlBudget("token:abc", 300, Duration.ofMinutes(5), clock);

  @Test
  void aBurstOfTheWholeQuotaThenQueriesComeBackOneWindowAfterTheyWereSpent() {
    List<Future<Void>> first = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      first.add(budget.acquire(5));
    }
    assertThat(first).allMatch(Future::succeeded);
    assertThat(budget.remaining()).isZero();
    Future<Void> next = budget.acquire(5);
    assertThat(next.isComplete()).isFalse();
    assertThat(budget.waitingQueries()).isEqualTo(5);
    clock.advance(Duration.ofSeconds(299));
    assertThat(next.isComplete()).isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(next.succeeded()).isTrue();
  }

  @Test
  void firstComeFirstServed() {
    budget.acquire(298);
    clock.advance(Duration.ofSeconds(10));
    budget.acquire(2);
    Future<Void> big = budget.acquire(5);
    Future<Void> small = budget.acquire(1);
    assertThat(small.isComplete()).as("does not overtake the waiting request").isFalse();
    clock.advance(Duration.ofSeconds(290)); // the 298 come back
    assertThat(big.succeeded()).isTrue();
    assertThat(small.succeeded()).isTrue();
  }

  @Test
  void aQuotaErrorPausesTheCredentialForAWindow() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    budget.bindTo(registry);
    budget.acquire(5);
    budget.exhausted();
    assertThat(budget.remaining()).isZero();
    Future<Void> next = budget.acquire(5);
    clock.advance(Duration.ofSeconds(299));
    assertThat(next.isComplete()).isFalse();
    assertThat(registry.scrape()).contains(
        "cloudflare_exporter_graphql_budget_waiting_queries{credential=\"token:abc\"} 5",
        "cloudflare_exporter_graphql_budget_remaining_queries{credential=\"token:abc\"} 0");
    clock.advance(Duration.ofSeconds(1));
    assertThat(next.succeeded()).isTrue();
    assertThat(registry.scrape()).contains(
        "cloudflare_exporter_graphql_budget_exhausted_total{credential=\"token:abc\"} 1.0",
        "cloudflare_exporter_graphql_budget_limit_queries{credential=\"token:abc\"} 300",
        // the first 5 came back at 300 s, the second 5 were spent then
        "cloudflare_exporter_graphql_budget_remaining_queries{credential=\"token:abc\"} 295");
  }

  @Test
  void moreThanTheWholeQuotaAtOnceIsRefused() {
    assertThat(budget.acquire(301).failed()).isTrue();
  }

  @Test
  void theIntervalStretchesToFitTheAccountsOfACredential() {
    Duration fiveMinutes = Duration.ofMinutes(5);
    assertThat(AnalyticsPoller.interval(Duration.ofSeconds(60), 12, 300, fiveMinutes)).isEqualTo(Duration.ofSeconds(60));
    assertThat(AnalyticsPoller.interval(Duration.ofSeconds(60), 100, 300, fiveMinutes))
        .isEqualTo(Duration.ofSeconds(500));
  }
}
