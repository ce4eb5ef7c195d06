package dev.magicexporter.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.magicexporter.client.Json;
import dev.magicexporter.sim.SimClock;
import dev.magicexporter.sim.SimModule;
import dev.magicexporter.sim.SimOptions;
import dev.magicexporter.sim.Simulator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A simulator on an ephemeral loopback port with a manual clock, and a blocking client for tests. */
public final class SimHarness implements AutoCloseable {
  public final Vertx vertx;
  public final SimClock.Manual clock;
  public final SimOptions options;
  public final Simulator simulator;
  private final WebClient web;

  public SimHarness(SimOptions options, double start, List<SimModule> modules) {
    this.vertx = Vertx.vertx();
    this.clock = new SimClock.Manual(start);
    this.options = options.withPort(0);
    this.simulator = new Simulator(vertx, this.options, clock, modules);
    await(simulator.start());
    this.web = WebClient.create(vertx);
  }

  public static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** One answer: status, body, content type. */
  public record Answer(int status, Buffer body, String contentType) {
    public JsonNode json() {
      try {
        return Json.MAPPER.readTree(body.getBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** GET {@code path} (relative to {@code /client/v4}) with the simulator's token. */
  public Answer get(String path, Map<String, String> headers) {
    HttpRequest<Buffer> req = web.getAbs(simulator.baseUrl() + path)
        .putHeader("Authorization", "Bearer " + options.apiToken());
    headers.forEach(req::putHeader);
    HttpResponse<Buffer> r = await(req.send());
    return new Answer(r.statusCode(), r.body() == null ? Buffer.buffer() : r.body(), r.getHeader("Content-Type"));
  }

  public Answer get(String path) {
    return get(path, Map.of());
  }

  /** POST {@code body} as JSON to {@code path} (relative to {@code /client/v4}) with the simulator's token. */
  public Answer post(String path, Object body) {
    Buffer json;
    try {
      json = Buffer.buffer(Json.MAPPER.writeValueAsBytes(body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    HttpResponse<Buffer> r = await(web.postAbs(simulator.baseUrl() + path)
        .putHeader("Authorization", "Bearer " + options.apiToken())
        .putHeader("Content-Type", "application/json").sendBuffer(json));
    return new Answer(r.statusCode(), r.body() == null ? Buffer.buffer() : r.body(), r.getHeader("Content-Type"));
  }

  public String baseUrl() {
    return simulator.baseUrl();
  }

  @Override
  public void close() {
    web.close();
    await(simulator.stop());
    await(vertx.close());
  }
}
