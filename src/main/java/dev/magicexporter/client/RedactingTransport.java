package dev.magicexporter.client;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Keeps the credential's secret out of everything that leaves the transport: a server that echoes
 * the token in an error body or a header, or a network error that quotes it, would otherwise put
 * it into logs, typed errors and the admin API's answers. Buffered bodies and every header value
 * are searched and the secret replaced by {@code [redacted]}; a streamed body (a binary capture)
 * is passed on untouched. A failure without an answer becomes an {@link ApiException.Network}
 * whose message is redacted; the original stays its cause, for the retry decision.
 *
 * <p>Sits directly on {@link HttpTransport}, so no other decorator, log line or metric ever sees
 * an unredacted answer.
 */
public final class RedactingTransport implements Transport {
  static final String REDACTED = "[redacted]";

  private final Transport inner;
  private final String secret;
  private final byte[] secretBytes;

  public RedactingTransport(Transport inner, Credential credential) {
    this.inner = inner;
    this.secret = credential.isToken() ? credential.apiToken() : credential.apiKey();
    this.secretBytes = secret == null || secret.isEmpty() ? null : secret.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public Future<RawResponse> send(ApiRequest request) {
    return inner.send(request).transform(ar -> ar.succeeded()
        ? Future.succeededFuture(redact(ar.result()))
        : Future.failedFuture(networkError(ar.cause())));
  }

  @Override
  public Future<StreamedResponse> open(ApiRequest request) {
    return inner.open(request).transform(ar -> {
      if (ar.failed()) {
        return Future.failedFuture(networkError(ar.cause()));
      }
      StreamedResponse r = ar.result();
      MultiMap headers = redact(r.headers());
      return Future.succeededFuture(headers == r.headers() ? r
          : new StreamedResponse(r.status(), headers, r.body(), r.context(), r.abort(), r.idleTimeoutMs(),
              r.finished()));
    });
  }

  /** The text with the secret replaced. */
  public String redact(String s) {
    return s == null || secretBytes == null ? s : s.replace(secret, REDACTED);
  }

  private RawResponse redact(RawResponse r) {
    Buffer body = r.body();
    MultiMap headers = redact(r.headers());
    if (secretBytes != null && body != null && indexOf(body.getBytes(), secretBytes) >= 0) {
      body = Buffer.buffer(redact(body.toString(StandardCharsets.UTF_8)));
      headers = MultiMap.caseInsensitiveMultiMap().addAll(headers);
      if (headers.contains("Content-Length")) {
        headers.set("Content-Length", Integer.toString(body.length()));
      }
    }
    return body == r.body() && headers == r.headers() ? r : new RawResponse(r.status(), headers, body);
  }

  /** The headers, or a redacted copy when a value holds the secret. */
  private MultiMap redact(MultiMap headers) {
    if (secretBytes == null || headers == null) {
      return headers;
    }
    boolean found = false;
    for (Map.Entry<String, String> h : headers) {
      if (h.getValue() != null && h.getValue().contains(secret)) {
        found = true;
        break;
      }
    }
    if (!found) {
      return headers;
    }
    MultiMap out = MultiMap.caseInsensitiveMultiMap();
    for (Map.Entry<String, String> h : headers) {
      out.add(h.getKey(), redact(h.getValue()));
    }
    return out;
  }

  /** A failure without an answer, as a Network error; a request that could not be built passes as is. */
  private Throwable networkError(Throwable t) {
    if (t instanceof ApiException || t instanceof IllegalArgumentException) {
      return t;
    }
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return new ApiException.Network(redact(m), RetryPolicy.isTimeout(t), t);
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
