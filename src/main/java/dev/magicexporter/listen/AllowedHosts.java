package dev.magicexporter.listen;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code Host} names a listener answers to, against DNS rebinding: a page of another site that
 * re-points its own name at 127.0.0.1 reaches the listener with its own name in {@code Host}, and
 * is refused. Accepted: {@code localhost}, the loopback literals, the bind address, the configured
 * names, and any IP literal (a literal cannot be re-pointed, and a page reaching one has that
 * literal as its origin). The port is not compared. {@code *} among the names turns the check off.
 */
public final class AllowedHosts {
  private final Set<String> names = new LinkedHashSet<>();
  private final boolean any;

  public AllowedHosts(String bindAddress, List<String> configured) {
    names.add("localhost");
    names.add("127.0.0.1");
    names.add("::1");
    if (bindAddress != null && !bindAddress.isBlank()) {
      names.add(normalise(bindAddress));
    }
    boolean star = false;
    for (String n : configured) {
      if (n.trim().equals("*")) {
        star = true;
      } else if (!n.isBlank()) {
        names.add(normalise(n));
      }
    }
    this.any = star;
  }

  /** True when the {@code Host} header value (with or without a port) names this listener. */
  public boolean allows(String hostHeader) {
    if (any) {
      return true;
    }
    if (hostHeader == null || hostHeader.isBlank()) {
      return false;
    }
    String host = hostOnly(hostHeader.trim());
    if (host == null) {
      return false;
    }
    return names.contains(host) || isIpLiteral(host);
  }

  /** The names accepted besides IP literals, for the docs and the log. */
  public Set<String> names() {
    return Set.copyOf(names);
  }

  /** {@code [::1]:10072} gives {@code ::1}, {@code Example.org.:80} gives {@code example.org}; null when malformed. */
  static String hostOnly(String h) {
    String host;
    if (h.startsWith("[")) {
      int close = h.indexOf(']');
      if (close < 0) {
        return null;
      }
      host = h.substring(1, close);
      String rest = h.substring(close + 1);
      if (!rest.isEmpty() && !rest.matches(":[0-9]{1,5}")) {
        return null;
      }
    } else {
      int colon = h.indexOf(':');
      if (colon >= 0) {
        // An IPv6 literal must be bracketed (RFC 3986), so one colon at most: the port.
        if (h.lastIndexOf(':') != colon || !h.substring(colon + 1).matches("[0-9]{1,5}")) {
          return null;
        }
        host = h.substring(0, colon);
      } else {
        host = h;
      }
    }
    return normalise(host);
  }

  private static String normalise(String n) {
    String s = n.trim().toLowerCase(Locale.ROOT);
    if (s.startsWith("[") && s.endsWith("]")) {
      s = s.substring(1, s.length() - 1);
    }
    while (s.endsWith(".")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }

  static boolean isIpLiteral(String host) {
    if (host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")) {
      for (String part : host.split("\\.")) {
        if (Integer.parseInt(part) > 255) {
          return false;
        }
      }
      return true;
    }
    // IPv6 literal: hex groups and colons (and an optional embedded IPv4 tail), never a name.
    return host.contains(":") && host.matches("[0-9a-f:.]+");
  }
}
