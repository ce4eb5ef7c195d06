package dev.magicexporter.app;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Streams a scrape into a chunked HTTP response in 64 KiB pieces, from a worker thread, waiting
 * while the connection's write queue is full. A large scrape thus never sits whole in memory,
 * and a client that goes away stops the rendering.
 */
final class ResponseOutputStream extends OutputStream {
  private static final int CHUNK = 64 * 1024;
  private static final long DRAIN_TIMEOUT_SECONDS = 60;

  private final HttpServerResponse response;
  private final byte[] buf = new byte[CHUNK];
  private int n;
  private volatile boolean failed;

  ResponseOutputStream(HttpServerResponse response) {
    this.response = response;
    response.exceptionHandler(t -> failed = true);
    response.closeHandler(v -> failed = true);
  }

  @Override
  public void write(int b) throws IOException {
    if (n == CHUNK) {
      push();
    }
    buf[n++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      if (n == CHUNK) {
        push();
      }
      int k = Math.min(len, CHUNK - n);
      System.arraycopy(b, off, buf, n, k);
      n += k;
      off += k;
      len -= k;
    }
  }

  /** Sends what is buffered; the response is ended by the caller. */
  @Override
  public void flush() throws IOException {
    if (n > 0) {
      push();
    }
  }

  @Override
  public void close() throws IOException {
    flush();
  }

  private void push() throws IOException {
    if (failed || response.closed()) {
      throw new IOException("the scraper went away");
    }
    Buffer chunk = Buffer.buffer(n).appendBytes(buf, 0, n);
    n = 0;
    response.write(chunk);
    if (response.writeQueueFull()) {
      CountDownLatch drained = new CountDownLatch(1);
      response.drainHandler(v -> drained.countDown());
      try {
        if (response.writeQueueFull() && !drained.await(DRAIN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          throw new IOException("the scraper stopped reading for " + DRAIN_TIMEOUT_SECONDS + " s");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while streaming the scrape", e);
      }
    }
  }
}
