package dev.magicexporter.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Listen addresses checked by their syntax alone: an IPv4 or IPv6 literal, or a host name
 * (RFC 1123 labels). No name is looked up here: the configuration check must give the same answer
 * on a build machine without DNS as in the pod, and a name that resolves now may not at bind time
 * (or the other way round); the listener reports an unresolvable name when it binds.
 */
final class Addresses {
  private static final Pattern IPV4 = Pattern.compile("(0|[1-9]\\d{0,2})\\.(0|[1-9]\\d{0,2})\\.(0|[1-9]\\d{0,2})\\.(0|[1-9]\\d{0,2})");
  private static final Pattern DIGITS_AND_DOTS = Pattern.compile("[0-9.]+");
  /** Only hex digits, colons, an embedded IPv4 tail and a zone: such a text is never looked up. */
  private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?");
  private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

  private Addresses() {}

  /** True for an IP literal or a syntactically valid host name. */
  static boolean valid(String address) {
    return literal(address) != null || hostName(address);
  }

  /**
   * True for {@code localhost} and loopback literals (127.0.0.0/8, ::1). Any other host name counts
   * as not loopback, since deciding otherwise would need a lookup.
   */
  static boolean isLoopback(String address) {
    String a = address.endsWith(".") ? address.substring(0, address.length() - 1) : address;
    if (a.equalsIgnoreCase("localhost")) {
      return true;
    }
    InetAddress ip = literal(address);
    return ip != null && ip.isLoopbackAddress();
  }

  /**
   * The address of an IPv4 literal (dotted decimal, no leading zeros: {@code 010.0.0.1} reads as
   * octal in some tools) or an IPv6 literal (without brackets, as a bind address), or null; never
   * a lookup.
   */
  static InetAddress literal(String address) {
    if (address == null || address.isEmpty()) {
      return null;
    }
    var v4 = IPV4.matcher(address);
    if (v4.matches()) {
      byte[] b = new byte[4];
      for (int i = 0; i < 4; i++) {
        int octet = Integer.parseInt(v4.group(i + 1));
        if (octet > 255) {
          return null;
        }
        b[i] = (byte) octet;
      }
      return byAddress(b);
    }
    String s = address;
    if (s.indexOf(':') < 0 || !IPV6_CHARS.matcher(s).matches()) {
      return null;
    }
    try {
      // Starts with a hex digit or ':' and holds a ':', so the JDK parses it as a literal and
      // throws for a bad one instead of asking DNS.
      return InetAddress.getByName(s);
    } catch (UnknownHostException | IllegalArgumentException e) {
      return null;
    }
  }

  private static InetAddress byAddress(byte[] b) {
    try {
      return InetAddress.getByAddress(b);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /**
   * RFC 1123 host name: dot-separated labels of letters, digits and inner hyphens, at most 253
   * characters; all digits and dots is a malformed IPv4 address ({@code 999.1.1.1}), not a name.
   */
  static boolean hostName(String address) {
    if (address == null || address.isEmpty() || address.length() > 254) {
      return false;
    }
    String a = address.endsWith(".") ? address.substring(0, address.length() - 1) : address;
    if (a.isEmpty() || a.length() > 253 || DIGITS_AND_DOTS.matcher(a).matches()) {
      return false;
    }
    for (String label : a.split("\\.", -1)) {
      if (!LABEL.matcher(label).matches()) {
        return false;
      }
    }
    String last = a.substring(a.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    return !last.chars().allMatch(Character::isDigit);
  }
}
