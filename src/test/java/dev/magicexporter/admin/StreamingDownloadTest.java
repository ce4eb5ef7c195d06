package dev.magicexporter.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magicexporter.client.ClientOptions;
import dev.magicexporter.client.CloudflareClient;
import dev.magicexporter.client.Credential;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * The PCAP download of a 64 MiB capture goes through the admin API as a stream: while the caller
 * does not read, the upstream cannot send more than a few buffers ahead, so the admin never
 * holds the body; when the caller reads again the whole capture arrives intact.
 */
class StreamingDownloadTest {
  private static final int CHUNK = 64 * 1024;
  private static final long TOTAL = 64L * 1024 * 1024;
  private static final long BOUND = 16L * 1024 * 1024;

  private static Buffer chunk(long index) {
    byte[] b = new byte[CHUNK];
    for (int i = 0; i < CHUNK; i++) {
      b[i] = (byte) (index * 31 + i);
    }
    return Buffer.buffer(b);
  }

  @Test
  void a64MiBCaptureIsStreamedWithBoundedBuffering() throws Exception {
    Vertx vertx = Vertx.vertx();
    AtomicLong written = new AtomicLong();
    CRC32 sentCrc = new CRC32();
    HttpServer upstream = AdminHarness.await(vertx.createHttpServer(new HttpServerOptions().setSendBufferSize(64 * 1024))
        .requestHandler(req -> {
          assertThat(req.path()).endsWith("/pcaps/p1/download");
          HttpServerResponse resp = req.response().putHeader("Content-Type", "application/vnd.tcpdump.pcap")
              .putHeader("Content-Length", Long.toString(TOTAL));
          pump(resp, written, sentCrc);
        }).listen(0, "127.0.0.1"));
    CloudflareClient client = new CloudflareClient(vertx,
        ClientOptions.defaults("http://127.0.0.1:" + upstream.actualPort() + "/client/v4"), Credential.token("cf-t"));
    try (AdminHarness h = new AdminHarness(AdminHarness.defaultOptions(), DaemonStatus.empty(),
        new SimpleMeterRegistry(), ClientUpstream.forAccounts(Map.of(Samples.ACCOUNT, client)))) {
      HttpClient caller = h.vertx.createHttpClient(new HttpClientOptions().setReceiveBufferSize(64 * 1024));
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
      long stalledAt = waitForStall(written);
      assertThat(stalledAt).as("bytes the upstream could send while the caller read none").isLessThan(TOTAL);
      assertThat(stalledAt - received.get()).as("bytes buffered between upstream and caller")
          .isLessThan(BOUND);
      h.vertx.getOrCreateContext().runOnContext(x -> resp.resume());
      assertThat(AdminHarness.await(done.future(), 180)).isEqualTo(200);
      assertThat(received.get()).isEqualTo(TOTAL);
      assertThat(gotCrc.getValue()).isEqualTo(sentCrc.getValue());
      assertThat(resp.getHeader("Content-Type")).isEqualTo("application/vnd.tcpdump.pcap");
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

  /** The upstream's byte count once it has not moved for half a second. */
  private static long waitForStall(AtomicLong written) throws InterruptedException {
    long last = -1;
    int still = 0;
    for (int i = 0; i < 600 && still < 5; i++) {
      Thread.sleep(100);
      long now = written.get();
      still = now == last ? still + 1 : 0;
      last = now;
    }
    return last;
  }
}
