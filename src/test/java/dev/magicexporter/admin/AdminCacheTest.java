package dev.magicexporter.admin;

import dev.magicexporter.metrics.self.SelfMetrics;
import static dev.magicexporter.admin.AdminHarness.acct;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** GET caching: hits, coalescing, invalidation by writes, and what is never kept. */
class AdminCacheTest {
  private static final String GRE = "/magic/gre_tunnels";
  private AdminHarness h;

  @AfterEach
  void stop() {
    if (h != null) {
      h.close();
    }
  }

  private AdminHarness harness(Duration ttl, Map<String, Duration> ttls) {
    h = new AdminHarness(AdminHarness.defaultOptions().withCache(ttl, ttls), DaemonStatus.empty());
    return h;
  }

  @Test
  void aRepeatedGetIsAnsweredFromTheCache() {
    harness(Duration.ofMinutes(5), Map.of());
    h.upstream.always(FakeUpstream.ok("{\"gre_tunnels\":[]}"));
    AdminHarness.Resp first = h.get(acct(GRE));
    AdminHarness.Resp second = h.get(acct(GRE));
    assertThat(first.headers().get(AdminApi.CACHE_HEADER)).isEqualTo("miss");
    assertThat(second.headers().get(AdminApi.CACHE_HEADER)).isEqualTo("hit");
    assertThat(second.text()).isEqualTo(first.text());
    assertThat(second.headers().get("Content-Type")).isEqualTo("application/json");
    assertThat(h.upstream.requests).hasSize(1);
    // A different query or header form is a different answer.
    h.get(acct("/magic/sites") + "?connectorid=c1");
    h.get(acct("/magic/sites") + "?connectorid=c2");
    AdminHarness.await(h.send(HttpMethod.GET, AdminApi.BASE + acct(GRE),
        Map.of("Authorization", "Bearer " + AdminHarness.WRITE_TOKEN, "x-magic-new-hc-target", "true"), null));
    assertThat(h.upstream.requests).hasSize(4);
    MeterRegistry reg = h.registry;
    assertThat(reg.get(SelfMetrics.ADMIN_CACHE_REQUESTS.name()).tag("result", "hit").functionCounter().count()).isEqualTo(1);
    assertThat(reg.get(SelfMetrics.ADMIN_CACHE_REQUESTS.name()).tag("result", "miss").functionCounter().count()).isEqualTo(4);
  }

  @Test
  void twoConcurrentIdenticalGetsMakeOneUpstreamRequest() {
    harness(Duration.ofMinutes(5), Map.of());
    h.upstream.hold();
    Future<AdminHarness.Resp> a = h.send(HttpMethod.GET, AdminApi.BASE + acct(GRE),
        Map.of("Authorization", "Bearer " + AdminHarness.WRITE_TOKEN), null);
    Future<AdminHarness.Resp> b = h.send(HttpMethod.GET, AdminApi.BASE + acct(GRE),
        Map.of("Authorization", "Bearer " + AdminHarness.READ_TOKEN), null);
    waitUntil(() -> h.upstream.heldCount() == 1 && hits() + misses() == 2);
    h.upstream.release(FakeUpstream.ok("{\"gre_tunnels\":[{\"id\":\"g1\"}]}"));
    AdminHarness.Resp ra = AdminHarness.await(a);
    AdminHarness.Resp rb = AdminHarness.await(b);
    assertThat(h.upstream.requests).hasSize(1);
    assertThat(ra.text()).contains("g1").isEqualTo(rb.text());
    assertThat(java.util.List.of(ra.headers().get(AdminApi.CACHE_HEADER), rb.headers().get(AdminApi.CACHE_HEADER)))
        .containsExactlyInAnyOrder("hit", "miss");
  }

  private double hits() {
    return h.registry.get(SelfMetrics.ADMIN_CACHE_REQUESTS.name()).tag("result", "hit").functionCounter().count();
  }

  private double misses() {
    return h.registry.get(SelfMetrics.ADMIN_CACHE_REQUESTS.name()).tag("result", "miss").functionCounter().count();
  }

  private static void waitUntil(java.util.function.BooleanSupplier cond) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!cond.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not reached in 20 s");
      }
      Thread.onSpinWait();
    }
  }

  @Test
  void aWriteInvalidatesItsResourceAndItsParentsButNotOthers() {
    harness(Duration.ofMinutes(5), Map.of());
    String site = acct("/magic/sites/s1");
    h.get(acct(GRE));
    h.get(acct(GRE + "/g1"));
    h.get(acct("/magic/sites"));
    h.get(site);
    h.get(site + "/lans");
    h.get(site + "/wans");
    h.get(acct("/magic/routes"));
    assertThat(h.upstream.requests).hasSize(7);

    h.write(HttpMethod.POST, site + "/lans", "{\"physport\":2}");
    assertThat(h.upstream.requests).hasSize(8);
    // The LAN list, its site and the site list go upstream again; the rest is still cached.
    for (String p : new String[] {site + "/lans", site, acct("/magic/sites")}) {
      assertThat(h.get(p).headers().get(AdminApi.CACHE_HEADER)).as(p).isEqualTo("miss");
    }
    for (String p : new String[] {site + "/wans", acct(GRE), acct(GRE + "/g1"), acct("/magic/routes")}) {
      assertThat(h.get(p).headers().get(AdminApi.CACHE_HEADER)).as(p).isEqualTo("hit");
    }

    h.write(HttpMethod.DELETE, acct(GRE + "/g1"), null);
    assertThat(h.get(acct(GRE)).headers().get(AdminApi.CACHE_HEADER)).isEqualTo("miss");
    assertThat(h.get(acct(GRE + "/g1")).headers().get(AdminApi.CACHE_HEADER)).isEqualTo("miss");
    assertThat(h.registry.get(SelfMetrics.ADMIN_CACHE_INVALIDATIONS.name()).functionCounter().count()).isEqualTo(5);
  }

  @Test
  void anAnswerWhoseRequestStartedBeforeAWriteFinishedIsNotKept() {
    harness(Duration.ofMinutes(5), Map.of());
    h.upstream.hold();
    Future<AdminHarness.Resp> slowGet = h.send(HttpMethod.GET, AdminApi.BASE + acct(GRE),
        Map.of("Authorization", "Bearer " + AdminHarness.WRITE_TOKEN), null);
    waitUntil(() -> h.upstream.heldCount() == 1);
    h.upstream.always(FakeUpstream.ok("{\"deleted\":true}"));
    h.write(HttpMethod.DELETE, acct(GRE + "/g1"), null);
    h.upstream.release(FakeUpstream.ok("{\"gre_tunnels\":[{\"id\":\"g1\"}]}"));
    assertThat(AdminHarness.await(slowGet).status()).isEqualTo(200);
    h.upstream.always(FakeUpstream.ok("{\"gre_tunnels\":[]}"));
    AdminHarness.Resp after = h.get(acct(GRE));
    assertThat(after.headers().get(AdminApi.CACHE_HEADER)).isEqualTo("miss");
    assertThat(after.text()).doesNotContain("g1");
  }

  @Test
  void answersWithSecretsOrErrorsAreNeverKept() {
    harness(Duration.ofMinutes(5), Map.of());
    h.upstream.always(FakeUpstream.ok("[{\"id\":\"c1\",\"license_key\":\"LK-secret-1\"}]"));
    h.get(acct("/magic/connectors"));
    assertThat(h.get(acct("/magic/connectors")).headers().get(AdminApi.CACHE_HEADER)).isEqualTo("miss");
    h.upstream.always(FakeUpstream.ok("[{\"id\":\"o1\",\"destination_conf\":\"s3://b?region=x\"}]"));
    h.get(acct("/pcaps/ownership"));
    assertThat(h.get(acct("/pcaps/ownership")).headers().get(AdminApi.CACHE_HEADER)).isEqualTo("miss");
    // An empty or null secret field is harmless.
    h.upstream.always(FakeUpstream.ok("[{\"id\":\"c1\",\"license_key\":null,\"psk\":\"\"}]"));
    h.get(acct("/magic/connectors/c1"));
    assertThat(h.get(acct("/magic/connectors/c1")).headers().get(AdminApi.CACHE_HEADER)).isEqualTo("hit");
    h.upstream.always(FakeUpstream.json(500, "{\"success\":false,\"errors\":[]}"));
    h.get(acct("/magic/routes"));
    AdminHarness.Resp again = h.get(acct("/magic/routes"));
    assertThat(again.status()).isEqualTo(500);
    assertThat(again.headers().get(AdminApi.CACHE_HEADER)).isEqualTo("miss");
    assertThat(h.server.cache().stats().get("entries")).isEqualTo(1L);
  }

  @Test
  void theTtlIsPerKindAndZeroMeansNoCaching() {
    harness(Duration.ofMinutes(5), Map.of("events", Duration.ZERO));
    String events = acct("/magic/connectors/c1/telemetry/events?from=1&to=2");
    h.get(events);
    assertThat(h.get(events).headers().get(AdminApi.CACHE_HEADER)).isEqualTo("miss");
    h.get(acct(GRE));
    assertThat(h.get(acct(GRE)).headers().get(AdminApi.CACHE_HEADER)).isEqualTo("hit");
    assertThat(h.server.cache().ttl("events")).isZero();
    assertThat(h.server.cache().ttl("gre_tunnels")).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void writesAreNeverCached() {
    harness(Duration.ofMinutes(5), Map.of());
    h.upstream.always(FakeUpstream.ok("{\"ipsec_tunnel_id\":\"i1\",\"psk\":\"O3bwKSjnaoCxDoUxjcq4Rk8ZKkezQUiy\"}"));
    String psk = acct("/magic/ipsec_tunnels/i1/psk_generate");
    assertThat(h.write(HttpMethod.POST, psk, "{}").text()).contains("O3bwKSjnaoCxDoUxjcq4Rk8ZKkezQUiy");
    assertThat(h.write(HttpMethod.POST, psk, null).status()).isEqualTo(200);
    assertThat(h.upstream.requests).hasSize(2);
    assertThat(h.server.cache().stats().get("entries")).isEqualTo(0L);
  }
}
