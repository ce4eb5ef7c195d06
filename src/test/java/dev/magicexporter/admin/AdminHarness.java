package dev.magicexporter.admin;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** An admin server on an ephemeral loopback port in front of fake upstreams, and a blocking client. */
final class AdminHarness implements AutoCloseable {
  static final String WRITE_TOKEN = "write-token-6f1c2a9e0d";
  static final String READ_TOKEN = "read-token-93b7e1c4aa";
  static final String ACCOUNT = Samples.ACCOUNT;

  final Vertx vertx = Vertx.vertx();
  final FakeUpstream upstream = new FakeUpstream();
  final AdminServer server;
  final HttpClient http;
  final java.net.http.HttpClient jdk = java.net.http.HttpClient.newBuilder()
      .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
  final io.micrometer.core.instrument.MeterRegistry registry;

  /** A response as the caller sees it. */
  record Resp(int status, MultiMap headers, Buffer body) {
    String text() {
      return body.toString();
    }

    JsonObject json() {
      return new JsonObject(body);
    }
  }

  AdminHarness() {
    this(defaultOptions(), DaemonStatus.empty());
  }

  AdminHarness(AdminOptions options, DaemonStatus status) {
    this(options, status, new SimpleMeterRegistry(), null);
  }

  AdminHarness(AdminOptions options, DaemonStatus status, io.micrometer.core.instrument.MeterRegistry registry,
      Map<String, Upstream> upstreams) {
    this.registry = registry;
    this.server = new AdminServer(options, upstreams != null ? upstreams : Map.of(ACCOUNT, upstream), status, registry);
    await(vertx.deployVerticle(server));
    this.http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(server.actualPort()), new io.vertx.core.http.PoolOptions().setHttp1MaxSize(16));
  }

  static AdminOptions defaultOptions() {
    return new AdminOptions("127.0.0.1", 0, List.of(
        new AdminToken("ops-team", WRITE_TOKEN, Scope.WRITE), new AdminToken("grafana", READ_TOKEN, Scope.READ)),
        Duration.ofMinutes(5), Map.of(), 64L << 20, 1 << 20);
  }

  static <T> T await(Future<T> f) {
    return await(f, 30);
  }

  /** For long transfers: a loaded 2-core CI machine moves 64 MiB through two hops slowly. */
  static <T> T await(Future<T> f, long seconds) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("future failed or timed out: " + e, e);
    }
  }

  private final io.vertx.core.Context clientContext = vertx.getOrCreateContext();

  /**
   * Sends with Vert.x's client, which (unlike the JDK's) sends any method token and any URI as
   * given, for malformed requests. Requests start on one fixed context, as in a verticle.
   */
  Future<Resp> sendRaw(HttpMethod method, String uri, Map<String, String> headers, Buffer body) {
    io.vertx.core.Promise<Resp> done = io.vertx.core.Promise.promise();
    clientContext.runOnContext(x -> {
      RequestOptions ro = new RequestOptions().setMethod(method).setURI(uri).setIdleTimeout(10_000);
      headers.forEach(ro::putHeader);
      if (body != null && headers.keySet().stream().noneMatch(h -> h.equalsIgnoreCase("Content-Type"))) {
        ro.putHeader("Content-Type", "application/json");
      }
      http.request(ro)
          .compose(req -> body == null ? req.send() : req.send(body))
          .compose(resp -> resp.body().map(b -> new Resp(resp.statusCode(), resp.headers(), b)))
          .onComplete(done);
    });
    return done.future();
  }

  /** Sends with the JDK client, so the code under test and the test client share no Vert.x machinery. */
  Future<Resp> send(HttpMethod method, String uri, Map<String, String> headers, String body) {
    java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(
            java.net.URI.create("http://127.0.0.1:" + server.actualPort() + uri))
        .timeout(Duration.ofSeconds(60))
        .method(method.name(), body == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
            : java.net.http.HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::header);
    // The admin API takes JSON bodies only (a CSRF defence); a test that means another type says so.
    if (body != null && headers.keySet().stream().noneMatch(h -> h.equalsIgnoreCase("Content-Type"))) {
      b.header("Content-Type", "application/json");
    }
    return Future.fromCompletionStage(jdk.sendAsync(b.build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray())
        .thenApply(r -> {
          MultiMap hs = MultiMap.caseInsensitiveMultiMap();
          r.headers().map().forEach(hs::add);
          return new Resp(r.statusCode(), hs, Buffer.buffer(r.body()));
        }));
  }

  Resp call(HttpMethod method, String uri, String token, String body) {
    return await(send(method, uri, token == null ? Map.of() : Map.of("Authorization", "Bearer " + token), body));
  }

  Resp get(String apiPath) {
    return call(HttpMethod.GET, AdminApi.BASE + apiPath, WRITE_TOKEN, null);
  }

  Resp write(HttpMethod method, String apiPath, String body) {
    return call(method, AdminApi.BASE + apiPath, WRITE_TOKEN, body);
  }

  static String acct(String rest) {
    return "/accounts/" + ACCOUNT + rest;
  }

  @Override
  public void close() {
    await(vertx.close());
  }
}
