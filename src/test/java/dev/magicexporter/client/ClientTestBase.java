package dev.magicexporter.client;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A WireMock server on an ephemeral port, a Vert.x instance and a Prometheus registry per test. */
abstract class ClientTestBase {
  static final String TOKEN = "cfut_S3cr3tT0ken_9f8e7d6c5b4a39281706";
  static final String ACCOUNT = "023e105f4ecef8ad9ca31a8372d0c353";
  static final String CONNECTORS = "/accounts/{account_id}/magic/connectors";

  /**
   * One WireMock server for every client test class in the JVM, reset before each test: a
   * server's start and first request cost seconds on a loaded machine, its later requests
   * milliseconds.
   */
  static final WireMockServer wm = startWireMock();

  private static WireMockServer startWireMock() {
    WireMockServer s = new WireMockServer(wireMockConfig().dynamicPort().containerThreads(16)
        .templatingEnabled(false));
    s.start();
    Runtime.getRuntime().addShutdownHook(new Thread(s::stop, "wiremock-stop"));
    return s;
  }

  Vertx vertx;
  PrometheusMeterRegistry registry;

  @BeforeEach
  void startVertx() {
    wm.resetAll();
    vertx = Vertx.vertx();
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  @AfterEach
  void stopVertx() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** Short timeouts and backoff so that retry tests stay fast. */
  ClientOptions options() {
    return ClientOptions.defaults("http://127.0.0.1:" + wm.port() + "/client/v4")
        .withRequestTimeout(Duration.ofSeconds(5))
        .withRetries(2, Duration.ofMillis(10), Duration.ofMillis(40));
  }

  TestClient client(ClientOptions o) {
    return client(o, Credential.token(TOKEN));
  }

  TestClient client(ClientOptions o, Credential c) {
    RequestBudget budget = RequestBudget.create(vertx, c, o).bindTo(registry);
    return TestClient.of(vertx, o, c, budget, registry);
  }

  TestClient client() {
    return client(options());
  }

  static String path(String template) {
    return "/client/v4" + template.replace("{account_id}", ACCOUNT);
  }

  static ApiRequest req(String template) {
    return ApiRequest.get(template).withPath("account_id", ACCOUNT);
  }

  static String ok(String resultJson) {
    return "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":" + resultJson + "}";
  }

  static String failed(int code, String message) {
    return "{\"success\":false,\"errors\":[{\"code\":" + code + ",\"message\":\"" + message
        + "\"}],\"messages\":[],\"result\":null}";
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("expected success, got " + e.getCause(), e.getCause());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static Throwable awaitFailure(Future<?> f) {
    try {
      Object v = f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      throw new AssertionError("expected a failure, got " + v);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Every request WireMock received, oldest first. */
  static List<LoggedRequest> requestsInOrder() {
    List<LoggedRequest> out = new java.util.ArrayList<>(
        wm.getAllServeEvents().stream().map(e -> e.getRequest()).toList());
    java.util.Collections.reverse(out);
    return out;
  }

  String scrape() {
    return registry.scrape();
  }
}
