package dev.magicexporter.client;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import java.net.ConnectException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.function.DoubleSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When and how long to wait before trying a request again, as the official (Stainless-generated)
 * Cloudflare SDKs do: retry 408, 409, 429, 5xx and connection errors; {@code x-should-retry}
 * overrides the status; the server's {@code Retry-After-Ms}, then {@code Retry-After} (seconds,
 * fractional seconds or an HTTP date) is honoured when it is under a minute, otherwise the delay
 * is {@code min(initial * 2^n, max)} minus up to 25% jitter.
 *
 * <p>One deliberate difference: a POST or PATCH that timed out or lost its connection after it
 * was sent may have been applied, so it is retried only when the connection was never made.
 */
public final class RetryPolicy {
  /** Longer server-requested waits are not slept through; the SDKs use the same bound. */
  public static final long MAX_HONOURED_RETRY_AFTER_MS = 60_000;

  private static final Pattern REMAINING = Pattern.compile("(?:^|[;,\\s])(?:r|remaining)=(\\d+)");
  private static final Pattern RESET = Pattern.compile("(?:^|[;,\\s])(?:t|reset)=(\\d+)");

  private static final Set<HttpMethod> IDEMPOTENT =
      Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.OPTIONS);

  private final int maxRetries;
  private final long initialMs;
  private final long maxMs;
  private final DoubleSupplier random;

  public RetryPolicy(int maxRetries, long initialBackoffMs, long maxBackoffMs, DoubleSupplier random) {
    this.maxRetries = maxRetries;
    this.initialMs = initialBackoffMs;
    this.maxMs = maxBackoffMs;
    this.random = random;
  }

  public static RetryPolicy of(ClientOptions o) {
    return new RetryPolicy(o.maxRetries(), o.initialBackoff().toMillis(), o.maxBackoff().toMillis(),
        () -> java.util.concurrent.ThreadLocalRandom.current().nextDouble());
  }

  public int maxRetries() {
    return maxRetries;
  }

  /**
   * Why an answer with this status and these headers deserves another try (the
   * {@code reason} label of the retry counter), or null when it does not.
   */
  public static String retryReason(int status, MultiMap headers) {
    String override = headers == null ? null : headers.get("x-should-retry");
    if ("false".equalsIgnoreCase(override)) {
      return null;
    }
    String byStatus = switch (status) {
      case 408 -> "request_timeout";
      case 409 -> "conflict";
      case 429 -> "throttled";
      default -> status >= 500 ? "server" : null;
    };
    if (byStatus == null && "true".equalsIgnoreCase(override)) {
      return "should_retry";
    }
    return byStatus;
  }

  /** Why a request that got no answer deserves another try, or null when resending is unsafe. */
  public static String retryReason(HttpMethod method, Throwable failure) {
    Throwable cause = failure instanceof ApiException.Network n && n.getCause() != null ? n.getCause() : failure;
    if (failure instanceof ApiException && !(failure instanceof ApiException.Network)
        || cause instanceof IllegalArgumentException) {
      return null; // an answer, or a request that could not be built: sending it again changes nothing
    }
    boolean timeout = failure instanceof ApiException.Network n ? n.isTimeout() : isTimeout(failure);
    if (!IDEMPOTENT.contains(method) && !(cause instanceof ConnectException)) {
      return null;
    }
    return timeout ? "timeout" : "network";
  }

  static boolean isTimeout(Throwable t) {
    return t instanceof java.util.concurrent.TimeoutException
        || t.getClass().getSimpleName().contains("Timeout");
  }

  /**
   * The wait the server asked for, in milliseconds: {@code Retry-After-Ms} first, then
   * {@code Retry-After} as (fractional) seconds or an HTTP date relative to {@code nowEpochMs}.
   * A date in the past gives 0; a missing or unreadable header gives -1.
   */
  public static long retryAfterMillis(MultiMap headers, long nowEpochMs) {
    if (headers == null) {
      return -1;
    }
    String ms = headers.get("retry-after-ms");
    if (ms != null) {
      try {
        double v = Double.parseDouble(ms.trim());
        if (v >= 0 && Double.isFinite(v)) {
          return (long) Math.ceil(v);
        }
      } catch (NumberFormatException ignored) {
        // fall back to Retry-After
      }
    }
    String ra = headers.get("retry-after");
    if (ra == null || ra.isBlank()) {
      return -1;
    }
    try {
      double s = Double.parseDouble(ra.trim());
      return s >= 0 && Double.isFinite(s) ? (long) Math.ceil(s * 1000) : -1;
    } catch (NumberFormatException notSeconds) {
      try {
        long at = ZonedDateTime.parse(ra.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
        return Math.max(0, at - nowEpochMs);
      } catch (DateTimeParseException notADate) {
        return -1;
      }
    }
  }

  /**
   * How long Cloudflare says nothing more will be accepted, in milliseconds, when an answer
   * reports the window used up: {@code Ratelimit: "default";r=0;t=30} (or the older
   * {@code remaining=0, reset=30} form), or {@code x-ratelimit-remaining: 0} with
   * {@code x-ratelimit-reset} in seconds. -1 when requests remain or the headers are absent.
   */
  public static long exhaustedForMillis(MultiMap headers) {
    if (headers == null) {
      return -1;
    }
    String rl = headers.get("ratelimit");
    if (rl != null) {
      Matcher r = REMAINING.matcher(rl);
      Matcher t = RESET.matcher(rl);
      if (r.find() && t.find() && Long.parseLong(r.group(1)) == 0) {
        return secondsToMillis(t.group(1));
      }
      return -1;
    }
    String remaining = headers.get("x-ratelimit-remaining");
    String reset = headers.get("x-ratelimit-reset");
    if (remaining != null && reset != null && remaining.trim().equals("0")) {
      return secondsToMillis(reset.trim());
    }
    return -1;
  }

  private static long secondsToMillis(String s) {
    try {
      long v = Long.parseLong(s);
      return v > 0 && v < 86_400 ? v * 1000 : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Backoff before retry number {@code n} (0 for the first retry), jitter included. */
  public long backoffMillis(int n) {
    double base = Math.min(initialMs * Math.pow(2, Math.min(n, 30)), maxMs);
    return Math.max(0, Math.round(base * (1 - 0.25 * random.getAsDouble())));
  }

  /**
   * The delay before retry {@code n}: the server's wish when it gave one under a minute, else
   * the backoff.
   */
  public long delayMillis(int n, long serverRetryAfterMs) {
    if (serverRetryAfterMs >= 0 && serverRetryAfterMs <= MAX_HONOURED_RETRY_AFTER_MS) {
      return serverRetryAfterMs;
    }
    return backoffMillis(n);
  }
}
