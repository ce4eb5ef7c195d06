package dev.magicexporter.client;

import io.vertx.core.Future;

/**
 * One HTTP exchange with the Cloudflare API, and the seam every cross-cutting concern wraps:
 * {@link HttpTransport} sends, and {@link RedactingTransport}, {@link MeteredTransport},
 * {@link BudgetedTransport} and {@link RetryingTransport} each add one concern around it. The
 * stack is composed once, in {@code app.ClientStack}; typed calls ({@link CloudflareApiClient})
 * and the admin API's pass-through ({@link PassThrough}) both go through it.
 *
 * <p>Both methods answer with whatever status the server sent (a 404 is an answer, not a
 * failure) and fail only when no answer came; the failure is then an {@link ApiException.Network}
 * once it has passed {@link RedactingTransport}.
 */
public interface Transport {

  /** Sends the request and reads the whole body. */
  Future<RawResponse> send(ApiRequest request);

  /**
   * Sends the request and answers with the head as soon as it arrives; the body is paused until
   * the caller pipes it ({@link BodyPipe}) or {@linkplain Answer#discard() discards} it.
   */
  Future<StreamedResponse> open(ApiRequest request);
}
