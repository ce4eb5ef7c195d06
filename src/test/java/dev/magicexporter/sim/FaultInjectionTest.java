package dev.magicexporter.sim;

import static dev.magicexporter.sim.SimHttp.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Faults on demand: rate limit, 5xx share, malformed share, latency; all counted in SimStats. */
class FaultInjectionTest {
  private static final String LIST = "/accounts/" + ACCOUNT + "/magic/connectors";

  @Test
  void overTheRateLimitEveryRequestGets429UntilTheWindowEnds() throws Exception {
    try (SimHttp sim = new SimHttp(SimOptions.defaults().withRateLimit(5, Duration.ofSeconds(300)))) {
      sim.clock.set(SimHttp.T0 + 60); // T0 starts a 300 s window; 240 s of it are left
      for (int i = 0; i < 5; i++) {
        SimHttp.Reply r = sim.get(LIST);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().firstValue("Ratelimit")).hasValue("\"default\";r=" + (4 - i) + ";t=240");
        assertThat(r.headers().firstValue("Ratelimit-Policy")).hasValue("\"default\";q=5;w=300");
      }
      for (int i = 0; i < 3; i++) {
        SimHttp.Reply r = sim.get(LIST);
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.retryAfter()).isEqualTo("240");
        JsonNode err = r.json().get("errors").get(0);
        assertThat(err.get("code").asInt()).isEqualTo(971);
        assertThat(err.get("message").asText()).contains("throttling");
      }
      sim.clock.advance(239.5);
      assertThat(sim.get(LIST).retryAfter()).isEqualTo("1");
      sim.clock.advance(0.5);
      assertThat(sim.get(LIST).status()).as("a new window").isEqualTo(200);
      assertThat(sim.sim.stats().faults(FaultKind.RATE_LIMITED)).isEqualTo(4);
      assertThat(sim.sim.stats().responses(429)).isEqualTo(4);
      assertThat(sim.sim.stats().requests()).isEqualTo(10);
    }
  }

  @Test
  void aShareOfRequestsGetsA5xxJsonOrHtml() throws Exception {
    try (SimHttp sim = new SimHttp(SimOptions.defaults().withServerErrorRate(0.2))) {
      int errors = 0;
      boolean sawHtml = false;
      boolean sawJson = false;
      for (int i = 0; i < 150; i++) {
        SimHttp.Reply r = sim.get(sim.connectorPath(0, ""));
        if (r.status() >= 500) {
          errors++;
          assertThat(r.status()).isIn(500, 502, 503, 504);
          if (r.contentType().startsWith("text/html")) {
            sawHtml = true;
            assertThat(r.body()).contains("<html");
          } else {
            sawJson = true;
            assertThat(r.json().get("success").asBoolean()).isFalse();
          }
        } else {
          assertThat(r.status()).isEqualTo(200);
        }
      }
      assertThat(errors).isBetween(15, 45);
      assertThat(sawHtml).isTrue();
      assertThat(sawJson).isTrue();
      assertThat(sim.sim.stats().faults(FaultKind.SERVER_ERROR)).isEqualTo(errors);
      assertThat(sim.sim.stats().requests("GET /accounts/{account_id}/magic/connectors/{connector_id}"))
          .isEqualTo(150 - errors);
    }
  }

  @Test
  void aShareOfAnswersIsMalformedInThreeWays() throws Exception {
    try (SimHttp sim = new SimHttp(SimOptions.defaults().withMalformedRate(0.3))) {
      int truncated = 0;
      int html = 0;
      int shape = 0;
      for (int i = 0; i < 120; i++) {
        SimHttp.Reply r = sim.get(sim.connectorPath(1, ""));
        assertThat(r.status()).isEqualTo(200);
        if (r.contentType().startsWith("text/html")) {
          html++;
          continue;
        }
        JsonNode body;
        try {
          body = SimHttp.JSON.readTree(r.body());
        } catch (IOException e) {
          truncated++;
          continue;
        }
        if (!body.get("result").isObject()) {
          shape++;
        } else {
          assertThat(body.get("result").get("id").asText()).isEqualTo(sim.connectorId(1));
        }
      }
      assertThat(truncated).isPositive();
      assertThat(html).isPositive();
      assertThat(shape).isPositive();
      assertThat(truncated + html + shape).isBetween(20, 52);
      SimStats stats = sim.sim.stats();
      assertThat(stats.faults(FaultKind.MALFORMED_TRUNCATED)).isEqualTo(truncated);
      assertThat(stats.faults(FaultKind.MALFORMED_HTML)).isEqualTo(html);
      assertThat(stats.faults(FaultKind.MALFORMED_SHAPE)).isEqualTo(shape);
      assertThat(stats.malformed()).isEqualTo(truncated + html + shape);
    }
  }

  @Test
  void errorAnswersAreNeverCorrupted() throws Exception {
    try (SimHttp sim = new SimHttp(SimOptions.defaults().withMalformedRate(1.0))) {
      SimHttp.Reply r = sim.get(sim.connectorPath(0, "/telemetry/events"));
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.json().get("success").asBoolean()).isFalse();
    }
  }

  @Test
  void theSameSeedMeetsTheSameFaultsInTheSameOrder() throws Exception {
    SimOptions o = SimOptions.defaults().withServerErrorRate(0.1).withMalformedRate(0.1).withSeed(9);
    List<String> first = new ArrayList<>();
    List<String> second = new ArrayList<>();
    try (SimHttp a = new SimHttp(o); SimHttp b = new SimHttp(o)) {
      for (int i = 0; i < 60; i++) {
        SimHttp.Reply ra = a.get(LIST);
        SimHttp.Reply rb = b.get(LIST);
        first.add(ra.status() + " " + ra.body().hashCode());
        second.add(rb.status() + " " + rb.body().hashCode());
      }
    }
    assertThat(first).isEqualTo(second);
  }

  @Test
  void latencyIsAddedToEveryAnswer() throws Exception {
    try (SimHttp sim = new SimHttp(SimOptions.defaults().withLatency(Duration.ofMillis(150)))) {
      long start = System.nanoTime();
      assertThat(sim.get(LIST).status()).isEqualTo(200);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }
  }
}
