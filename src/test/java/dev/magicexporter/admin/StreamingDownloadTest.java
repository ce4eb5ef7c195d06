package dev.magicexporter.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magicexporter.client.ApiRequest;
import dev.magicexporter.client.ClientOptions;
import dev.magicexporter.app.ClientStack;
import dev.magicexporter.client.TestClients;
import dev.magicexporter.client.Credential;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.metrics.MetricsOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.metrics.HttpClientMetrics;
import io.vertx.core.spi.metrics.VertxMetrics;
import io.vertx.core.streams.WriteStream;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * The PCAP download of a 64 MiB capture goes through the admin API as a stream: while the caller
 * reads nothing, the proxy (admin API plus Cloudflare client) holds at most a bounded number of
 * bytes, and when the caller reads again the whole capture arrives intact.
 *
 * <p>"Held by the proxy" is measured inside the process, never from the sockets' ends: bytes the
 * client read from its upstream socket (Vert.x's network metrics) minus bytes whose write into the
 * caller's response completed (handed to the kernel). Kernel socket buffers, which Linux grows to
 * tens of MiB on loopback, count on neither side, so the bound does not depend on the machine.
 */
class StreamingDownloadTest {
  private static final int CHUNK = 64 * 1024;
  private static final long TOTAL = 64L * 1024 * 1024;
  /** A few write queues' worth; a proxy that ignored backpressure would hold tens of MiB. */
  private static final long BOUND = 4L * 1024 * 1024;

  private static Buffer chunk(long index) {
    byte[] b = new byte[CHUNK];
    for (int i = 0; i < CHUNK; i++) {
      b[i] = (byte) (index * 31 + i);
    }
    return Buffer.buffer(b);
  }

  /** Bytes in the proxy: read from upstream, not yet written out to the caller; and its peak. */
  static final class Held {
    final AtomicLong readFromUpstream = new AtomicLong();
    final AtomicLong writtenToCaller = new AtomicLong();
    final AtomicLong peak = new AtomicLong();

    void read(long n) {
      readFromUpstream.addAndGet(n);
      sample();
    }

    void written(long n) {
      writtenToCaller.addAndGet(n);
      sample();
    }

    private void sample() {
      long held = readFromUpstream.get() - writtenToCaller.get();
      peak.accumulateAndGet(held, Math::max);
    }
  }

  /** A Vert.x whose HTTP clients report every byte they read from a socket to {@code held}. */
  private static Vertx countingClientReads(Held held) {
    HttpClientMetrics<Object, Object, Object> clientMetrics = new HttpClientMetrics<>() {
      @Override
      public void bytesRead(Object socketMetric, SocketAddress remoteAddress, long numberOfBytes) {
        held.read(numberOfBytes);
      }
    };
    return Vertx.builder().with(new VertxOptions().setMetricsOptions(new MetricsOptions().setEnabled(true)))
        .withMetrics(options -> new VertxMetrics() {
          @Override
          public HttpClientMetrics<?, ?, ?> createHttpClientMetrics(HttpClientOptions o) {
            return clientMetrics;
          }
        }).build();
  }

  /** The admin's sink, counting the bytes whose write into the caller's response completed. */
  private static final class CountingSink implements WriteStream<Buffer> {
    private final WriteStream<Buffer> sink;
    private final Held held;

    CountingSink(WriteStream<Buffer> sink, Held held) {
      this.sink = sink;
      this.held = held;
    }

    @Override
    public Future<Void> write(Buffer data) {
      int n = data.length();
      return sink.write(data).onSuccess(v -> held.written(n));
    }

    @Override
    public Future<Void> end() {
      return sink.end();
    }

    @Override
    public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
      sink.exceptionHandler(handler);
      return this;
    }

    @Override
    public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
      sink.setWriteQueueMaxSize(maxSize);
      return this;
    }

    @Override
    public boolean writeQueueFull() {
      return sink.writeQueueFull();
    }

    @Override
    public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
      sink.drainHandler(handler);
      return this;
    }
  }

  @Test
  void a64MiBCaptureIsStreamedWithBoundedBuffering() throws Exception {
    Held held = new Held();
    Vertx vertx = countingClientReads(held);
    AtomicLong written = new AtomicLong();
    CRC32 sentCrc = new CRC32();
    HttpServer upstream = AdminHarness.await(vertx.createHttpServer()
        .requestHandler(req -> {
          assertThat(req.path()).endsWith("/pcaps/p1/download");
          HttpServerResponse resp = req.response().putHeader("Content-Type", "application/vnd.tcpdump.pcap")
              .putHeader("Content-Length", Long.toString(TOTAL));
          pump(resp, written, sentCrc);
        }).listen(0, "127.0.0.1"));
    ClientStack client = TestClients.stack(vertx,
        ClientOptions.defaults("http://127.0.0.1:" + upstream.actualPort() + "/client/v4"), Credential.token("cf-t"));
    Upstream real = new ClientUpstream(client.passThrough());
    Upstream counted = new Upstream() {
      @Override
      public Future<Response> send(ApiRequest request) {
        return real.send(request);
      }

      @Override
      public Future<Void> pipe(ApiRequest request, Function<Head, WriteStream<Buffer>> onHead) {
        return real.pipe(request, head -> new CountingSink(onHead.apply(head), held));
      }
    };
    try (AdminHarness h = new AdminHarness(AdminHarness.defaultOptions(), DaemonStatus.empty(),
        new SimpleMeterRegistry(), Map.of(Samples.ACCOUNT, counted))) {
      HttpClient caller = h.vertx.createHttpClient();
      AtomicLong received = new AtomicLong();
      CRC32 gotCrc = new CRC32();
      Promise<HttpClientResponse> paused = Promise.promise();
      Promise<Integer> done = Promise.promise();
      h.vertx.getOrCreateContext().runOnContext(x -> caller.request(new RequestOptions().setMethod(HttpMethod.GET)
              .setHost("127.0.0.1").setPort(h.server.actualPort())
              .setURI(AdminApi.BASE + "/accounts/" + Samples.ACCOUNT + "/pcaps/p1/download")
              .putHeader("Authorization", "Bearer " + AdminHarness.READ_TOKEN))
          .compose(r -> r.send())
          .onSuccess(resp -> {
            resp.handler(buf -> {
              gotCrc.update(buf.getBytes());
              if (received.addAndGet(buf.length()) >= 1024 * 1024 && !paused.future().isComplete()) {
                resp.pause();
                paused.complete(resp);
              }
            });
            resp.endHandler(v -> done.complete(resp.statusCode()));
            resp.exceptionHandler(done::tryFail);
          })
          .onFailure(done::tryFail));

      HttpClientResponse resp = AdminHarness.await(paused.future(), 120);
      waitUntilStill(held.readFromUpstream);
      assertThat(held.peak.get()).as("bytes the proxy held while the caller read none").isLessThan(BOUND);

      h.vertx.getOrCreateContext().runOnContext(x -> resp.resume());
      assertThat(AdminHarness.await(done.future(), 180)).isEqualTo(200);
      assertThat(received.get()).isEqualTo(TOTAL);
      assertThat(gotCrc.getValue()).isEqualTo(sentCrc.getValue());
      assertThat(resp.getHeader("Content-Type")).isEqualTo("application/vnd.tcpdump.pcap");
      assertThat(held.peak.get()).as("bytes the proxy held at any time").isLessThan(BOUND);
    } finally {
      AdminHarness.await(client.close());
      AdminHarness.await(vertx.close());
    }
  }

  /** Writes the capture with backpressure: only while the connection's queue has room. */
  private static void pump(HttpServerResponse resp, AtomicLong written, CRC32 crc) {
    while (!resp.writeQueueFull()) {
      long index = written.get() / CHUNK;
      if (written.get() >= TOTAL) {
        resp.end();
        return;
      }
      Buffer b = chunk(index);
      crc.update(b.getBytes());
      written.addAndGet(b.length());
      resp.write(b);
    }
    resp.drainHandler(v -> pump(resp, written, crc));
  }

  /**
   * Waits until {@code counter} has not moved for half a second: the proxy stopped reading. A
   * pause on a loaded machine can end the wait early, which only makes the check weaker, never
   * wrong; the peak is tracked for the whole transfer and checked again at the end.
   */
  private static void waitUntilStill(AtomicLong counter) throws InterruptedException {
    long last = -1;
    int still = 0;
    for (int i = 0; i < 1200 && still < 5; i++) {
      Thread.sleep(100);
      long now = counter.get();
      still = now == last ? still + 1 : 0;
      last = now;
    }
    assertThat(still).as("the proxy stopped reading while the caller read nothing").isEqualTo(5);
  }
}
