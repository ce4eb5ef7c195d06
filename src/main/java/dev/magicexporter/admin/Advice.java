package dev.magicexporter.admin;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.function.Predicate;

/**
 * What the reference recommends or describes without making it a format: a value that does not
 * follow it is forwarded with a warning in the answer's {@code messages}, never refused, because
 * Cloudflare decides (its own examples break some of these, such as {@code 192.0.2.0/31}). Like
 * {@link Format} messages, these never repeat the value.
 */
public enum Advice {
  /** "Select the subnet from the following private IP space: 10.0.0.0–10.255.255.255, ...". */
  PRIVATE_SPACE("is outside the private IP space the reference asks for (10.0.0.0/8, 172.16.0.0/12,"
      + " 192.168.0.0/16); forwarded, Cloudflare decides", Advice::privateV4),
  /** A prefix that names a network: host bits set usually means a typo in the length. */
  NETWORK_ADDRESS("has host bits set after its prefix length; forwarded, Cloudflare decides", s -> {
    Format.Prefix p = Format.prefix(s);
    return p == null || !p.hasHostBits();
  }),
  /** "Prefixes in this list will be advertised": the reference shows no format (its example is "string"). */
  PREFIX("does not look like an IP prefix in CIDR notation; forwarded, Cloudflare decides",
      s -> Format.prefix(s) != null),
  /** "Must be within the last 24h": depends on the clocks of both sides, and the reference's example is from 2020. */
  LAST_24H("is not within the last 24 hours as the reference asks; forwarded, Cloudflare decides", Advice::last24h);

  private final String message;
  private final Predicate<String> followed;

  Advice(String message, Predicate<String> followed) {
    this.message = message;
    this.followed = followed;
  }

  public String message() {
    return message;
  }

  /** Whether {@code s} follows the advice (a value that does not parse at all is the format's business). */
  public boolean followedBy(String s) {
    return followed.test(s);
  }

  private static boolean privateV4(String s) {
    int slash = s.indexOf('/');
    byte[] a = Format.ipv4(slash < 0 ? s : s.substring(0, slash));
    if (a == null) {
      return true;
    }
    int b0 = a[0] & 0xff;
    int b1 = a[1] & 0xff;
    return b0 == 10 || (b0 == 172 && b1 >= 16 && b1 <= 31) || (b0 == 192 && b1 == 168);
  }

  private static boolean last24h(String s) {
    try {
      Instant t = OffsetDateTime.parse(s).toInstant();
      Instant now = Instant.now();
      return !t.isBefore(now.minus(Duration.ofHours(24))) && !t.isAfter(now.plus(Duration.ofMinutes(5)));
    } catch (DateTimeParseException e) {
      return true;
    }
  }
}
