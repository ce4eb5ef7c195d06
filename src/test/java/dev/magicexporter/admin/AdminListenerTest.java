package dev.magicexporter.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magicexporter.listen.RawHttp;
import io.vertx.core.http.HttpMethod;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The admin listener against hostile peers, issue 14: no body is read before the token is checked,
 * bodies are bounded per request, across requests and in time; connections are capped; requests
 * naming another host, coming from another origin, or carrying a non-JSON body are refused; Basic
 * credentials never authorise a write; framing tricks get a 400 and a closed connection.
 */
class AdminListenerTest {
  static final String GRE = AdminApi.BASE + "/accounts/" + AdminHarness.ACCOUNT + "/magic/gre_tunnels";
  static final String VALID_GRE = "{\"cloudflare_gre_endpoint\":\"203.0.113.1\",\"customer_gre_endpoint\":"
      + "\"198.51.100.7\",\"interface_address\":\"10.0.0.0/31\",\"name\":\"GRE_1\"}";

  private static AdminOptions options(int maxConnections, Duration bodyTimeout, long budget, List<String> hosts) {
    AdminOptions d = AdminHarness.defaultOptions();
    return d.withIntake(new AdminOptions.Intake(maxConnections, Duration.ofMinutes(5), bodyTimeout, budget, hosts));
  }

  private static AdminHarness harness(AdminOptions o) {
    return new AdminHarness(o, DaemonStatus.empty());
  }

  /** A POST head announcing {@code length} body bytes, of which the caller sends some or none. */
  private static String postHead(int port, String token, long length) {
    return "POST " + GRE + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n"
        + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
        + "Content-Length: " + length + "\r\n\r\n";
  }

  @Test
  void aTokenlessPostIsRefusedOnItsHeadersWithoutWaitingForTheBody() throws Exception {
    try (AdminHarness h = harness(AdminHarness.defaultOptions());
        Socket s = RawHttp.connect(h.server.actualPort())) {
      s.getOutputStream().write(postHead(h.server.actualPort(), null, 1_048_575).getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().write("{\"name\":".getBytes(StandardCharsets.US_ASCII));
      // The body never completes; the answer must come anyway, and the connection close.
      RawHttp.Answer a = RawHttp.readAll(s);
      assertThat(a.status()).as(a.text()).isEqualTo(401);
      assertThat(a.closed()).isTrue();
      assertThat(h.server.bufferedBodyBytes()).isZero();
    }
  }

  @Test
  void bodiesAcrossAllRequestsShareOneBudgetAndOverItTheAnswerIs503() throws Exception {
    // Budget for two 1 MiB bodies: the third authenticated slow body is refused before it is read.
    try (AdminHarness h = harness(options(64, Duration.ofMinutes(5), 2L << 20, List.of()))) {
      int port = h.server.actualPort();
      List<Socket> slow = new ArrayList<>();
      try {
        for (int i = 0; i < 2; i++) {
          Socket s = RawHttp.connect(port);
          s.getOutputStream().write(postHead(port, AdminHarness.WRITE_TOKEN, 1 << 20).getBytes(StandardCharsets.US_ASCII));
          slow.add(s);
        }
        waitFor(() -> h.server.bufferedBodyBytes() == 2L << 20, "two bodies reserved");
        try (Socket third = RawHttp.connect(port)) {
          third.getOutputStream().write(postHead(port, AdminHarness.WRITE_TOKEN, 1 << 20)
              .getBytes(StandardCharsets.US_ASCII));
          RawHttp.Answer a = RawHttp.readAll(third);
          assertThat(a.status()).as(a.text()).isEqualTo(503);
          assertThat(a.text()).containsIgnoringCase("Retry-After: 1").contains("admin.max_buffered_bytes");
          assertThat(a.closed()).isTrue();
        }
      } finally {
        RawHttp.closeAll(slow);
      }
      // The reservations of the abandoned bodies come back.
      waitFor(() -> h.server.bufferedBodyBytes() == 0, "budget released");
      assertThat(h.call(HttpMethod.POST, GRE, AdminHarness.WRITE_TOKEN, VALID_GRE).status()).isEqualTo(200);
    }
  }

  @Test
  void aBodyThatDoesNotArriveInTimeIs408AndTheConnectionClosed() throws Exception {
    try (AdminHarness h = harness(options(64, Duration.ofMillis(500), 16L << 20, List.of()));
        Socket s = RawHttp.connect(h.server.actualPort())) {
      s.getOutputStream().write(postHead(h.server.actualPort(), AdminHarness.WRITE_TOKEN, 100)
          .getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().write("{\"name\":".getBytes(StandardCharsets.US_ASCII));
      RawHttp.Answer a = RawHttp.readAll(s);
      assertThat(a.status()).as(a.text()).isEqualTo(408);
      assertThat(a.closed()).isTrue();
      waitFor(() -> h.server.bufferedBodyBytes() == 0, "budget released");
      assertThat(h.upstream.requests).isEmpty();
    }
  }

  @Test
  void aDeclaredLengthOverTheLimitIs413BeforeAnyBodyByte() throws Exception {
    try (AdminHarness h = harness(AdminHarness.defaultOptions())) {
      RawHttp.Answer a = RawHttp.exchange(h.server.actualPort(),
          postHead(h.server.actualPort(), AdminHarness.WRITE_TOKEN, (1 << 20) + 1));
      assertThat(a.status()).as(a.text()).isEqualTo(413);
      assertThat(a.closed()).isTrue();
    }
  }

  @Test
  void idleConnectionsBeyondTheCapNeverLockOutTheApi() throws Exception {
    try (AdminHarness h = harness(options(8, Duration.ofMinutes(5), 16L << 20, List.of()))) {
      List<Socket> idle = RawHttp.idle(h.server.actualPort(), 40);
      try {
        for (int i = 0; i < 3; i++) {
          assertThat(RawHttp.eventually(h.server.actualPort(), "/status", "Authorization: Bearer "
              + AdminHarness.READ_TOKEN)).isEqualTo(200);
        }
        assertThat(h.server.openConnections()).isLessThanOrEqualTo(8);
      } finally {
        RawHttp.closeAll(idle);
      }
    }
  }

  @Test
  void contentLengthWithTransferEncodingIs400AndTheConnectionIsClosed() throws Exception {
    try (AdminHarness h = harness(AdminHarness.defaultOptions())) {
      int port = h.server.actualPort();
      RawHttp.Answer a = RawHttp.exchange(port, "POST " + GRE + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Authorization: Bearer " + AdminHarness.WRITE_TOKEN + "\r\nContent-Type: application/json\r\n"
          + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
      assertThat(a.status()).as(a.text()).isEqualTo(400);
      assertThat(a.closed()).isTrue();
      assertThat(h.upstream.requests).isEmpty();
    }
  }

  @Test
  void aRequestTargetThatIsNotAPathIsAPlain400WithoutAnErrorLine() throws Exception {
    try (AdminHarness h = harness(AdminHarness.defaultOptions()); LogCapture log = LogCapture.everything()) {
      RawHttp.Answer a = RawHttp.exchange(h.server.actualPort(), "GET x HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
      assertThat(a.status()).as(a.text()).isEqualTo(400);
      assertThat(log.events()).filteredOn(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.WARN))
          .isEmpty();
    }
  }

  @Test
  void bodiesMustBeJson() {
    try (AdminHarness h = harness(AdminHarness.defaultOptions())) {
      for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
          "application/jsonx")) {
        var r = AdminHarness.await(h.send(HttpMethod.POST, GRE, Map.of("Authorization", "Bearer "
            + AdminHarness.WRITE_TOKEN, "Content-Type", type), VALID_GRE));
        assertThat(r.status()).as(type).isEqualTo(415);
      }
      var ok = AdminHarness.await(h.send(HttpMethod.POST, GRE, Map.of("Authorization", "Bearer "
          + AdminHarness.WRITE_TOKEN, "Content-Type", "Application/JSON; charset=utf-8"), VALID_GRE));
      assertThat(ok.status()).isEqualTo(200);
      assertThat(h.upstream.requests).hasSize(1);
    }
  }

  @Test
  void writesFromAnotherOriginAreRefused() throws Exception {
    try (AdminHarness h = harness(AdminHarness.defaultOptions())) {
      int port = h.server.actualPort();
      String bearer = "Bearer " + AdminHarness.WRITE_TOKEN;
      for (Map<String, String> hs : List.of(Map.of("Origin", "http://evil.example"),
          Map.of("Origin", "null"), Map.of("Origin", "http://127.0.0.1:" + (port + 1)),
          Map.of("Origin", "https://127.0.0.1:" + port), Map.of("Sec-Fetch-Site", "cross-site"),
          Map.of("Sec-Fetch-Site", "same-site"))) {
        Map<String, String> with = new java.util.HashMap<>(hs);
        with.put("Authorization", bearer);
        var r = AdminHarness.await(h.send(HttpMethod.POST, GRE, with, VALID_GRE));
        assertThat(r.status()).as("%s", hs).isEqualTo(403);
      }
      assertThat(h.upstream.requests).isEmpty();
      var same = AdminHarness.await(h.send(HttpMethod.POST, GRE, Map.of("Authorization", bearer,
          "Origin", "http://127.0.0.1:" + port, "Sec-Fetch-Site", "same-origin"), VALID_GRE));
      assertThat(same.status()).isEqualTo(200);
      // Reads from another origin are harmless (the browser hides the answer) and links keep working.
      var read = AdminHarness.await(h.send(HttpMethod.GET, "/status", Map.of("Authorization", bearer,
          "Sec-Fetch-Site", "cross-site"), null));
      assertThat(read.status()).isEqualTo(200);
    }
  }

  @Test
  void onlyTheListenersOwnHostNamesAreAnswered() throws Exception {
    try (AdminHarness h = harness(options(64, Duration.ofSeconds(30), 16L << 20, List.of("admin.example.org")))) {
      int port = h.server.actualPort();
      String auth = "Authorization: Bearer " + AdminHarness.READ_TOKEN;
      assertThat(exchangeWithHost(port, "rebound.attacker.example:" + port, auth)).isEqualTo(403);
      assertThat(exchangeWithHost(port, "localhost.attacker.example", auth)).isEqualTo(403);
      // Two Host headers (RFC 9112 section 3.2: 400), whichever one a proxy would have looked at.
      assertThat(RawHttp.get(port, "/status", auth, "Host: rebound.attacker.example").status()).isEqualTo(400);
      for (String ok : List.of("localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port, "admin.example.org",
          "192.0.2.10:" + port, "LOCALHOST")) {
        assertThat(exchangeWithHost(port, ok, auth)).as(ok).isEqualTo(200);
      }
    }
  }

  private static int exchangeWithHost(int port, String host, String auth) throws Exception {
    return RawHttp.exchange(port, "GET /status HTTP/1.1\r\nHost: " + host + "\r\n" + auth
        + "\r\nConnection: close\r\n\r\n").status();
  }

  @Test
  void basicCredentialsReadButNeverWrite() {
    try (AdminHarness h = harness(AdminHarness.defaultOptions())) {
      String basic = "Basic " + Base64.getEncoder().encodeToString(("u:" + AdminHarness.WRITE_TOKEN)
          .getBytes(StandardCharsets.UTF_8));
      var page = AdminHarness.await(h.send(HttpMethod.GET, "/status.html", Map.of("Authorization", basic), null));
      assertThat(page.status()).isEqualTo(200);
      var write = AdminHarness.await(h.send(HttpMethod.POST, GRE, Map.of("Authorization", basic), VALID_GRE));
      assertThat(write.status()).isEqualTo(401);
      assertThat(write.text()).contains("Bearer");
      assertThat(h.upstream.requests).isEmpty();
      // RFC 7235: the scheme name is case-insensitive.
      var lower = AdminHarness.await(h.send(HttpMethod.POST, GRE,
          Map.of("Authorization", "bearer " + AdminHarness.WRITE_TOKEN), VALID_GRE));
      assertThat(lower.status()).isEqualTo(200);
    }
  }

  private static void waitFor(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(RawHttp.ANSWER_WITHIN_MS / 1000).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not reached: " + what);
      }
      Thread.sleep(10);
    }
  }
}
