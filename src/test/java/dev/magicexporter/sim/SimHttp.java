package dev.magicexporter.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.magicexporter.sim.connectors.SimWorld;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A simulator on an ephemeral loopback port plus a blocking HTTP client for tests. */
public final class SimHttp implements AutoCloseable {
  public static final long T0 = 1_764_000_000L; // 2025-11-24T16:00:00Z
  public static final String ACCOUNT = SimOptions.DEFAULT_ACCOUNT;
  public static final ObjectMapper JSON = new ObjectMapper();

  public final Vertx vertx;
  public final Simulator sim;
  public final SimClock.Manual clock;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  public SimHttp(SimOptions options) {
    this(options, new SimClock.Manual(T0), SimModules.defaults());
  }

  public SimHttp(SimOptions options, SimClock.Manual clock, List<SimModule> modules) {
    this.vertx = Vertx.vertx();
    this.clock = clock;
    this.sim = new Simulator(vertx, options.withPort(0), clock, modules);
    try {
      sim.start().await(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close();
      throw new IllegalStateException("simulator did not start", e);
    }
  }

  public SimWorld world() {
    return sim.world();
  }

  public String connectorId(int index) {
    return world().connectorId(ACCOUNT, index);
  }

  /** {@code /accounts/ACCOUNT/magic/connectors/ID} + rest. */
  public String connectorPath(int index, String rest) {
    return "/accounts/" + ACCOUNT + "/magic/connectors/" + connectorId(index) + rest;
  }

  public Reply get(String path) {
    return get(path, sim.context().options().apiToken());
  }

  public Reply get(String path, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.baseUrl() + path)).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""),
          r.headers().firstValue("Retry-After").orElse(null), r.body(), r.headers());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws Exception {
    sim.stop().await(10, TimeUnit.SECONDS);
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  public record Reply(int status, String contentType, String retryAfter, String body, java.net.http.HttpHeaders headers) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (" + status + "): " + body, e);
      }
    }

    public JsonNode result() {
      return json().get("result");
    }
  }
}
