package dev.magicexporter.app;

import dev.magicexporter.client.ApiCalls;
import dev.magicexporter.client.BudgetedTransport;
import dev.magicexporter.client.ClientMetrics;
import dev.magicexporter.client.ClientOptions;
import dev.magicexporter.client.CloudflareApi;
import dev.magicexporter.client.CloudflareApiClient;
import dev.magicexporter.client.Credential;
import dev.magicexporter.client.FieldErrors;
import dev.magicexporter.client.HttpTransport;
import dev.magicexporter.client.MeteredTransport;
import dev.magicexporter.client.PassThrough;
import dev.magicexporter.client.RedactingTransport;
import dev.magicexporter.client.RequestBudget;
import dev.magicexporter.client.RetryPolicy;
import dev.magicexporter.client.RetryingTransport;
import dev.magicexporter.client.Transport;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The client of one credential, composed in this one place: plain HTTP, then (inside out)
 * redaction, per-attempt metrics, the credential's request budget and retries. The typed
 * {@link CloudflareApi} of the pollers and the admin API's {@link PassThrough} share the stack,
 * so both spend the same budget and pass the same decorators.
 *
 * <pre>
 * RetryingTransport            tries again (a 429 waits in the budget below)
 *   BudgetedTransport          a token per attempt; 429 / used-up window pause the credential
 *     MeteredTransport         one count and one duration per attempt
 *       RedactingTransport     no secret in bodies, headers or failure messages past this point
 *         HttpTransport        auth headers, timeouts, no redirects
 * </pre>
 */
public record ClientStack(Credential credential, RequestBudget budget, Transport transport, CloudflareApi api,
    PassThrough passThrough, ApiCalls calls, HttpTransport http) {

  /**
   * @param budget the one budget of {@code credential}, shared by everything that uses it
   * @param metrics the client self-metrics (one per registry, shared by every credential)
   * @param fieldErrors where values dropped from list items are counted (one per registry)
   */
  public static ClientStack compose(Vertx vertx, ClientOptions options, Credential credential, RequestBudget budget,
      ClientMetrics metrics, FieldErrors fieldErrors) {
    if (!budget.credentialId().equals(credential.id())) {
      throw new IllegalArgumentException("budget of " + budget.credentialId() + " given to a client of " + credential.id());
    }
    RetryPolicy retry = RetryPolicy.of(options);
    HttpTransport http = new HttpTransport(vertx, options, credential);
    Transport transport = new RetryingTransport(
        new BudgetedTransport(
            new MeteredTransport(
                new RedactingTransport(http, credential),
                metrics),
            budget, vertx, retry),
        retry, vertx, metrics);
    ApiCalls calls = new ApiCalls(transport, metrics, options.maxPages());
    return new ClientStack(credential, budget, transport, new CloudflareApiClient(calls, fieldErrors),
        new PassThrough(transport, metrics), calls, http);
  }

  /** As {@link #compose(Vertx, ClientOptions, Credential, RequestBudget, ClientMetrics, FieldErrors)}, metrics in {@code registry}. */
  public static ClientStack compose(Vertx vertx, ClientOptions options, Credential credential, RequestBudget budget,
      MeterRegistry registry) {
    return compose(vertx, options, credential, budget, new ClientMetrics(registry), new FieldErrors(registry));
  }

  public Future<Void> close() {
    return http.close();
  }
}
