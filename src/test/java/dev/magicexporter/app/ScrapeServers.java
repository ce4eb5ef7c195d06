package dev.magicexporter.app;

import dev.magicexporter.metrics.MetricsEndpoint;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;

/**
 * The three /metrics servers the scrape benchmark compares over HTTP: the product's endpoint,
 * the rendering before the scrape cache (render live and let Vert.x compress at level 4, as
 * {@code HttpEndpoints} did), and a floor that sends fixed pre-compressed bytes from memory.
 */
public final class ScrapeServers {
  private ScrapeServers() {}

  /** The product's listener ({@link HttpEndpoints}); returns its port. */
  public static int product(Vertx vertx, MetricsEndpoint endpoint) throws Exception {
    HttpEndpoints http = new HttpEndpoints(vertx, endpoint, () -> null, "bench", false, HttpEndpoints.DEFAULT_LIMITS,
        new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    http.start("127.0.0.1", 0).toCompletionStage().toCompletableFuture().get();
    return http.actualPort();
  }

  /** The listener as it was before the cache: live rendering, compressed by the server. */
  public static int renderEveryScrape(Vertx vertx, MetricsEndpoint endpoint) throws Exception {
    HttpServerOptions opts = new HttpServerOptions().setCompressionSupported(true).setCompressionLevel(4);
    return listen(vertx.createHttpServer(opts).requestHandler(req -> {
      ExpositionFormatWriter writer = endpoint.writerFor(req.getHeader("Accept"));
      HttpServerResponse response = req.response().setChunked(true).putHeader("Content-Type", writer.getContentType());
      vertx.executeBlocking(() -> {
        try (ResponseOutputStream out = new ResponseOutputStream(response)) {
          endpoint.scrape(writer, out);
        }
        return null;
      }, false).onComplete(ar -> response.end());
    }));
  }

  /** A server that answers every request with the same gzip bytes from memory. */
  public static int floor(Vertx vertx, byte[] gzip, String contentType) throws Exception {
    Buffer body = Buffer.buffer(gzip);
    return listen(vertx.createHttpServer().requestHandler(req -> req.response().putHeader("Content-Type", contentType)
        .putHeader("Content-Encoding", "gzip").end(body)));
  }

  private static int listen(HttpServer server) throws Exception {
    Future<HttpServer> f = server.listen(0, "127.0.0.1");
    return f.toCompletionStage().toCompletableFuture().get().actualPort();
  }
}
