package dev.magicexporter.client;

import dev.magicexporter.testing.ManualClock;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Retries, Retry-After, the global 429 pause, timeouts and the budget, against WireMock. */
class ClientRetryTest extends ClientTestBase {

  /** Answers {@code first} for the first {@code times} calls, then {@code then}. */
  private static void sequence(String url, int times, ResponseDefinitionBuilder first, ResponseDefinitionBuilder then) {
    String state = STARTED;
    for (int i = 0; i < times; i++) {
      String next = "after-" + (i + 1);
      wm.stubFor(get(urlPathEqualTo(url)).inScenario(url).whenScenarioStateIs(state)
          .willReturn(first).willSetStateTo(next));
      state = next;
    }
    wm.stubFor(get(urlPathEqualTo(url)).inScenario(url).whenScenarioStateIs(state).willReturn(then));
  }

  private static ResponseDefinitionBuilder status(int s) {
    return aResponse().withStatus(s).withHeader("Content-Type", "application/json").withBody(failed(s * 10, "err"));
  }

  private static int requestCount() {
    return wm.findAll(anyRequestedFor(anyUrl())).size();
  }

  @ParameterizedTest(name = "HTTP {0} is retried")
  @ValueSource(ints = {408, 409, 429, 500, 502, 503, 504, 520})
  void retriesTheStatusesTheSdksRetry(int s) {
    sequence(path(CONNECTORS), 2, status(s), okJson(ok("[]")));

    ApiResponse<?> r = await(client().send(req(CONNECTORS), ResultDecoder.tree()));

    assertThat(r.status()).isEqualTo(200);
    assertThat(requestCount()).isEqualTo(3);
    String reason = switch (s) {
      case 408 -> "request_timeout";
      case 409 -> "conflict";
      case 429 -> "throttled";
      default -> "server";
    };
    assertThat(scrape()).contains("cloudflare_exporter_api_retries_total{endpoint=\"" + CONNECTORS
        + "\",reason=\"" + reason + "\"} 2");
  }

  @Test
  void givesUpAfterMaxRetriesWithTheTypedErrorAndCountsEveryAttempt() {
    wm.stubFor(get(anyUrl()).willReturn(status(502)));

    Throwable t = awaitFailure(client().send(req(CONNECTORS), ResultDecoder.tree()));

    assertThat(t).isInstanceOf(ApiException.Server.class).hasMessageContaining("HTTP 502");
    assertThat(requestCount()).isEqualTo(3);
    String text = scrape();
    assertThat(text)
        .contains("cloudflare_exporter_api_requests_total{endpoint=\"" + CONNECTORS
            + "\",method=\"GET\",status_class=\"5xx\"} 3")
        .contains("cloudflare_exporter_api_errors_total{endpoint=\"" + CONNECTORS + "\",kind=\"server\"} 1")
        .contains("cloudflare_exporter_api_request_duration_seconds_count{endpoint=\"" + CONNECTORS
            + "\",method=\"GET\"} 3");
  }

  @Test
  void givesUpOnThrottlingWithThrottledAndTheServersRetryAfter() {
    wm.stubFor(get(anyUrl()).willReturn(status(429).withHeader("Retry-After-Ms", "20")));

    Throwable t = awaitFailure(client(options().withRetries(1, Duration.ofMillis(1), Duration.ofMillis(1)))
        .send(req(CONNECTORS), ResultDecoder.tree()));

    assertThat(t).isInstanceOf(ApiException.Throttled.class);
    assertThat(((ApiException.Throttled) t).retryAfterMillis()).isEqualTo(20);
    assertThat(requestCount()).isEqualTo(2);
  }

  @Test
  void xShouldRetryFalseStopsRetriesOfA5xx() {
    wm.stubFor(get(anyUrl()).willReturn(status(503).withHeader("x-should-retry", "false")));

    assertThat(awaitFailure(client().send(req(CONNECTORS), ResultDecoder.tree())))
        .isInstanceOf(ApiException.Server.class);
    assertThat(requestCount()).isEqualTo(1);
  }

  @Test
  void xShouldRetryTrueRetriesA4xx() {
    sequence(path(CONNECTORS), 1, status(400).withHeader("x-should-retry", "true"), okJson(ok("[]")));

    await(client().send(req(CONNECTORS), ResultDecoder.tree()));

    assertThat(requestCount()).isEqualTo(2);
    assertThat(scrape()).contains("reason=\"should_retry\"} 1");
  }

  @Test
  void honoursRetryAfterMs() {
    sequence(path(CONNECTORS), 1, status(503).withHeader("Retry-After-Ms", "300").withHeader("Retry-After", "30"),
        okJson(ok("[]")));

    await(client().send(req(CONNECTORS), ResultDecoder.tree()));

    List<LoggedRequest> rs = requestsInOrder();
    assertThat(rs).hasSize(2);
    assertThat(gapMillis(rs.get(0), rs.get(1))).as("Retry-After-Ms wins over Retry-After").isBetween(300L, 29_000L);
  }

  @Test
  void honoursRetryAfterSeconds() {
    sequence(path(CONNECTORS), 1, status(429).withHeader("Retry-After", "1"), okJson(ok("[]")));

    await(client().send(req(CONNECTORS), ResultDecoder.tree()));

    List<LoggedRequest> rs = requestsInOrder();
    assertThat(gapMillis(rs.get(0), rs.get(1))).isGreaterThanOrEqualTo(1000L);
  }

  @Test
  void honoursRetryAfterAsAnHttpDate() {
    ZonedDateTime at = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2).withNano(0);
    sequence(path(CONNECTORS), 1,
        status(503).withHeader("Retry-After", DateTimeFormatter.RFC_1123_DATE_TIME.format(at)), okJson(ok("[]")));

    await(client().send(req(CONNECTORS), ResultDecoder.tree()));

    List<LoggedRequest> rs = requestsInOrder();
    assertThat(rs).hasSize(2);
    assertThat(rs.get(1).getLoggedDate().getTime()).as("the retry waits for the date")
        .isGreaterThanOrEqualTo(at.toInstant().toEpochMilli() - 5);
  }

  @Test
  void aLongRetryAfterIsNotSleptThroughButStillPausesTheCredential() {
    wm.stubFor(get(anyUrl()).willReturn(status(429).withHeader("Retry-After", "120")));
    TestClient c = client();

    Throwable t = awaitFailure(c.send(req(CONNECTORS), ResultDecoder.tree()));

    assertThat(t).isInstanceOf(ApiException.Throttled.class);
    assertThat(((ApiException.Throttled) t).retryAfterMillis()).isEqualTo(120_000);
    assertThat(requestCount()).isEqualTo(1);
    assertThat(c.budget().isPaused()).isTrue();
    assertThat(c.budget().pauseRemaining()).isGreaterThan(Duration.ofSeconds(100));
  }

  @Test
  void a429PausesEveryRequestOfTheCredentialAcrossClients() {
    String other = "/accounts/{account_id}/magic/sites";
    sequence(path(CONNECTORS), 1, status(429).withHeader("Retry-After-Ms", "600"), okJson(ok("[]")));
    wm.stubFor(get(urlPathEqualTo(path(other))).willReturn(okJson(ok("[]"))));
    ClientOptions o = options();
    Credential cred = Credential.token(TOKEN);
    RequestBudget shared = RequestBudget.create(vertx, cred, o).bindTo(registry);
    TestClient accountA = TestClient.of(vertx, o, cred, shared, registry);
    TestClient accountB = TestClient.of(vertx, o, cred, shared, registry);

    Future<?> first = accountA.send(req(CONNECTORS), ResultDecoder.tree());
    awaitPaused(shared);
    Future<?> second = accountB.send(req(other), ResultDecoder.tree());
    await(first);
    await(second);

    List<LoggedRequest> rs = requestsInOrder();
    assertThat(rs).hasSize(3);
    LoggedRequest throttled = rs.get(0);
    LoggedRequest sites = rs.stream().filter(r -> r.getUrl().contains("/sites")).findFirst().orElseThrow();
    assertThat(gapMillis(throttled, sites)).as("the other client's request waited for the pause")
        .isGreaterThanOrEqualTo(600L);
    assertThat(scrape())
        .contains("cloudflare_exporter_api_throttled_responses_total{credential=\"" + cred.id() + "\"} 1")
        .contains("cloudflare_exporter_api_throttle_paused_seconds_total{credential=\"" + cred.id() + "\"} 0.6");
  }

  @Test
  void aRatelimitHeaderReportingNothingLeftPausesTheCredentialBeforeAny429() {
    wm.stubFor(get(anyUrl()).willReturn(okJson(ok("[]")).withHeader("Ratelimit", "\"default\";r=0;t=40")
        .withHeader("Ratelimit-Policy", "\"default\";q=1200;w=300")));
    TestClient c = client();

    await(c.send(req(CONNECTORS), ResultDecoder.tree()));

    assertThat(c.budget().isPaused()).isTrue();
    assertThat(c.budget().pauseRemaining()).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(40));
    assertThat(c.budget().throttledResponses()).isZero();
    Future<?> next = c.send(req(CONNECTORS), ResultDecoder.tree());
    assertThat(c.budget().waiting()).isEqualTo(1);
    assertThat(next.isComplete()).isFalse();
    assertThat(requestCount()).isEqualTo(1);
  }

  @Test
  void timesOutWhenTheServerIsSilentAndRetriesTheTimeout() {
    wm.stubFor(get(anyUrl()).willReturn(okJson(ok("[]")).withFixedDelay(1500)));
    ClientOptions o = options().withRequestTimeout(Duration.ofMillis(200))
        .withRetries(1, Duration.ofMillis(5), Duration.ofMillis(5));

    Throwable t = awaitFailure(client(o).send(req(CONNECTORS), ResultDecoder.tree()));

    assertThat(t).isInstanceOf(ApiException.Network.class);
    assertThat(((ApiException.Network) t).isTimeout()).isTrue();
    assertThat(((ApiException) t).kind()).isEqualTo("timeout");
    assertThat(requestCount()).isEqualTo(2);
    assertThat(scrape())
        .contains("reason=\"timeout\"} 1")
        .contains("status_class=\"none\"} 2")
        .contains("kind=\"timeout\"} 1");
  }

  @Test
  void aPostThatTimedOutIsNotSentAgain() {
    wm.stubFor(post(anyUrl()).willReturn(okJson(ok("{}")).withFixedDelay(1500)));
    ClientOptions o = options().withRequestTimeout(Duration.ofMillis(200));
    ApiRequest create = ApiRequest.of(HttpMethod.POST, "/accounts/{account_id}/pcaps")
        .withPath("account_id", ACCOUNT).withBody(io.vertx.core.buffer.Buffer.buffer("{}"));

    Throwable t = awaitFailure(client(o).send(create, ResultDecoder.tree()));

    assertThat(t).isInstanceOf(ApiException.Network.class);
    assertThat(requestCount()).as("it may have been applied").isEqualTo(1);
  }

  @Test
  void connectionFaultsAreRetriedThenReportedAsNetworkErrors() {
    wm.stubFor(get(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    Throwable t = awaitFailure(client().send(req(CONNECTORS), ResultDecoder.tree()));

    assertThat(t).isInstanceOf(ApiException.Network.class);
    assertThat(((ApiException.Network) t).isTimeout()).isFalse();
    assertThat(requestCount()).isEqualTo(3);
  }

  @Test
  void aBodyCutShortByTheConnectionIsANetworkError() {
    wm.stubFor(get(anyUrl()).willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));

    Throwable t = awaitFailure(client(options().withRetries(0, Duration.ZERO, Duration.ZERO))
        .send(req(CONNECTORS), ResultDecoder.tree()));

    assertThat(t).isInstanceOf(ApiException.Network.class);
  }

  @Test
  void aRefusedConnectionIsANetworkError() throws Exception {
    int closedPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    ClientOptions o = ClientOptions.defaults("http://127.0.0.1:" + closedPort + "/client/v4")
        .withRetries(1, Duration.ofMillis(1), Duration.ofMillis(1));

    Throwable t = awaitFailure(client(o).send(req(CONNECTORS), ResultDecoder.tree()));

    assertThat(t).isInstanceOf(ApiException.Network.class).hasMessageStartingWith("network error");
    assertThat(scrape()).contains("reason=\"network\"} 1");
  }

  @Test
  void neverSendsOverTheBudget() {
    wm.stubFor(get(anyUrl()).willReturn(okJson(ok("[]"))));
    ManualClock clock = new ManualClock();
    Credential cred = Credential.token(TOKEN);
    ClientOptions o = options().withBudget(3, Duration.ofSeconds(60), 0);
    RequestBudget budget = new RequestBudget(cred.id(), 3, Duration.ofSeconds(60), 0, clock).bindTo(registry);
    TestClient c = TestClient.of(vertx, o, cred, budget, registry);

    List<Future<?>> calls = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      calls.add(c.send(req(CONNECTORS), ResultDecoder.tree()));
    }
    calls.subList(0, 3).forEach(ClientTestBase::await);
    assertThat(requestCount()).isEqualTo(3);
    assertThat(calls.subList(3, 8)).noneMatch(Future::isComplete);
    assertThat(budget.waiting()).isEqualTo(5);
    assertThat(scrape()).contains("cloudflare_exporter_api_budget_waiting_requests{credential=\"" + cred.id()
        + "\",priority=\"inventory\"} 5");

    clock.advance(Duration.ofSeconds(60));
    calls.subList(3, 6).forEach(ClientTestBase::await);
    assertThat(requestCount()).isEqualTo(6);
    assertThat(calls.subList(6, 8)).noneMatch(Future::isComplete);

    clock.advance(Duration.ofSeconds(60));
    calls.forEach(ClientTestBase::await);
    assertThat(requestCount()).isEqualTo(8);
  }

  @Test
  void waitingRequestsAreSentInPriorityOrder() {
    wm.stubFor(get(anyUrl()).willReturn(okJson(ok("[]"))));
    ManualClock clock = new ManualClock();
    Credential cred = Credential.token(TOKEN);
    RequestBudget budget = new RequestBudget(cred.id(), 1, Duration.ofSeconds(1), 0, clock);
    TestClient c = TestClient.of(vertx, options(), cred, budget, registry);

    await(c.send(req("/accounts/{account_id}/magic/first"), ResultDecoder.tree()));
    List<Future<?>> calls = new ArrayList<>();
    for (Priority p : List.of(Priority.ADMIN, Priority.INVENTORY, Priority.TUNNELS, Priority.TELEMETRY)) {
      calls.add(c.send(req("/accounts/{account_id}/magic/" + p.label()).withPriority(p), ResultDecoder.tree()));
    }
    for (int i = 0; i < 4; i++) {
      int before = requestCount();
      clock.advance(Duration.ofSeconds(1));
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (requestCount() == before && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
    }
    calls.forEach(ClientTestBase::await);

    assertThat(requestsInOrder()).extracting(r -> r.getUrl().substring(r.getUrl().lastIndexOf('/') + 1))
        .containsExactly("first", "telemetry", "tunnels", "inventory", "admin");
  }

  private static long gapMillis(LoggedRequest a, LoggedRequest b) {
    return b.getLoggedDate().getTime() - a.getLoggedDate().getTime();
  }

  private static void awaitPaused(RequestBudget b) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!b.isPaused()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the budget never paused");
      }
      Thread.onSpinWait();
    }
  }
}
