package dev.magicexporter.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.http.Fault;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The secret of a credential never reaches an exception message, a log line or a metric. */
class ClientSecretsTest extends ClientTestBase {
  static final String KEY = "9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1";

  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private Logger root;
  private Logger clientLogger;
  private Level clientLevel;

  @BeforeEach
  void captureLogs() {
    root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    clientLogger = (Logger) LoggerFactory.getLogger("dev.magicexporter.client");
    clientLevel = clientLogger.getLevel();
    clientLogger.setLevel(Level.DEBUG);
    logs.start();
    root.addAppender(logs);
  }

  @AfterEach
  void releaseLogs() {
    root.detachAppender(logs);
    clientLogger.setLevel(clientLevel);
  }

  /** Every way a call can go wrong, each answer echoing {@code secret} where a server could. */
  private List<Throwable> failEveryWay(Credential cred, String secret) {
    ClientOptions o = options().withRetries(1, Duration.ofMillis(5), Duration.ofMillis(5));
    RequestBudget budget = RequestBudget.create(vertx, cred, o).bindTo(registry);
    TestClient c = TestClient.of(vertx, o, cred, budget, registry);
    TestClient impatient = TestClient.of(vertx, o.withRequestTimeout(Duration.ofMillis(300)), cred,
        budget, registry);
    String echo = "{\"success\":false,\"errors\":[{\"code\":10000,\"message\":\"bad credential " + secret + "\"}]}";
    wm.stubFor(get(urlPathEqualTo(path("/accounts/{account_id}/magic/a401"))).willReturn(aResponse().withStatus(401).withBody(echo)));
    wm.stubFor(get(urlPathEqualTo(path("/accounts/{account_id}/magic/a400"))).willReturn(aResponse().withStatus(400).withBody(echo)));
    wm.stubFor(get(urlPathEqualTo(path("/accounts/{account_id}/magic/a200"))).willReturn(okJson(echo)));
    wm.stubFor(get(urlPathEqualTo(path("/accounts/{account_id}/magic/garbage")))
        .willReturn(okJson("{\"success\":true,\"result\":[" + secret + "]}")));
    wm.stubFor(get(urlPathEqualTo(path("/accounts/{account_id}/magic/a429")))
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After-Ms", "5").withBody(echo)));
    wm.stubFor(get(urlPathEqualTo(path("/accounts/{account_id}/magic/a503"))).willReturn(aResponse().withStatus(503).withBody(echo)));
    wm.stubFor(get(urlPathEqualTo(path("/accounts/{account_id}/magic/reset")))
        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    wm.stubFor(get(urlPathEqualTo(path("/accounts/{account_id}/magic/slow"))).willReturn(okJson(echo).withFixedDelay(1500)));
    wm.stubFor(get(urlPathEqualTo(path("/accounts/{account_id}/magic/cut")))
        .willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));

    List<Throwable> failures = new ArrayList<>();
    for (String p : List.of("a401", "a400", "a200", "garbage", "a429", "a503", "reset")) {
      failures.add(awaitFailure(c.send(req("/accounts/{account_id}/magic/" + p), ResultDecoder.tree())));
    }
    failures.add(awaitFailure(impatient.send(req("/accounts/{account_id}/magic/slow"), ResultDecoder.tree())));
    failures.add(awaitFailure(c.sendRaw(req("/accounts/{account_id}/magic/reset"))));
    failures.add(awaitFailure(c.pipe(req("/accounts/{account_id}/magic/cut"), head -> new Discard())));
    return failures;
  }

  private void assertNowhere(String secret, List<Throwable> failures) {
    assertThat(failures).hasSize(10).allMatch(t -> t instanceof ApiException);
    for (Throwable t : failures) {
      for (Throwable x = t; x != null; x = x.getCause()) {
        assertThat(String.valueOf(x.getMessage())).as("message of %s", x.getClass()).doesNotContain(secret);
        assertThat(x.toString()).doesNotContain(secret);
      }
    }
    assertThat(failures).filteredOn(t -> t.getMessage().contains("[redacted]"))
        .as("server messages echoing the secret were redacted, not dropped").hasSizeGreaterThanOrEqualTo(5);
    assertThat(failures).extracting(t -> ((ApiException) t).kind())
        .containsExactly("auth", "validation", "malformed", "malformed", "throttled", "server", "network",
            "timeout", "network", "network");
    assertThat(logs.list).as("the run logged something, so the check below means something")
        .anyMatch(e -> e.getLevel() == Level.WARN)
        .anyMatch(e -> e.getLevel() == Level.DEBUG);
    for (ILoggingEvent e : logs.list) {
      assertThat(e.getFormattedMessage()).doesNotContain(secret);
      for (IThrowableProxy p = e.getThrowableProxy(); p != null; p = p.getCause()) {
        assertThat(String.valueOf(p.getMessage())).doesNotContain(secret);
      }
    }
    assertThat(scrape()).doesNotContain(secret);
  }

  @Test
  void theTokenAppearsNowhere() {
    Credential cred = Credential.token(TOKEN);
    assertNowhere(TOKEN, failEveryWay(cred, TOKEN));
    assertThat(cred.toString()).doesNotContain(TOKEN);
    assertThat(scrape()).contains("credential=\"" + cred.id() + "\"");
  }

  @Test
  void theLegacyKeyAppearsNowhere() {
    Credential cred = Credential.legacy(KEY, "ops@example.com");
    assertNowhere(KEY, failEveryWay(cred, KEY));
    assertThat(cred.toString()).doesNotContain(KEY);
  }

  /** A sink that drops everything. */
  static final class Discard implements WriteStream<Buffer> {
    @Override
    public WriteStream<Buffer> exceptionHandler(io.vertx.core.Handler<Throwable> handler) {
      return this;
    }

    @Override
    public Future<Void> write(Buffer data) {
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> end() {
      return Future.succeededFuture();
    }

    @Override
    public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
      return this;
    }

    @Override
    public boolean writeQueueFull() {
      return false;
    }

    @Override
    public WriteStream<Buffer> drainHandler(io.vertx.core.Handler<Void> handler) {
      return this;
    }
  }
}
