package dev.magicexporter.client;

import dev.magicexporter.model.ApiMessage;
import java.util.List;

/**
 * A failed Cloudflare call, typed by what the caller can do about it. Messages never contain
 * credentials. {@link #kind()} is the label value used in self-metrics.
 */
public abstract sealed class ApiException extends RuntimeException
    permits ApiException.Authentication,
        ApiException.NotFound,
        ApiException.Validation,
        ApiException.Throttled,
        ApiException.Server,
        ApiException.Network,
        ApiException.Malformed {

  private final int status;
  private final List<ApiMessage> errors;

  protected ApiException(String message, int status, List<ApiMessage> errors, Throwable cause) {
    super(message, cause, false, false);
    this.status = status;
    this.errors = errors == null ? List.of() : List.copyOf(errors);
  }

  /** HTTP status, or 0 when no response arrived. */
  public int status() {
    return status;
  }

  /** Cloudflare's error list from the envelope, possibly empty. */
  public List<ApiMessage> errors() {
    return errors;
  }

  /** Stable label value: auth, not_found, validation, throttled, server, network, timeout, malformed. */
  public abstract String kind();

  static String describe(List<ApiMessage> errors) {
    if (errors == null || errors.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder(" (");
    for (int i = 0; i < errors.size(); i++) {
      if (i > 0) {
        sb.append("; ");
      }
      sb.append(errors.get(i).code()).append(": ").append(errors.get(i).message());
    }
    return sb.append(')').toString();
  }

  /** 401/403: the credential is wrong or lacks a permission; {@code hint} names the likely one. */
  public static final class Authentication extends ApiException {
    private final String permissionHint;

    public Authentication(int status, List<ApiMessage> errors, String permissionHint) {
      super("authentication failed with HTTP " + status + describe(errors) + advice(status, permissionHint),
          status, errors, null);
      this.permissionHint = permissionHint;
    }

    private static String advice(int status, String hint) {
      if (status == 401) {
        return "; the credential was not accepted (wrong, expired or revoked)"
            + (hint == null ? "" : "; this endpoint needs the permission \"" + hint + "\"");
      }
      return hint == null ? "" : "; the credential likely lacks the permission \"" + hint + "\"";
    }

    /** The permission this endpoint likely needs, from {@link PermissionHints}, or null. */
    public String permissionHint() {
      return permissionHint;
    }

    @Override
    public String kind() {
      return "auth";
    }
  }

  /** 404. */
  public static final class NotFound extends ApiException {
    public NotFound(List<ApiMessage> errors) {
      super("not found (HTTP 404)" + describe(errors), 404, errors, null);
    }

    @Override
    public String kind() {
      return "not_found";
    }
  }

  /** Other 4xx, with Cloudflare's error list. */
  public static final class Validation extends ApiException {
    public Validation(int status, List<ApiMessage> errors) {
      super("request rejected with HTTP " + status + describe(errors), status, errors, null);
    }

    @Override
    public String kind() {
      return "validation";
    }
  }

  /**
   * 429 after retries, or (status 200) a GraphQL quota error; {@code retryAfterMillis} is what the
   * server asked for, or -1.
   */
  public static final class Throttled extends ApiException {
    private final long retryAfterMillis;

    public Throttled(List<ApiMessage> errors, long retryAfterMillis) {
      this(429, errors, retryAfterMillis);
    }

    public Throttled(int status, List<ApiMessage> errors, long retryAfterMillis) {
      super("throttled by Cloudflare (HTTP " + status + ")" + describe(errors)
              + (retryAfterMillis >= 0 ? ", retry after " + retryAfterMillis + " ms" : ""),
          status, errors, null);
      this.retryAfterMillis = retryAfterMillis;
    }

    public long retryAfterMillis() {
      return retryAfterMillis;
    }

    @Override
    public String kind() {
      return "throttled";
    }
  }

  /** 5xx, after retries. */
  public static final class Server extends ApiException {
    public Server(int status, List<ApiMessage> errors) {
      super("server error HTTP " + status + describe(errors), status, errors, null);
    }

    @Override
    public String kind() {
      return "server";
    }
  }

  /** No response: connection refused or reset, DNS, or a timeout. */
  public static final class Network extends ApiException {
    private final boolean timeout;

    public Network(String message, boolean timeout, Throwable cause) {
      super((timeout ? "timeout: " : "network error: ") + message, 0, List.of(), cause);
      this.timeout = timeout;
    }

    public boolean isTimeout() {
      return timeout;
    }

    @Override
    public String kind() {
      return timeout ? "timeout" : "network";
    }
  }

  /**
   * A response that is not the documented envelope: not JSON, truncated, the wrong shape, or
   * {@code success:false} on a 2xx status (then {@link #errors()} holds Cloudflare's list).
   */
  public static final class Malformed extends ApiException {
    private final String reason;

    public Malformed(int status, String reason, Throwable cause) {
      this(status, reason, List.of(), cause);
    }

    public Malformed(int status, String reason, List<ApiMessage> errors, Throwable cause) {
      super("malformed response (HTTP " + status + "): " + reason + describe(errors), status, errors, cause);
      this.reason = reason;
    }

    /** What was wrong, without the status. */
    public String reason() {
      return reason;
    }

    @Override
    public String kind() {
      return "malformed";
    }
  }
}
