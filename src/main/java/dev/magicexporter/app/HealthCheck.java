package dev.magicexporter.app;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * {@code java -cp magic-exporter.jar dev.magicexporter.app.HealthCheck [URL]}: exits 0 when
 * {@code /healthz} answers 200. The container HEALTHCHECK uses it so the image needs no curl.
 */
public final class HealthCheck {
  private HealthCheck() {}

  public static void main(String[] args) {
    String port = System.getenv().getOrDefault("MAGIC_EXPORTER_LISTEN_PORT", "10071");
    String url = args.length > 0 ? args[0] : "http://127.0.0.1:" + port + "/healthz";
    try {
      HttpResponse<Void> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()
          .send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
              HttpResponse.BodyHandlers.discarding());
      System.exit(r.statusCode() == 200 ? 0 : 1);
    } catch (Exception e) {
      System.err.println("unhealthy: " + e);
      System.exit(1);
    }
  }
}
