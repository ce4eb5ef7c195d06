package dev.magicexporter.client;

import dev.magicexporter.testing.ManualClock;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** sendRaw and pipe, the admin API's pass-through calls. */
class ClientPassThroughTest extends ClientTestBase {
  static final String DOWNLOAD = "/accounts/{account_id}/pcaps/{pcap_id}/download";

  private static ApiRequest download() {
    return req(DOWNLOAD).withPath("pcap_id", "p1").withPriority(Priority.ADMIN)
        .withHeader("Authorization", "Bearer admin-caller-token");
  }

  private static String downloadPath() {
    return path(DOWNLOAD).replace("{pcap_id}", "p1");
  }

  private static int requestCount() {
    return wm.findAll(anyRequestedFor(anyUrl())).size();
  }

  /**
   * A sink that digests what it receives and reports itself full every few writes until a timer
   * drains it, so the pipe has to respect backpressure.
   */
  final class DigestSink implements WriteStream<Buffer> {
    final MessageDigest sha;
    long bytes;
    int writes;
    boolean ended;
    boolean full;
    int pausesHonoured;
    Handler<Void> drain;

    DigestSink() throws Exception {
      sha = MessageDigest.getInstance("SHA-256");
    }

    @Override
    public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
      return this;
    }

    @Override
    public Future<Void> write(Buffer data) {
      if (full) {
        throw new AssertionError("written while full: the pipe ignored backpressure");
      }
      sha.update(data.getBytes());
      bytes += data.length();
      if (++writes % 32 == 0) {
        full = true;
        vertx.setTimer(1, id -> {
          full = false;
          pausesHonoured++;
          if (drain != null) {
            drain.handle(null);
          }
        });
      }
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> end() {
      ended = true;
      return Future.succeededFuture();
    }

    @Override
    public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
      return this;
    }

    @Override
    public boolean writeQueueFull() {
      return full;
    }

    @Override
    public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
      this.drain = handler;
      return this;
    }
  }

  @Test
  void sendRawPassesErrorAnswersThroughUntouched() {
    String body = "{\"success\":false,\"errors\":[{\"code\":1003,\"message\":\"no such pcap\"}]}";
    wm.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(404)
        .withHeader("Content-Type", "application/json").withHeader("cf-ray", "abc123").withBody(body)));

    RawResponse r = await(client().sendRaw(req("/accounts/{account_id}/pcaps/{pcap_id}").withPath("pcap_id", "p9")));

    assertThat(r.status()).isEqualTo(404);
    assertThat(r.body().toString()).isEqualTo(body);
    assertThat(r.headers().get("cf-ray")).isEqualTo("abc123");
    assertThat(requestCount()).isEqualTo(1);
  }

  @Test
  void sendRawRetriesLikeSendAndReturnsTheLastAnswerAfterGivingUp() {
    wm.stubFor(get(anyUrl()).inScenario("s").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(503).withBody("busy")).willSetStateTo("ok"));
    wm.stubFor(get(anyUrl()).inScenario("s").whenScenarioStateIs("ok")
        .willReturn(aResponse().withStatus(200).withBody("{\"success\":true,\"result\":{}}")));

    RawResponse r = await(client().sendRaw(req(CONNECTORS)));
    assertThat(r.status()).isEqualTo(200);
    assertThat(requestCount()).isEqualTo(2);

    wm.resetAll();
    wm.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(502).withBody("bad gateway")));
    RawResponse last = await(client().sendRaw(req(CONNECTORS)));
    assertThat(last.status()).isEqualTo(502);
    assertThat(last.body().toString()).isEqualTo("bad gateway");
    assertThat(requestCount()).isEqualTo(3);
  }

  @Test
  void sendRawFailsOnlyWhenNoAnswerCame() {
    wm.stubFor(get(anyUrl()).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));

    Throwable t = awaitFailure(client().sendRaw(req(CONNECTORS)));

    assertThat(t).isInstanceOf(ApiException.Network.class);
    assertThat(requestCount()).isEqualTo(3);
  }

  @Test
  void sendRawUsesTheClientsCredentialNotTheCallers() {
    wm.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{}")));

    await(client().sendRaw(req(CONNECTORS).withHeader("Authorization", "Bearer admin-caller-token")
        .withHeader("X-Auth-Email", "caller@example.com")));

    wm.verify(getRequestedFor(anyUrl()).withHeader("Authorization", equalTo("Bearer " + TOKEN))
        .withHeader("X-Auth-Email", absent()));
  }

  @Test
  void pipeStreamsAMultiMegabyteBodyIntactWithBackpressure() throws Exception {
    byte[] pcap = new byte[4 * 1024 * 1024 + 123];
    new Random(42).nextBytes(pcap);
    wm.stubFor(get(urlPathEqualTo(downloadPath())).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/vnd.tcpdump.pcap").withBody(pcap)));
    DigestSink sink = new DigestSink();
    List<ResponseHead> heads = new ArrayList<>();

    await(client().pipe(download(), head -> {
      heads.add(head);
      return sink;
    }));

    assertThat(heads).hasSize(1);
    assertThat(heads.get(0).status()).isEqualTo(200);
    assertThat(heads.get(0).headers().get("Content-Type")).isEqualTo("application/vnd.tcpdump.pcap");
    assertThat(sink.bytes).isEqualTo(pcap.length);
    assertThat(sink.sha.digest()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(pcap));
    assertThat(sink.ended).isTrue();
    assertThat(sink.pausesHonoured).isPositive();
    wm.verify(getRequestedFor(urlPathEqualTo(downloadPath())).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
  }

  @Test
  void pipeRetriesBeforeTheFirstByteAndHandsOnlyTheFinalAnswerToTheSink() throws Exception {
    wm.stubFor(get(anyUrl()).inScenario("d").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After-Ms", "10").withBody("{\"success\":false}"))
        .willSetStateTo("ok"));
    wm.stubFor(get(anyUrl()).inScenario("d").whenScenarioStateIs("ok")
        .willReturn(aResponse().withStatus(200).withBody(new byte[] {1, 2, 3})));
    DigestSink sink = new DigestSink();
    List<Integer> statuses = new ArrayList<>();

    await(client().pipe(download(), head -> {
      statuses.add(head.status());
      return sink;
    }));

    assertThat(statuses).containsExactly(200);
    assertThat(sink.bytes).isEqualTo(3);
    assertThat(requestCount()).isEqualTo(2);
  }

  @Test
  void pipeHandsAnErrorAnswerToTheSinkAfterRetries() throws Exception {
    wm.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(404).withBody("{\"success\":false}")));
    DigestSink sink = new DigestSink();
    List<Integer> statuses = new ArrayList<>();

    await(client().pipe(download(), head -> {
      statuses.add(head.status());
      return sink;
    }));

    assertThat(statuses).containsExactly(404);
    assertThat(sink.bytes).isEqualTo("{\"success\":false}".length());
  }

  @Test
  void aDownloadCutShortFailsWithoutRetryAndLeavesTheSinkOpen() throws Exception {
    wm.stubFor(get(anyUrl()).willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));
    DigestSink sink = new DigestSink();

    Throwable t = awaitFailure(client().pipe(download(), head -> sink));

    assertThat(t).isInstanceOf(ApiException.Network.class).hasMessageContaining("interrupted");
    assertThat(sink.ended).as("a truncated file must not look complete").isFalse();
    assertThat(requestCount()).as("bytes may have been written: no retry").isEqualTo(1);
  }

  @Test
  void pipeWaitsForBudgetLikeEveryOtherCall() throws Exception {
    wm.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(200).withBody(new byte[] {7})));
    ManualClock clock = new ManualClock();
    Credential cred = Credential.token(TOKEN);
    RequestBudget budget = new RequestBudget(cred.id(), 1, Duration.ofSeconds(60), 0, clock);
    TestClient c = TestClient.of(vertx, options(), cred, budget, registry);
    await(c.sendRaw(req(CONNECTORS)));

    DigestSink sink = new DigestSink();
    Future<Void> piped = c.pipe(download(), head -> sink);
    assertThat(budget.waiting()).isEqualTo(1);
    assertThat(requestCount()).isEqualTo(1);

    clock.advance(Duration.ofSeconds(60));
    await(piped);
    assertThat(sink.bytes).isEqualTo(1);
    assertThat(requestCount()).isEqualTo(2);
  }

  @Test
  void aSinkFactoryThatThrowsFailsThePipe() {
    wm.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(200).withBody(new byte[1000])));
    IllegalStateException refused = new IllegalStateException("caller went away");

    Throwable t = awaitFailure(client().pipe(download(), head -> {
      throw refused;
    }));

    assertThat(t).isSameAs(refused);
  }

  /** A sink that reports itself full until released: a caller that reads nothing for a while. */
  static final class GateSink implements WriteStream<Buffer> {
    final MessageDigest sha;
    long bytes;
    boolean ended;
    boolean held = true;
    Handler<Void> drain;

    GateSink() {
      try {
        sha = MessageDigest.getInstance("SHA-256");
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    void release() {
      held = false;
      drain.handle(null);
    }

    @Override
    public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
      return this;
    }

    @Override
    public Future<Void> write(Buffer data) {
      sha.update(data.getBytes());
      bytes += data.length();
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> end() {
      ended = true;
      return Future.succeededFuture();
    }

    @Override
    public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
      return this;
    }

    @Override
    public boolean writeQueueFull() {
      return held;
    }

    @Override
    public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
      drain = handler;
      return this;
    }
  }

  @Test
  void aCallerPausedLongerThanTheRequestTimeoutStillGetsTheWholeBody() throws Exception {
    // A body larger than the socket buffers, sent with backpressure: while the caller reads
    // nothing the upstream connection goes silent, because the pipe asked it to.
    long total = 16L * 1024 * 1024;
    Buffer chunk = Buffer.buffer(new byte[64 * 1024]);
    io.vertx.core.http.HttpServer upstream = await(vertx.createHttpServer().requestHandler(req -> {
      io.vertx.core.http.HttpServerResponse resp = req.response().putHeader("Content-Length", Long.toString(total));
      long[] sent = {0};
      Handler<Void>[] pump = new Handler[1];
      pump[0] = v -> {
        while (!resp.writeQueueFull() && sent[0] < total) {
          sent[0] += chunk.length();
          resp.write(chunk);
        }
        if (sent[0] >= total) {
          resp.end();
        } else {
          resp.drainHandler(pump[0]);
        }
      };
      pump[0].handle(null);
    }).listen(0, "127.0.0.1"));
    GateSink sink = new GateSink();
    io.vertx.core.Promise<io.vertx.core.Context> headSeen = io.vertx.core.Promise.promise();
    ClientOptions o = ClientOptions.defaults("http://127.0.0.1:" + upstream.actualPort() + "/client/v4")
        .withRequestTimeout(Duration.ofSeconds(2));

    Future<Void> piped = client(o).pipe(download(), head -> {
      headSeen.complete(io.vertx.core.Vertx.currentContext());
      return sink;
    });
    io.vertx.core.Context pipeContext = await(headSeen.future());
    Thread.sleep(4_500); // more than two request timeouts while the caller reads nothing
    assertThat(piped.isComplete()).as("the pipe waited for the caller").isFalse();
    pipeContext.runOnContext(v -> sink.release());

    await(piped);
    assertThat(sink.bytes).isEqualTo(total);
    assertThat(sink.ended).isTrue();
  }

  @Test
  void anUpstreamThatFallsSilentMidBodyFailsTheDownloadAsATimeout() {
    io.vertx.core.http.HttpServer upstream = await(vertx.createHttpServer().requestHandler(req ->
        req.response().putHeader("Content-Length", "1000000").write(Buffer.buffer(new byte[1000])))
        .listen(0, "127.0.0.1"));
    GateSink sink = new GateSink();
    sink.held = false;
    ClientOptions o = ClientOptions.defaults("http://127.0.0.1:" + upstream.actualPort() + "/client/v4")
        .withRequestTimeout(Duration.ofMillis(500));

    Throwable t = awaitFailure(client(o).pipe(download(), head -> sink));

    assertThat(t).isInstanceOf(ApiException.Network.class).hasMessageContaining("no body bytes");
    assertThat(((ApiException.Network) t).isTimeout()).isTrue();
    assertThat(sink.bytes).isEqualTo(1000);
    assertThat(sink.ended).as("a cut file must not look complete").isFalse();
  }

  @Test
  void noResponseHeadWithinTheRequestTimeoutIsATimeout() {
    wm.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(200).withFixedDelay(5_000).withBody(new byte[1])));

    Throwable t = awaitFailure(client(options().withRequestTimeout(Duration.ofMillis(300))
        .withRetries(0, Duration.ofMillis(10), Duration.ofMillis(10))).pipe(download(), head -> new GateSink()));

    assertThat(t).isInstanceOf(ApiException.Network.class);
    assertThat(((ApiException.Network) t).isTimeout()).isTrue();
  }
}
