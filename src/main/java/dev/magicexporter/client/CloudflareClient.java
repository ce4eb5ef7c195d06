package dev.magicexporter.client;

import dev.magicexporter.model.CursorPage;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import java.util.List;
import java.util.function.Function;

/**
 * The generic calls of one credential over the decorated transport, kept while the pollers move
 * to {@link CloudflareApi}; it goes with that move.
 */
public class CloudflareClient {
  protected final Vertx vertx;
  protected final ClientOptions options;
  protected final Credential credential;
  private final RequestBudget budget;
  private final HttpTransport http;
  private final ApiCalls calls;
  private final PassThrough passThrough;

  public CloudflareClient(Vertx vertx, ClientOptions options, Credential credential) {
    this(vertx, options, credential, RequestBudget.create(vertx, credential, options), new SimpleMeterRegistry());
  }

  public CloudflareClient(Vertx vertx, ClientOptions options, Credential credential, RequestBudget budget,
      MeterRegistry registry) {
    this(vertx, options, credential, budget, new ClientMetrics(registry));
  }

  private CloudflareClient(Vertx vertx, ClientOptions options, Credential credential, RequestBudget budget,
      ClientMetrics metrics) {
    this(vertx, options, credential, budget, new HttpTransport(vertx, options, credential), metrics);
  }

  private CloudflareClient(Vertx vertx, ClientOptions options, Credential credential, RequestBudget budget,
      HttpTransport http, ClientMetrics metrics) {
    this(vertx, options, credential, budget, http, RetryPolicy.of(options), metrics);
  }

  private CloudflareClient(Vertx vertx, ClientOptions options, Credential credential, RequestBudget budget,
      HttpTransport http, RetryPolicy retry, ClientMetrics metrics) {
    this(vertx, options, credential, budget, http, new RetryingTransport(new BudgetedTransport(new MeteredTransport(
        new RedactingTransport(http, credential), metrics), budget, vertx, retry), retry, vertx, metrics), metrics);
  }

  private CloudflareClient(Vertx vertx, ClientOptions options, Credential credential, RequestBudget budget,
      HttpTransport http, Transport transport, ClientMetrics metrics) {
    this(vertx, options, credential, budget, http, new ApiCalls(transport, metrics, options.maxPages()),
        new PassThrough(transport, metrics));
  }

  /** Over the parts of a composed stack ({@code app.ClientStack}), sharing its connections and budget. */
  public CloudflareClient(Vertx vertx, ClientOptions options, Credential credential, RequestBudget budget,
      HttpTransport http, ApiCalls calls, PassThrough passThrough) {
    if (!budget.credentialId().equals(credential.id())) {
      throw new IllegalArgumentException("budget of " + budget.credentialId() + " given to a client of " + credential.id());
    }
    this.vertx = vertx;
    this.options = options;
    this.credential = credential;
    this.budget = budget;
    this.http = http;
    this.calls = calls;
    this.passThrough = passThrough;
  }

  public ClientOptions options() {
    return options;
  }

  public Credential credential() {
    return credential;
  }

  public RequestBudget budget() {
    return budget;
  }

  public <T> Future<ApiResponse<T>> send(ApiRequest req, ResultDecoder<T> decoder) {
    return calls.send(req, decoder);
  }

  public Future<RawResponse> sendRaw(ApiRequest req) {
    return passThrough.send(req);
  }

  public Future<Void> pipe(ApiRequest req, Function<ResponseHead, WriteStream<Buffer>> onHead) {
    return passThrough.pipe(req, onHead);
  }

  public <T> Future<List<T>> listAllPages(ApiRequest req, ResultDecoder<List<T>> items, int perPage) {
    return calls.allPages(req, items, perPage);
  }

  public <T> Future<Void> forEachCursorPage(
      ApiRequest req, ResultDecoder<CursorPage<T>> decoder, Function<CursorPage<T>, Future<Void>> onPage) {
    return calls.cursorPages(req, decoder, onPage);
  }

  public Future<Void> close() {
    return http.close();
  }
}
