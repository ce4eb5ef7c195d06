package dev.magicexporter.listen;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.magicexporter.app.HttpEndpoints;
import dev.magicexporter.metrics.Metrics;
import dev.magicexporter.metrics.MetricsEndpoint;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The metrics listener against hostile peers: bad targets, smuggling framing, idle connections. */
class MetricsListenerTest {
  private static final int CAP = 16;

  private final Vertx vertx = Vertx.vertx();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private HttpEndpoints http;
  private int port;

  @BeforeEach
  void start() throws Exception {
    http = new HttpEndpoints(vertx, new MetricsEndpoint(new Metrics(false)), () -> null, "test", false,
        new ListenerLimits("metrics", CAP, Duration.ofMinutes(5)), registry);
    http.start("127.0.0.1", 0).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    port = http.actualPort();
  }

  @AfterEach
  void stop() throws Exception {
    http.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void aRequestTargetThatIsNotAPathIsAPlain400WithoutAnErrorLine() throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    root.addAppender(log);
    try {
      for (String target : List.of("x", "*", "metrics", "http:x", "/%zz")) {
        RawHttp.Answer a = RawHttp.exchange(port, "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        assertThat(a.status()).as("answer to target %s: %s", target, a.text()).isEqualTo(400);
        assertThat(a.text()).as("target %s", target).containsIgnoringCase("content-type: text/plain");
      }
    } finally {
      root.detachAppender(log);
    }
    assertThat(log.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).isEmpty();
    assertThat(RawHttp.get(port, "/healthz").status()).isEqualTo(200);
  }

  @Test
  void contentLengthWithTransferEncodingIs400AndTheConnectionIsClosed() throws Exception {
    RawHttp.Answer a = RawHttp.exchange(port, "POST /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n"
        + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    assertThat(a.status()).as(a.text()).isEqualTo(400);
    assertThat(a.closed()).as("the connection is closed after the 400").isTrue();
    assertThat(a.text()).as("the smuggled request is never answered").doesNotContain("# HELP");
  }

  @Test
  void idleConnectionsBeyondTheCapNeverLockOutTheHealthProbe() throws Exception {
    List<Socket> idle = RawHttp.idle(port, CAP * 4);
    try {
      // Half-sent requests too (slowloris): a request line and no end of headers.
      List<Socket> slow = RawHttp.idle(port, CAP);
      for (Socket s : slow) {
        s.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: x\r\n".getBytes());
      }
      idle.addAll(slow);
      for (int i = 0; i < 5; i++) {
        assertThat(RawHttp.eventually(port, "/healthz")).isEqualTo(200);
      }
      assertThat(http.openConnections()).isLessThanOrEqualTo(CAP);
      double closed = registry.find(dev.magicexporter.metrics.self.SelfMetrics.LISTENER_CONNECTIONS_CLOSED.name()).tag("listener", "metrics")
          .counters().stream().mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
      assertThat(closed).as("connections evicted or refused").isGreaterThanOrEqualTo(CAP * 4);
    } finally {
      RawHttp.closeAll(idle);
    }
  }

  @Test
  void anIdleConnectionIsClosedAfterTheIdleTimeout() throws Exception {
    HttpEndpoints shortIdle = new HttpEndpoints(vertx, new MetricsEndpoint(new Metrics(false)), () -> null, "t",
        false, new ListenerLimits("metrics", CAP, Duration.ofMillis(300)), new SimpleMeterRegistry());
    shortIdle.start("127.0.0.1", 0).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    try (Socket s = RawHttp.connect(shortIdle.actualPort())) {
      // The server closes it: read() returns end of stream well before the socket's own timeout.
      assertThat(RawHttp.readAll(s).closed()).isTrue();
    } finally {
      shortIdle.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }
}
