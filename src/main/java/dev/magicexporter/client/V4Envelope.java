package dev.magicexporter.client;

import dev.magicexporter.model.ApiMessage;
import io.vertx.core.MultiMap;
import java.util.List;

/**
 * Reads the v4 envelope of a final answer: a 2xx with {@code success:true} gives its decoded
 * {@code result}; a 2xx with {@code success:false}, without {@code success} or with a body that
 * is not the envelope is {@link ApiException.Malformed}; any other status is the typed error for
 * it ({@link #errorFor}) with the envelope's {@code errors} when the body has them.
 */
public final class V4Envelope {
  private V4Envelope() {}

  /** The reader of answers whose {@code result} {@code decoder} reads. */
  public static <T> ResponseReader<ApiResponse<T>> of(ResultDecoder<T> decoder) {
    return (req, resp) -> read(req, resp, decoder);
  }

  static <T> ApiResponse<T> read(ApiRequest req, RawResponse resp, ResultDecoder<T> decoder) {
    int status = resp.status();
    byte[] body = resp.body() == null ? new byte[0] : resp.body().getBytes();
    if (status >= 200 && status < 300) {
      EnvelopeDecoder.Envelope<T> env = EnvelopeDecoder.decode(body, status, decoder);
      if (env.success() == null) {
        throw new ApiException.Malformed(status, "envelope without 'success'", null);
      }
      if (!env.success()) {
        throw new ApiException.Malformed(status, "envelope reports success:false", env.errors(), null);
      }
      return new ApiResponse<>(status, env.result(), env.resultInfo(), env.errors(), env.messages());
    }
    List<ApiMessage> errors = List.of();
    try {
      errors = EnvelopeDecoder.decode(body, status, p -> {
        p.skipChildren();
        return null;
      }).errors();
    } catch (ApiException.Malformed ignored) {
      // An error status with a body that is not an envelope: the status alone is the error.
    }
    throw errorFor(req, status, errors, resp.headers());
  }

  /** The typed error for a non-2xx status. */
  public static ApiException errorFor(ApiRequest req, int status, List<ApiMessage> errors, MultiMap headers) {
    if (status == 401 || status == 403) {
      return new ApiException.Authentication(status, errors, PermissionHints.forRequest(req.method(), req.template()));
    }
    if (status == 404) {
      return new ApiException.NotFound(errors);
    }
    if (status == 429) {
      return new ApiException.Throttled(errors, RetryPolicy.retryAfterMillis(headers, System.currentTimeMillis()));
    }
    if (status >= 500) {
      return new ApiException.Server(status, errors);
    }
    if (status >= 400) {
      return new ApiException.Validation(status, errors);
    }
    return new ApiException.Malformed(status, "unexpected HTTP status " + status, errors, null);
  }
}
