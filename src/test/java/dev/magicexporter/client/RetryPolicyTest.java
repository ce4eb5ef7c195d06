package dev.magicexporter.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import java.net.ConnectException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryPolicyTest {
  private static final long NOW = Instant.parse("2025-03-01T12:00:00Z").toEpochMilli();

  private static MultiMap headers(String... kv) {
    MultiMap m = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < kv.length; i += 2) {
      m.add(kv[i], kv[i + 1]);
    }
    return m;
  }

  @ParameterizedTest(name = "HTTP {0} with x-should-retry={1} -> {2}")
  @CsvSource(nullValues = "-", value = {
      "408, -, request_timeout", "409, -, conflict", "429, -, throttled", "500, -, server", "503, -, server",
      "599, -, server", "400, -, -", "401, -, -", "403, -, -", "404, -, -", "422, -, -", "200, -, -",
      "503, false, -", "429, false, -", "400, true, should_retry", "404, true, should_retry", "503, true, server"})
  void retriesLikeTheSdks(int status, String shouldRetry, String reason) {
    MultiMap h = shouldRetry == null ? headers() : headers("X-Should-Retry", shouldRetry);
    assertThat(RetryPolicy.retryReason(status, h)).isEqualTo(reason);
  }

  @Test
  void resendsAfterNoAnswerOnlyWhenThatIsSafe() {
    TimeoutException timeout = new TimeoutException("slow");
    ConnectException refused = new ConnectException("refused");
    java.io.IOException reset = new java.io.IOException("Connection reset");
    assertThat(RetryPolicy.retryReason(HttpMethod.GET, timeout)).isEqualTo("timeout");
    assertThat(RetryPolicy.retryReason(HttpMethod.DELETE, reset)).isEqualTo("network");
    assertThat(RetryPolicy.retryReason(HttpMethod.PUT, timeout)).isEqualTo("timeout");
    assertThat(RetryPolicy.retryReason(HttpMethod.POST, timeout)).as("may have been applied").isNull();
    assertThat(RetryPolicy.retryReason(HttpMethod.PATCH, reset)).isNull();
    assertThat(RetryPolicy.retryReason(HttpMethod.POST, refused)).as("never reached the server").isEqualTo("network");
  }

  @ParameterizedTest(name = "{0}={1} / {2}={3} -> {4} ms")
  @CsvSource(nullValues = "-", value = {
      "Retry-After-Ms, 250, -, -, 250",
      "Retry-After-Ms, 12.2, -, -, 13",
      "Retry-After-Ms, 100, Retry-After, 30, 100",
      "Retry-After-Ms, soon, Retry-After, 3, 3000",
      "Retry-After-Ms, -5, Retry-After, 2, 2000",
      "Retry-After, 2, -, -, 2000",
      "Retry-After, 1.5, -, -, 1500",
      "Retry-After, 0, -, -, 0",
      "Retry-After, -1, -, -, -1",
      "Retry-After, later, -, -, -1",
      "Retry-After, '', -, -, -1",
      "X-Other, 5, -, -, -1"})
  void readsTheServersWish(String h1, String v1, String h2, String v2, long expected) {
    MultiMap h = h2 == null ? headers(h1, v1) : headers(h1, v1, h2, v2);
    assertThat(RetryPolicy.retryAfterMillis(h, NOW)).isEqualTo(expected);
  }

  @Test
  void readsRetryAfterAsAnHttpDate() {
    String in90s = DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.ofEpochMilli(NOW + 90_000).atZone(ZoneOffset.UTC));
    String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.ofEpochMilli(NOW - 5_000).atZone(ZoneOffset.UTC));
    assertThat(RetryPolicy.retryAfterMillis(headers("Retry-After", in90s), NOW)).isEqualTo(90_000);
    assertThat(RetryPolicy.retryAfterMillis(headers("Retry-After", "Sat, 01 Mar 2025 12:00:07 GMT"), NOW)).isEqualTo(7_000);
    assertThat(RetryPolicy.retryAfterMillis(headers("Retry-After", past), NOW)).isZero();
  }

  @ParameterizedTest(name = "{0}: {1} -> {2} ms")
  @CsvSource(delimiter = '|', value = {
      "Ratelimit | \"default\";r=0;t=30 | 30000",
      "Ratelimit | \"default\";r=12;t=30 | -1",
      "Ratelimit | limit=100, remaining=0, reset=7 | 7000",
      "Ratelimit | \"default\";r=0 | -1",
      "Ratelimit | \"default\";r=0;t=0 | -1",
      "X-Other | r=0;t=30 | -1"})
  void readsAnExhaustedWindowFromRatelimit(String name, String value, long expected) {
    assertThat(RetryPolicy.exhaustedForMillis(headers(name, value))).isEqualTo(expected);
  }

  @Test
  void readsAnExhaustedWindowFromTheOlderHeaders() {
    assertThat(RetryPolicy.exhaustedForMillis(headers("x-ratelimit-remaining", "0", "x-ratelimit-reset", "12")))
        .isEqualTo(12_000);
    assertThat(RetryPolicy.exhaustedForMillis(headers("x-ratelimit-remaining", "3", "x-ratelimit-reset", "12")))
        .isEqualTo(-1);
    assertThat(RetryPolicy.exhaustedForMillis(headers("x-ratelimit-remaining", "0"))).isEqualTo(-1);
  }

  @Test
  void backsOffExponentiallyUpToTheMaximumWithUpTo25PercentJitter() {
    RetryPolicy noJitter = new RetryPolicy(5, 500, 8000, () -> 0.0);
    RetryPolicy fullJitter = new RetryPolicy(5, 500, 8000, () -> 1.0);
    assertThat(new long[] {noJitter.backoffMillis(0), noJitter.backoffMillis(1), noJitter.backoffMillis(2),
        noJitter.backoffMillis(4), noJitter.backoffMillis(10), noJitter.backoffMillis(1000)})
        .containsExactly(500, 1000, 2000, 8000, 8000, 8000);
    assertThat(new long[] {fullJitter.backoffMillis(0), fullJitter.backoffMillis(3), fullJitter.backoffMillis(9)})
        .containsExactly(375, 3000, 6000);
  }

  @Test
  void takesTheServersWishWhenUnderAMinuteElseItsOwnBackoff() {
    RetryPolicy p = new RetryPolicy(2, 500, 8000, () -> 0.0);
    assertThat(p.delayMillis(0, 1200)).isEqualTo(1200);
    assertThat(p.delayMillis(0, 0)).isZero();
    assertThat(p.delayMillis(1, 60_000)).isEqualTo(60_000);
    assertThat(p.delayMillis(1, 60_001)).isEqualTo(1000);
    assertThat(p.delayMillis(2, -1)).isEqualTo(2000);
  }
}
