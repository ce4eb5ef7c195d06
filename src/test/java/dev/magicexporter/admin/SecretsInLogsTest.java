package dev.magicexporter.admin;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.magicexporter.client.ClientOptions;
import dev.magicexporter.app.ClientStack;
import dev.magicexporter.client.TestClients;
import dev.magicexporter.client.Credential;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With every logger at its most verbose, a session of admin calls carrying every kind of secret
 * (in requests, answers, auth headers, refused bodies, upstream failures) leaves none of the
 * secret values in the log, and none in an error answer the admin API makes itself.
 */
class SecretsInLogsTest {
  static final String CF_TOKEN = "cf-token-Zq7yW2pL9xK4";
  static final String PSK = "psk-O3bwKSjnaoCxDoUxjcq4Rk8Z";
  static final String GENERATED_PSK = "psk-generated-M4k9Qa2Lw8";
  static final String MD5 = "md5-s3cr3t-T9b2";
  static final String LICENSE = "LK-9c1e-77ab-license";
  static final String BUCKET = "s3://secret-bucket-k2j4?region=us-east-1";
  static final String CHALLENGE = "ownership-challenge-5f3e9d7c.txt";
  static final List<String> SECRETS = List.of(CF_TOKEN, PSK, GENERATED_PSK, MD5, LICENSE, BUCKET, CHALLENGE,
      AdminHarness.WRITE_TOKEN, AdminHarness.READ_TOKEN, "wrong-token-Hh3k");

  @Test
  void noSecretValueAppearsInAnyLogLineOrOwnErrorAnswer() {
    WireMockServer wm = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    wm.start();
    wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
        .withBody("{\"result\":{},\"success\":true,\"errors\":[],\"messages\":[]}")));
    wm.stubFor(post(urlPathMatching(".*/psk_generate")).willReturn(aResponse().withStatus(200)
        .withBody("{\"result\":{\"ipsec_tunnel_id\":\"i1\",\"psk\":\"" + GENERATED_PSK + "\"},\"success\":true,"
            + "\"errors\":[],\"messages\":[]}")));
    wm.stubFor(post(urlPathMatching(".*/magic/connectors")).willReturn(aResponse().withStatus(200)
        .withBody("{\"result\":{\"id\":\"c9\",\"license_key\":\"" + LICENSE + "\"},\"success\":true,"
            + "\"errors\":[],\"messages\":[]}")));
    // Cloudflare refusing a value and echoing it: passed through to the caller, never logged.
    wm.stubFor(post(urlPathMatching(".*/pcaps/ownership")).willReturn(aResponse().withStatus(400)
        .withBody("{\"result\":null,\"success\":false,\"errors\":[{\"code\":1001,\"message\":\"bad bucket "
            + BUCKET + "\"}],\"messages\":[]}")));
    wm.stubFor(any(urlPathMatching(".*/pcaps/ownership/validate")).willReturn(aResponse().withStatus(503)
        .withBody("{\"success\":false,\"errors\":[{\"code\":1,\"message\":\"challenge " + CHALLENGE + "\"}]}")));
    Vertx vertx = Vertx.vertx();
    ClientStack client = TestClients.stack(vertx, new ClientOptions("http://127.0.0.1:" + wm.port()
        + "/client/v4", Duration.ofSeconds(10), 1, Duration.ofMillis(5), Duration.ofMillis(10), 1200,
        Duration.ofSeconds(300), 0.1, 100), Credential.token(CF_TOKEN));
    List<String> ownAnswers = new ArrayList<>();
    try (LogCapture logs = LogCapture.everything();
        AdminHarness h = new AdminHarness(AdminHarness.defaultOptions(), DaemonStatus.empty(),
            new SimpleMeterRegistry(), ClientUpstream.forAccounts(Map.of(Samples.ACCOUNT, client.passThrough())))) {
      String a = "/accounts/" + Samples.ACCOUNT;
      String ipsec = "{\"cloudflare_endpoint\":\"203.0.113.1\",\"interface_address\":\"10.0.0.0/31\",\"name\":\"t1\","
          + "\"psk\":\"" + PSK + "\",\"bgp\":{\"customer_asn\":64512,\"md5_key\":\"" + MD5 + "\"}}";
      assertThat(h.write(HttpMethod.POST, a + "/magic/ipsec_tunnels", ipsec).status()).isEqualTo(200);
      // Refused bodies: the secret sits next to a broken field, or is itself broken.
      ownAnswers.add(h.write(HttpMethod.POST, a + "/magic/ipsec_tunnels", ipsec.replace("/31", "/30")).text());
      ownAnswers.add(h.write(HttpMethod.POST, a + "/magic/gre_tunnels", "{\"name\":\"x\",\"bgp\":{\"customer_asn\":1,"
          + "\"md5_key\":\"" + MD5 + "?\"}}").text());
      ownAnswers.add(h.write(HttpMethod.POST, a + "/pcaps/ownership/validate", "{\"destination_conf\":\"" + BUCKET
          + "\",\"ownership_challenge\":1}").text());
      ownAnswers.add(h.write(HttpMethod.POST, a + "/pcaps", "{\"type\":\"full\",\"system\":\"magic-transit\","
          + "\"time_limit\":1,\"colo_name\":\"ord02\",\"destination_conf\":\"" + BUCKET.replace("s3://", "")
          + "\"}").text());
      ownAnswers.add(h.write(HttpMethod.POST, a + "/magic/ipsec_tunnels", "{\"psk\":\"" + PSK).text());
      ownAnswers.add(h.call(HttpMethod.GET, AdminApi.BASE + a + "/pcaps", "wrong-token-Hh3k", null).text());
      ownAnswers.add(h.write(HttpMethod.GET, a + "/connectivity/directory/services?per_page=" + PSK, null).text());
      ownAnswers.add(h.write(HttpMethod.DELETE, a + "/magic/gre_tunnels/g1?validate_only=" + MD5, null).text());
      ownAnswers.add(AdminHarness.await(h.send(HttpMethod.GET, AdminApi.BASE + a + "/magic/gre_tunnels",
          Map.of("Authorization", "Bearer " + AdminHarness.WRITE_TOKEN, "x-magic-new-hc-target", PSK), null)).text());
      // Secrets in answers and in upstream failures.
      assertThat(h.write(HttpMethod.POST, a + "/magic/ipsec_tunnels/i1/psk_generate", "{}").text())
          .contains(GENERATED_PSK);
      assertThat(h.write(HttpMethod.POST, a + "/magic/connectors", "{\"device\":{\"provision_license\":true}}").text())
          .contains(LICENSE);
      assertThat(h.write(HttpMethod.POST, a + "/pcaps/ownership", "{\"destination_conf\":\"" + BUCKET + "\"}")
          .status()).isEqualTo(400);
      assertThat(h.write(HttpMethod.POST, a + "/pcaps/ownership/validate", "{\"destination_conf\":\"" + BUCKET
          + "\",\"ownership_challenge\":\"" + CHALLENGE + "\"}").status()).isEqualTo(503);
      h.get(a + "/magic/ipsec_tunnels");
      assertThat(h.call(HttpMethod.GET, "/status", AdminHarness.READ_TOKEN, null).status()).isEqualTo(200);

      // WireMock (Jetty) plays Cloudflare: it must see the secrets, and logs them at debug.
      String logged = logs.text(List.of("org.eclipse.jetty", "com.github.tomakehurst", "wiremock", "org.apache.hc"));
      assertThat(logs.events()).as("the session was logged at all").isNotEmpty();
      assertThat(logged).contains("audit").contains("token=ops-team");
      for (String secret : SECRETS) {
        assertThat(logged).as("log lines").doesNotContain(secret);
        for (String answer : ownAnswers) {
          assertThat(answer).as("own error answer").doesNotContain(secret);
        }
      }
      assertThat(String.join("\n", ownAnswers)).contains("\"success\":false");
    } finally {
      AdminHarness.await(client.close());
      AdminHarness.await(vertx.close());
      wm.stop();
    }
  }
}
