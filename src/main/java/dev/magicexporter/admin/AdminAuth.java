package dev.magicexporter.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Checks the token a caller presents ({@code Authorization: Bearer <token>}, or the password of
 * HTTP Basic so that a browser can open the status page) against the configured admin tokens.
 * Scheme names are case-insensitive (RFC 7235 section 2.1), so {@code bearer} is Bearer. Basic
 * authorises reads only: a browser replays cached Basic credentials on any request to the origin,
 * including one a page of another site makes it send, so writes need Bearer, which a browser
 * never adds by itself.
 * Both sides are SHA-256 digests of equal length compared with {@link MessageDigest#isEqual}, and
 * every configured token is compared on every call, so timing reveals neither the token nor
 * which one matched. With no token configured everyone is allowed everything (the server permits
 * that only on loopback).
 */
public final class AdminAuth {
  /** Who made a request: the token's configured name and its scope. */
  public record Principal(String name, Scope scope) {}

  /** The caller when no admin token is configured (loopback only). */
  public static final Principal ANONYMOUS = new Principal("anonymous", Scope.WRITE);

  private record Stored(Principal principal, byte[] digest) {}

  private final List<Stored> tokens = new ArrayList<>();
  private final BiPredicate<byte[], byte[]> equal;

  public AdminAuth(List<AdminToken> configured) {
    this(configured, MessageDigest::isEqual);
  }

  /** @param equal the digest comparison; tests pass a recording wrapper around {@link MessageDigest#isEqual} */
  AdminAuth(List<AdminToken> configured, BiPredicate<byte[], byte[]> equal) {
    this.equal = equal;
    Set<String> names = new HashSet<>();
    Set<String> secrets = new HashSet<>();
    for (AdminToken t : configured) {
      if (!names.add(t.name())) {
        throw new IllegalArgumentException("two admin tokens are named '" + t.name() + "'");
      }
      if (!secrets.add(t.secret())) {
        throw new IllegalArgumentException("admin tokens '" + t.name() + "' and another one have the same value");
      }
      tokens.add(new Stored(new Principal(t.name(), t.scope()), digest(t.secret())));
    }
  }

  /** True when no token is configured: the API is open (loopback only). */
  public boolean open() {
    return tokens.isEmpty();
  }

  /** The principal for an {@code Authorization} header value, or empty when it is missing or wrong. */
  public Optional<Principal> authenticate(String authorization) {
    return authenticate(authorization, true);
  }

  /**
   * As {@link #authenticate(String)}; with {@code basicAllowed} false a Basic header counts as no
   * token (it is still compared, so the timing does not tell).
   */
  public Optional<Principal> authenticate(String authorization, boolean basicAllowed) {
    if (open()) {
      return Optional.of(ANONYMOUS);
    }
    String presented = presented(authorization);
    if (!basicAllowed && isBasic(authorization)) {
      presented = null;
    }
    // A missing token is still compared, against a digest no token has, to keep the timing flat.
    byte[] d = digest(presented == null ? "" : presented);
    Principal found = null;
    for (Stored s : tokens) {
      if (equal.test(s.digest(), d) && presented != null) {
        found = s.principal();
      }
    }
    return Optional.ofNullable(found);
  }

  static boolean isBasic(String authorization) {
    return authorization != null && authorization.trim().regionMatches(true, 0, "Basic ", 0, 6);
  }

  /** The token inside {@code Bearer <t>} or {@code Basic base64(user:t)}, or null. */
  static String presented(String authorization) {
    if (authorization == null) {
      return null;
    }
    String h = authorization.trim();
    if (h.regionMatches(true, 0, "Bearer ", 0, 7)) {
      String t = h.substring(7).trim();
      return t.isEmpty() ? null : t;
    }
    if (h.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        String decoded = new String(Base64.getDecoder().decode(h.substring(6).trim()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        String t = colon < 0 ? "" : decoded.substring(colon + 1);
        return t.isEmpty() ? null : t;
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    return null;
  }

  static byte[] digest(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
