package dev.magicexporter.admin;

import static dev.magicexporter.admin.AdminHarness.READ_TOKEN;
import static dev.magicexporter.admin.AdminHarness.WRITE_TOKEN;
import static dev.magicexporter.admin.AdminHarness.acct;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.magicexporter.client.ApiException;
import dev.magicexporter.client.ApiRequest;
import dev.magicexporter.client.Priority;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin pipeline end to end over HTTP, with a recording upstream. */
class AdminApiTest {
  private static final String GRE = "/magic/gre_tunnels";
  private static final String VALID_GRE = "{\"cloudflare_gre_endpoint\":\"203.0.113.1\",\"customer_gre_endpoint\":"
      + "\"198.51.100.7\",\"interface_address\":\"10.0.0.0/31\",\"name\":\"GRE_1\"}";

  private AdminHarness h;

  @BeforeEach
  void start() {
    h = new AdminHarness();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private static JsonObject firstError(AdminHarness.Resp r) {
    JsonObject env = r.json();
    assertThat(env.getBoolean("success")).isFalse();
    assertThat(env.containsKey("result")).isTrue();
    return env.getJsonArray("errors").getJsonObject(0);
  }

  // ---- authentication and scope ----

  @Test
  void withoutAValidTokenEverythingIs401InTheCloudflareEnvelope() {
    for (String token : new String[] {null, "wrong", WRITE_TOKEN + "x", ""}) {
      AdminHarness.Resp r = h.call(HttpMethod.GET, AdminApi.BASE + acct(GRE), token, null);
      assertThat(r.status()).as("token %s", token).isEqualTo(401);
      assertThat(firstError(r).getInteger("code")).isEqualTo(10000);
      assertThat(r.headers().get("WWW-Authenticate")).startsWith("Bearer");
    }
    assertThat(h.call(HttpMethod.GET, "/status", null, null).status()).isEqualTo(401);
    assertThat(h.call(HttpMethod.GET, "/status.html", null, null).headers().get("WWW-Authenticate"))
        .startsWith("Basic");
    assertThat(h.call(HttpMethod.GET, "/elsewhere", null, null).status()).isEqualTo(401);
    assertThat(h.upstream.requests).isEmpty();
  }

  @Test
  void aReadTokenReadsButAnyWriteIs403() {
    assertThat(h.call(HttpMethod.GET, AdminApi.BASE + acct(GRE), READ_TOKEN, null).status()).isEqualTo(200);
    AdminHarness.Resp r = h.call(HttpMethod.POST, AdminApi.BASE + acct(GRE), READ_TOKEN, VALID_GRE);
    assertThat(r.status()).isEqualTo(403);
    assertThat(firstError(r).getString("message")).contains("only read");
    assertThat(h.call(HttpMethod.DELETE, AdminApi.BASE + acct(GRE + "/g1"), READ_TOKEN, null).status()).isEqualTo(403);
    assertThat(h.upstream.requests).hasSize(1);
    assertThat(h.call(HttpMethod.POST, AdminApi.BASE + acct(GRE), WRITE_TOKEN, VALID_GRE).status()).isEqualTo(200);
    assertThat(h.upstream.requests).hasSize(2);
  }

  @Test
  void theTokenMayComeAsTheBasicAuthPasswordForBrowsers() {
    String basic = "Basic " + Base64.getEncoder().encodeToString(("me:" + READ_TOKEN).getBytes(StandardCharsets.UTF_8));
    AdminHarness.Resp r = AdminHarness.await(h.send(HttpMethod.GET, "/status", Map.of("Authorization", basic), null));
    assertThat(r.status()).isEqualTo(200);
  }

  // ---- routing ----

  @Test
  void unknownRoutesAre404AndKnownPathsWithAnotherMethodAre405() {
    AdminHarness.Resp r = h.get(acct("/magic/nothing"));
    assertThat(r.status()).isEqualTo(404);
    assertThat(firstError(r).getInteger("code")).isEqualTo(7003);
    assertThat(h.get("/zones").status()).isEqualTo(404);
    assertThat(h.call(HttpMethod.GET, "/client/v5" + acct(GRE), WRITE_TOKEN, null).status()).isEqualTo(404);
    AdminHarness.Resp m = h.write(HttpMethod.PATCH, acct(GRE + "/g1"), "{}");
    assertThat(m.status()).isEqualTo(405);
    assertThat(m.headers().get("Allow")).contains("GET").contains("PUT").contains("DELETE");
    assertThat(h.upstream.requests).isEmpty();
  }

  @Test
  void anAccountThatIsNotConfiguredIs404AndAnOverlongOneIs400() {
    AdminHarness.Resp r = h.get("/accounts/0000000000000000000000000000ffff" + GRE);
    assertThat(r.status()).isEqualTo(404);
    assertThat(firstError(r).getString("message")).contains("account");
    AdminHarness.Resp longId = h.get("/accounts/" + "a".repeat(33) + GRE);
    assertThat(longId.status()).isEqualTo(400);
    assertThat(firstError(longId).getJsonObject("source").getString("parameter")).isEqualTo("account_id");
    assertThat(h.upstream.requests).isEmpty();
  }

  @Test
  void pathValuesAreChecked() {
    String events = acct("/magic/connectors/c1/telemetry/events/");
    assertThat(h.get(events + "17000.x").status()).isEqualTo(400);
    assertThat(h.get(events + "1700000000.3").status()).isEqualTo(200);
    AdminHarness.Resp svc = h.get(acct("/connectivity/directory/services/not-a-uuid"));
    assertThat(svc.status()).isEqualTo(400);
    assertThat(firstError(svc).getJsonObject("source").getString("parameter")).isEqualTo("service_id");
    AdminHarness.Resp badEscape = AdminHarness.await(h.sendRaw(HttpMethod.GET, AdminApi.BASE + acct("/magic/sites/%ZZ"),
        Map.of("Authorization", "Bearer " + WRITE_TOKEN), null));
    assertThat(badEscape.status()).isEqualTo(400);
    assertThat(firstError(badEscape).getString("message")).contains("not properly encoded");
    assertThat(h.get(acct("/magic/sites/a%20b")).status()).as("a space in an id").isEqualTo(400);
    assertThat(h.upstream.requests).hasSize(1);
  }

  // ---- validation: a bad request never reaches upstream ----

  @Test
  void aBadBodyIs400WithThePointerAndNothingGoesUpstream() {
    AdminHarness.Resp r = h.write(HttpMethod.POST, acct(GRE), "{\"cloudflare_gre_endpoint\":\"203.0.113.1\","
        + "\"customer_gre_endpoint\":\"203.0.113.2\",\"interface_address\":\"10.0.0.0/31\","
        + "\"name\":\"way too long a name\"}");
    assertThat(r.status()).isEqualTo(400);
    JsonObject e = firstError(r);
    assertThat(e.getJsonObject("source").getString("pointer")).isEqualTo("/name");
    assertThat(e.getString("message")).contains("15 characters");
    assertThat(h.upstream.requests).isEmpty();
  }

  @Test
  void malformedDuplicatedOrMissingBodiesAre400() {
    AdminHarness.Resp bad = h.write(HttpMethod.POST, acct(GRE), "{\"name\":");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(firstError(bad).getInteger("code")).isEqualTo(6007);
    // A duplicate key could hide a value from the validator that Cloudflare would read.
    String dup = VALID_GRE.replace("}", ",\"name\":\"GRE 2 with spaces\"}");
    assertThat(h.write(HttpMethod.POST, acct(GRE), dup).status()).isEqualTo(400);
    assertThat(h.write(HttpMethod.POST, acct(GRE), VALID_GRE + " {}").status()).isEqualTo(400);
    assertThat(h.write(HttpMethod.POST, acct(GRE), null).status()).isEqualTo(400);
    assertThat(h.write(HttpMethod.POST, acct(GRE), "[]").status()).isEqualTo(400);
    assertThat(h.call(HttpMethod.GET, AdminApi.BASE + acct(GRE), WRITE_TOKEN, "{}").status())
        .as("a GET takes no body").isEqualTo(400);
    assertThat(h.write(HttpMethod.DELETE, acct(GRE + "/g1"), "{}").status()).isEqualTo(400);
    assertThat(h.upstream.requests).isEmpty();
  }

  @Test
  void anOversizedBodyIs413() {
    String big = "{\"name\":\"" + "x".repeat(2 << 20) + "\"}";
    AdminHarness.Resp r = h.write(HttpMethod.POST, acct("/magic/sites"), big);
    assertThat(r.status()).isEqualTo(413);
    assertThat(h.upstream.requests).isEmpty();
  }

  @Test
  void queryParametersAreCheckedAgainstTheRoute() {
    String svc = acct("/connectivity/directory/services");
    assertThat(h.get(svc + "?per_page=0").status()).isEqualTo(400);
    assertThat(h.get(svc + "?per_page=1001").status()).isEqualTo(400);
    assertThat(h.get(svc + "?per_page=2.5").status()).isEqualTo(400);
    assertThat(h.get(svc + "?page=1&page=2").status()).isEqualTo(400);
    AdminHarness.Resp unknown = h.get(svc + "?sort=name");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(firstError(unknown).getJsonObject("source").getString("parameter")).isEqualTo("sort");
    assertThat(h.get(acct(GRE) + "?validate_only=true").status()).as("not a GET parameter").isEqualTo(400);
    AdminHarness.Resp noRange = h.get(acct("/magic/connectors/c1/telemetry/events"));
    assertThat(noRange.status()).isEqualTo(400);
    assertThat(noRange.json().getJsonArray("errors")).hasSize(2);
    assertThat(h.upstream.requests).isEmpty();

    assertThat(h.get(svc + "?per_page=1000&page=3&type=tcp").status()).isEqualTo(200);
    ApiRequest sent = h.upstream.requests.get(0);
    assertThat(sent.pathAndQuery()).isEqualTo(svc + "?per_page=1000&page=3&type=tcp");
  }

  @Test
  void theHealthCheckTargetHeaderIsValidatedAndDecidesTheTargetForm() {
    String body = VALID_GRE.replace("}", ",\"health_check\":{\"target\":{\"saved\":\"203.0.113.9\"}}}");
    assertThat(h.write(HttpMethod.POST, acct(GRE), body).status()).isEqualTo(400);
    AdminHarness.Resp ok = AdminHarness.await(h.send(HttpMethod.POST, AdminApi.BASE + acct(GRE),
        Map.of("Authorization", "Bearer " + WRITE_TOKEN, "x-magic-new-hc-target", "true"), body));
    assertThat(ok.status()).isEqualTo(200);
    assertThat(h.upstream.requests.get(0).headers()).containsEntry("x-magic-new-hc-target", "true");
    AdminHarness.Resp bad = AdminHarness.await(h.send(HttpMethod.GET, AdminApi.BASE + acct(GRE),
        Map.of("Authorization", "Bearer " + WRITE_TOKEN, "x-magic-new-hc-target", "yes"), null));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(firstError(bad).getJsonObject("source").getString("header")).isEqualTo("x-magic-new-hc-target");
  }

  // ---- forwarding ----

  @Test
  void onlyValidatedPartsGoUpstreamAtAdminPriority() {
    AdminHarness.Resp r = AdminHarness.await(h.send(HttpMethod.POST, AdminApi.BASE + acct(GRE) + "?validate_only=true",
        Map.of("Authorization", "Bearer " + WRITE_TOKEN, "X-Auth-Key", "caller-key", "X-Auth-Email", "a@b.c",
            "Cookie", "session=1", "X-Forwarded-For", "1.2.3.4"), VALID_GRE));
    assertThat(r.status()).isEqualTo(200);
    ApiRequest sent = h.upstream.requests.get(0);
    assertThat(sent.method()).isEqualTo(HttpMethod.POST);
    assertThat(sent.template()).isEqualTo("/accounts/{account_id}/magic/gre_tunnels");
    assertThat(sent.pathAndQuery()).isEqualTo(acct(GRE) + "?validate_only=true");
    assertThat(sent.headers()).isEmpty();
    assertThat(sent.body().toString()).isEqualTo(VALID_GRE);
    assertThat(sent.priority()).isEqualTo(Priority.ADMIN);
    // Upstream cookies are not passed back; the body and throttling hints are.
    assertThat(r.headers().get("Set-Cookie")).isNull();
    assertThat(r.headers().get("Ratelimit")).isNotNull();
  }

  @Test
  void upstreamErrorsArePassedThroughAndFailuresBecome502Or504() {
    h.upstream.always(FakeUpstream.json(409, "{\"success\":false,\"errors\":[{\"code\":1002,\"message\":\"dup\"}]}"));
    AdminHarness.Resp conflict = h.write(HttpMethod.POST, acct(GRE), VALID_GRE);
    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.json().getJsonArray("errors").getJsonObject(0).getInteger("code")).isEqualTo(1002);

    h.upstream.answer(req -> Future.failedFuture(new ApiException.Network("refused", false, null)));
    assertThat(h.write(HttpMethod.POST, acct(GRE), VALID_GRE).status()).isEqualTo(502);
    h.upstream.answer(req -> Future.failedFuture(new ApiException.Network("slow", true, null)));
    assertThat(h.get(acct(GRE)).status()).isEqualTo(504);
    h.upstream.answer(req -> Future.failedFuture(new ApiException.Throttled(java.util.List.of(), 2500)));
    AdminHarness.Resp throttled = h.get(acct("/magic/routes"));
    assertThat(throttled.status()).isEqualTo(429);
    assertThat(throttled.headers().get("Retry-After")).isEqualTo("3");
  }

  @Test
  void thePcapDownloadIsStreamedWithItsHeaders() {
    h.upstream.always(new Upstream.Response(200, io.vertx.core.MultiMap.caseInsensitiveMultiMap()
        .add("Content-Type", "application/vnd.tcpdump.pcap").add("Content-Disposition", "attachment; filename=x.pcap"),
        io.vertx.core.buffer.Buffer.buffer(new byte[] {(byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1, 2, 0})));
    AdminHarness.Resp r = h.get(acct("/pcaps/p1/download"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.headers().get("Content-Type")).isEqualTo("application/vnd.tcpdump.pcap");
    assertThat(r.headers().get("Content-Disposition")).contains("x.pcap");
    assertThat(r.body().getBytes()).containsExactly(0xd4, 0xc3, 0xb2, 0xa1, 2, 0);
    h.upstream.answer(req -> Future.failedFuture(new ApiException.Network("refused", false, null)));
    assertThat(h.get(acct("/pcaps/p1/download")).status()).isEqualTo(502);
  }

  // ---- audit ----

  @Test
  void everyWriteIsAuditedByTokenNameWithoutTheTokenOrBody() {
    try (LogCapture audit = new LogCapture("audit", Level.INFO)) {
      assertThat(h.write(HttpMethod.POST, acct(GRE), VALID_GRE).status()).isEqualTo(200);
      assertThat(h.call(HttpMethod.DELETE, AdminApi.BASE + acct(GRE + "/g1"), READ_TOKEN, null).status())
          .isEqualTo(403);
      assertThat(h.write(HttpMethod.PUT, acct(GRE + "/g1"), "{}").status()).isEqualTo(400);
      h.get(acct(GRE));
      java.util.List<String> lines = audit.messages();
      assertThat(lines).hasSize(3);
      assertThat(lines.get(0)).contains("token=ops-team", "method=POST", "path=" + AdminApi.BASE + acct(GRE),
          "status=200", "upstream_status=200", "duration_ms=");
      assertThat(lines.get(1)).contains("token=grafana", "method=DELETE", "status=403", "upstream_status=-");
      assertThat(lines.get(2)).contains("token=ops-team", "method=PUT", "status=400", "upstream_status=-");
      assertThat(audit.text()).doesNotContain(WRITE_TOKEN).doesNotContain(READ_TOKEN).doesNotContain("GRE_1");
    }
  }
}
