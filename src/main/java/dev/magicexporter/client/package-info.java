/**
 * The Cloudflare API client: a typed {@link dev.magicexporter.client.CloudflareApi} for the
 * pollers and a {@link dev.magicexporter.client.PassThrough} for the admin API, both over one
 * decorated {@link dev.magicexporter.client.Transport} per credential.
 *
 * <h2>Layers</h2>
 * <pre>
 * CloudflareApi          one method per endpoint, model records in and out   (pollers see only this)
 *   CloudflareApiClient  each method = one row of the endpoint table
 *   Endpoints            paths, priorities, headers, decoders: the only place that knows them
 *   ApiCalls             one call + ResponseReader; page/per_page lists; cursor lists page by page
 * Transport              one HTTP exchange; decorators, composed once in app.ClientStack:
 *   RetryingTransport    RetryPolicy (SDK rules); a 429 waits in the budget
 *   BudgetedTransport    RequestBudget: a token per attempt; 429 and used-up windows pause the credential
 *   MeteredTransport     ClientMetrics per attempt
 *   RedactingTransport   the credential's secret never leaves the transport
 *   HttpTransport        Vert.x HTTP, auth headers, timeouts, BodyPipe for every body
 * </pre>
 *
 * <h2>Adding an endpoint or a new kind of request</h2>
 * A GET of the v4 API: add a row to {@link dev.magicexporter.client.Endpoints} (an
 * {@link dev.magicexporter.client.Endpoint}, or a {@link dev.magicexporter.client.ListEndpoint}
 * for a list of objects), a method to {@code CloudflareApi}, and its one-line implementation in
 * {@code CloudflareApiClient} ({@code list(row, ...)} or {@code calls.send(row.request(...), decoder)}).
 *
 * <p>A request of another kind, e.g. {@code POST {base}/graphql} with a JSON body and the
 * {@code {data, errors}} envelope (the GraphQL analytics are done so: {@code Endpoints.GRAPHQL} and
 * the readers of {@link dev.magicexporter.client.graphql.GraphQlCall}): (1) a row
 * {@code Endpoint.post("analytics", "/graphql", priority)};
 * (2) build the request with {@code row.request().withBody(jsonBuffer)} (the transport sends
 * {@code Content-Type: application/json} with any body); (3) a
 * {@link dev.magicexporter.client.ResponseReader} for the envelope, which turns the final
 * {@link dev.magicexporter.client.RawResponse} (any status) into the result or an
 * {@link dev.magicexporter.client.ApiException} ({@link dev.magicexporter.client.V4Envelope#errorFor}
 * maps non-2xx statuses the same way for every envelope); (4) the method calls
 * {@code calls.call(request, reader)}. Budget, retries, metrics and redaction apply unchanged,
 * since they sit below {@code ApiCalls}. Note that a POST is retried only when the connection was
 * never made ({@link dev.magicexporter.client.RetryPolicy}); a read-only query that is safe to
 * repeat can say so with {@code x-should-retry}, or the row can use a method the policy treats as
 * idempotent.
 *
 * <h2>Concurrency</h2>
 * Everything here is non-blocking and runs on Vert.x event loops; nothing in this package blocks
 * or calls {@code executeBlocking}. A call's future completes on the caller's context: the
 * budget hands a token back on the context that asked ({@code BudgetedTransport}), and the HTTP
 * client delivers an answer on the context that sent the request. A streamed body is piped on
 * its own stream's context ({@link dev.magicexporter.client.BodyPipe}), whatever thread the sink
 * lives on. State that several contexts share (one stack serves the pollers and the admin API's
 * connections) is either immutable, atomic ({@code BudgetedTransport}'s 429 count,
 * {@code FieldErrors}' log-once set) or the {@link dev.magicexporter.client.RequestBudget}'s own,
 * which is thread-safe. Per-call state (a pager's accumulator, a pipe's flags) lives in one
 * call's callbacks on one context and needs no locks.
 */
package dev.magicexporter.client;
