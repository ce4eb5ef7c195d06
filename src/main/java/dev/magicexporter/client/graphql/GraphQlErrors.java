package dev.magicexporter.client.graphql;

import dev.magicexporter.client.ApiException;
import dev.magicexporter.model.ApiMessage;
import dev.magicexporter.model.analytics.GraphQlError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What GraphQL errors (which arrive with HTTP 200 and carry no error code) mean for the caller,
 * decided on the message as Cloudflare documents it (Analytics, GraphQL API, "Error responses"
 * and "Limits"): "does not have access to the path" is a missing permission, "rate limiter
 * budget depleted" the user quota, "cannot request data older than ...s" a node's look-back; the
 * rest (a field the schema does not have, a bad argument, a node limit) is a refused request.
 * Each becomes the {@link ApiException} of that kind, so source health counts and logs it like any
 * other failure.
 */
public final class GraphQlErrors {
  /** The token permission the GraphQL Analytics API needs (Account > Account Analytics > Read). */
  public static final String PERMISSION = "Account Analytics Read";
  /** How long an exhausted quota lasts at most: its window. */
  public static final long QUOTA_WINDOW_MILLIS = 300_000;

  private static final Pattern OLDER_THAN = Pattern.compile("older than (\\d+) ?s");

  private GraphQlErrors() {}

  /** The kind of one error. */
  public enum Kind { PERMISSION, QUOTA, LOOKBACK, REFUSED }

  public static Kind kind(GraphQlError e) {
    String m = e.message().toLowerCase(Locale.ROOT);
    if (m.contains("does not have access") || m.contains("not authorized") || m.contains("permission")
        || m.contains("unauthorized")) {
      return Kind.PERMISSION;
    }
    if (m.contains("budget depleted") || m.contains("rate limit") || m.contains("too many requests")) {
      return Kind.QUOTA;
    }
    if (OLDER_THAN.matcher(m).find()) {
      return Kind.LOOKBACK;
    }
    return Kind.REFUSED;
  }

  /** The look-back a "cannot request data older than Ns" error states, in seconds. */
  public static OptionalLong lookback(List<GraphQlError> errors) {
    for (GraphQlError e : errors) {
      Matcher m = OLDER_THAN.matcher(e.message());
      if (m.find()) {
        return OptionalLong.of(Long.parseLong(m.group(1)));
      }
    }
    return OptionalLong.empty();
  }

  /** The errors of one feed as one exception (the most telling kind wins: permission, quota, refused). */
  public static ApiException exception(List<GraphQlError> errors) {
    List<ApiMessage> messages = new ArrayList<>();
    boolean permission = false;
    boolean quota = false;
    for (GraphQlError e : errors) {
      messages.add(new ApiMessage(0, e.message(), e.path().isEmpty() ? null : String.join(".", e.path())));
      permission |= kind(e) == Kind.PERMISSION;
      quota |= kind(e) == Kind.QUOTA;
    }
    if (permission) {
      return new ApiException.Authentication(200, messages, PERMISSION);
    }
    if (quota) {
      return new ApiException.Throttled(200, messages, QUOTA_WINDOW_MILLIS);
    }
    return new ApiException.Validation(200, messages);
  }
}
