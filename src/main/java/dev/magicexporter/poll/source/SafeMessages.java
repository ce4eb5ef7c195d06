package dev.magicexporter.poll.source;

import dev.magicexporter.client.ApiException;
import java.util.regex.Pattern;

/**
 * Failure messages fit for logs and status pages. A malformed-response message carries the
 * parser's complaint, which quotes pieces of the body (a bucket URI, a key); those quoted pieces
 * are replaced by an ellipsis. Messages of the other API failures are built from the HTTP status
 * and Cloudflare's error list and are kept.
 */
public final class SafeMessages {
  private static final Pattern DOUBLE_QUOTED = Pattern.compile("\"[^\"]*\"");
  private static final Pattern SINGLE_QUOTED = Pattern.compile("'[^']*'");

  private SafeMessages() {}

  public static String of(Throwable t) {
    if (t instanceof ApiException.Malformed || !(t instanceof ApiException)) {
      String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
      return redactQuoted(m);
    }
    return t.getMessage();
  }

  /** The error kind used in self-metrics. */
  public static String kind(Throwable t) {
    return t instanceof ApiException a ? a.kind() : "internal";
  }

  static String redactQuoted(String m) {
    String out = DOUBLE_QUOTED.matcher(m).replaceAll("\"…\"");
    return SINGLE_QUOTED.matcher(out).replaceAll("'…'");
  }
}
