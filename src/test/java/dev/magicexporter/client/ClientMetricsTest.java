package dev.magicexporter.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The client's self-metric families, as Prometheus sees them. */
class ClientMetricsTest extends ClientTestBase {
  static final String SITES = "/accounts/{account_id}/magic/sites";

  private String exerciseAndScrape() {
    wm.stubFor(get(urlPathEqualTo(path(CONNECTORS))).willReturn(okJson(ok("[]"))));
    wm.stubFor(get(urlPathEqualTo(path(SITES))).inScenario("s").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After-Ms", "20")).willSetStateTo("busy"));
    wm.stubFor(get(urlPathEqualTo(path(SITES))).inScenario("s").whenScenarioStateIs("busy")
        .willReturn(aResponse().withStatus(503)).willSetStateTo("ok"));
    wm.stubFor(get(urlPathEqualTo(path(SITES))).inScenario("s").whenScenarioStateIs("ok")
        .willReturn(aResponse().withStatus(404)));
    TestClient c = client();
    await(c.send(req(CONNECTORS), ResultDecoder.tree()));
    awaitFailure(c.send(req(SITES), ResultDecoder.tree()));
    return scrape();
  }

  @Test
  void countsRequestsRetriesThrottlingAndErrorsByTemplate() {
    String text = exerciseAndScrape();
    String id = Credential.token(TOKEN).id();

    assertThat(text)
        .contains("cloudflare_exporter_api_requests_total{endpoint=\"" + CONNECTORS + "\",method=\"GET\",status_class=\"2xx\"} 1")
        .contains("cloudflare_exporter_api_requests_total{endpoint=\"" + SITES + "\",method=\"GET\",status_class=\"4xx\"} 2")
        .contains("cloudflare_exporter_api_requests_total{endpoint=\"" + SITES + "\",method=\"GET\",status_class=\"5xx\"} 1")
        .contains("cloudflare_exporter_api_retries_total{endpoint=\"" + SITES + "\",reason=\"throttled\"} 1")
        .contains("cloudflare_exporter_api_retries_total{endpoint=\"" + SITES + "\",reason=\"server\"} 1")
        .contains("cloudflare_exporter_api_errors_total{endpoint=\"" + SITES + "\",kind=\"not_found\"} 1")
        .contains("# TYPE cloudflare_exporter_api_request_duration_seconds histogram")
        .contains("cloudflare_exporter_api_request_duration_seconds_bucket{endpoint=\"" + SITES + "\",method=\"GET\",le=\"0.05\"}")
        .contains("cloudflare_exporter_api_request_duration_seconds_count{endpoint=\"" + SITES + "\",method=\"GET\"} 3")
        .contains("cloudflare_exporter_api_throttled_responses_total{credential=\"" + id + "\"} 1")
        .contains("cloudflare_exporter_api_throttle_paused_seconds_total{credential=\"" + id + "\"} 0.02")
        // The 429 halved the allowance (someone else spends the limit): 600 of 1,200, 4 of them spent.
        .contains("cloudflare_exporter_api_budget_allowed_requests{credential=\"" + id + "\"} 600")
        .contains("cloudflare_exporter_api_budget_remaining_requests{credential=\"" + id + "\"} 596")
        .doesNotContain(ACCOUNT);
  }

  @Test
  void passesPromtoolCheckMetrics() throws Exception {
    File promtool = new File("/usr/bin/promtool");
    assumeTrue(promtool.canExecute(), "promtool is not installed");
    String text = exerciseAndScrape();

    Process p = new ProcessBuilder(promtool.getPath(), "check", "metrics").redirectErrorStream(true).start();
    p.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();

    assertThat(out).as("promtool says").isEmpty();
    assertThat(p.exitValue()).isZero();
  }
}
