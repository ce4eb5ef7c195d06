package dev.magicexporter.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AdminAuthTest {
  private static final List<AdminToken> TOKENS = List.of(
      new AdminToken("ops", "first-token-value", Scope.WRITE),
      new AdminToken("viewer", "second-token-value", Scope.READ));

  /** Every comparison the auth makes: the digests it compared. */
  private record Compared(byte[] stored, byte[] presented) {}

  @Test
  void everyTokenIsComparedAsEqualLengthDigestsWithMessageDigestIsEqual() {
    List<Compared> calls = new ArrayList<>();
    AdminAuth auth = new AdminAuth(TOKENS, (a, b) -> {
      calls.add(new Compared(a, b));
      return MessageDigest.isEqual(a, b);
    });
    assertThat(auth.authenticate("Bearer first-token-value")).hasValue(new AdminAuth.Principal("ops", Scope.WRITE));
    // The first token matched, yet the second was compared too: no early exit to time.
    assertThat(calls).hasSize(2);
    assertThat(calls).allSatisfy(c -> {
      assertThat(c.stored()).hasSize(32);
      assertThat(c.presented()).hasSize(32);
      assertThat(c.presented()).isEqualTo(AdminAuth.digest("first-token-value"));
    });
    calls.clear();
    assertThat(auth.authenticate("Bearer x")).isEmpty();
    assertThat(auth.authenticate(null)).isEmpty();
    assertThat(calls).hasSize(4).allSatisfy(c -> assertThat(c.presented()).hasSize(32));
  }

  @Test
  void bearerAndBasicAreAcceptedAndAnythingElseIsNot() {
    AdminAuth auth = new AdminAuth(TOKENS);
    String basic = Base64.getEncoder().encodeToString("anyone:second-token-value".getBytes(StandardCharsets.UTF_8));
    assertThat(auth.authenticate("Basic " + basic)).hasValue(new AdminAuth.Principal("viewer", Scope.READ));
    assertThat(auth.authenticate("bearer second-token-value")).isPresent();
    assertThat(auth.authenticate("second-token-value")).isEmpty();
    assertThat(auth.authenticate("Bearer ")).isEmpty();
    assertThat(auth.authenticate("Basic !!!")).isEmpty();
    assertThat(auth.authenticate("Basic " + Base64.getEncoder().encodeToString("nocolon".getBytes()))).isEmpty();
    assertThat(auth.open()).isFalse();
    assertThat(new AdminAuth(List.of()).authenticate(null)).hasValue(AdminAuth.ANONYMOUS);
  }

  @Test
  void tokensNeverShowTheirValueAndMustBeDistinct() {
    assertThat(TOKENS.get(0).toString()).doesNotContain("first-token-value").contains("ops");
    assertThat(AdminOptions.of("127.0.0.1", 0, "a-token", null, "b-token", null, null, null).toString())
        .doesNotContain("a-token").doesNotContain("b-token");
    assertThatThrownBy(() -> new AdminAuth(List.of(new AdminToken("a", "tok-zq81", Scope.WRITE),
        new AdminToken("b", "tok-zq81", Scope.READ)))).hasMessageNotContaining("tok-zq81").hasMessageContaining("same value");
    assertThatThrownBy(() -> new AdminToken("a", " ", Scope.READ)).hasMessageContaining("empty");
  }

  @Test
  void optionsFromTheUsualConfigKeys() {
    AdminOptions o = AdminOptions.of(null, 10072, "w", null, "r", "dashboards", null, Map.of("events", Duration.ZERO));
    assertThat(o.address()).isEqualTo("127.0.0.1");
    assertThat(o.tokens()).extracting(AdminToken::name, AdminToken::scope)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("admin", Scope.WRITE),
            org.assertj.core.groups.Tuple.tuple("dashboards", Scope.READ));
    assertThat(o.cacheTtl()).isEqualTo(AdminOptions.DEFAULT_CACHE_TTL);
    assertThat(AdminOptions.of(null, 0, "", null, null, null, null, null).tokens()).isEmpty();
  }

  @Test
  void anOpenApiIsRefusedOffLoopbackWithAClearError() throws Exception {
    AdminServer.checkExposure("127.0.0.1", true);
    AdminServer.checkExposure("localhost", true);
    AdminServer.checkExposure("::1", true);
    AdminServer.checkExposure("0.0.0.0", false);
    for (String addr : new String[] {"0.0.0.0", "::", "192.0.2.10"}) {
      assertThatThrownBy(() -> AdminServer.checkExposure(addr, true))
          .hasMessageContaining("without an admin token").hasMessageContaining("MAGIC_EXPORTER_ADMIN_TOKEN");
    }
    Vertx vertx = Vertx.vertx();
    try {
      AdminServer server = new AdminServer(new AdminOptions("0.0.0.0", 0, List.of(), Duration.ZERO, Map.of(),
          1 << 20, 1 << 20), Map.of(), DaemonStatus.empty(), new SimpleMeterRegistry());
      assertThatThrownBy(() -> vertx.deployVerticle(server).toCompletionStage().toCompletableFuture()
          .get(10, TimeUnit.SECONDS)).hasMessageContaining("refusing to start the admin API on 0.0.0.0");
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
