package dev.magicexporter.admin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Settings of the admin API.
 *
 * @param address listen address (config {@code admin.address}, env {@code MAGIC_EXPORTER_ADMIN_ADDRESS})
 * @param port listen port, 0 for an ephemeral one ({@code admin.port}, {@code MAGIC_EXPORTER_ADMIN_PORT})
 * @param tokens admin tokens; empty means an open API, which is refused on a non-loopback address
 * @param cacheTtl TTL of cached GET answers for kinds not in {@code cacheTtls} ({@code admin.cache_ttl})
 * @param cacheTtls TTL per resource kind ({@code admin.cache_ttls.<kind>}, kinds as in {@link Route#kind()})
 * @param cacheMaxBytes bound on the bytes of cached answers
 * @param maxBodyBytes largest request body accepted (413 above)
 * @param intake how the listener guards itself against its peers
 * @param strictFields refuse body fields the reference does not document instead of forwarding them with a
 *     warning ({@code admin.strict_fields})
 */
public record AdminOptions(
    String address,
    int port,
    List<AdminToken> tokens,
    Duration cacheTtl,
    Map<String, Duration> cacheTtls,
    long cacheMaxBytes,
    int maxBodyBytes,
    Intake intake,
    boolean strictFields) {

  /**
   * The admin listener's defences.
   *
   * @param maxConnections open connections at most ({@code admin.max_connections})
   * @param idleTimeout a connection silent this long is closed ({@code admin.idle_timeout})
   * @param bodyTimeout a request body must arrive whole within this ({@code admin.body_timeout})
   * @param maxBufferedBytes request body bytes held at once across all requests ({@code admin.max_buffered_bytes});
   *     above it a request gets 503 before its body is read
   * @param allowedHosts extra {@code Host} names besides loopback and the bind address ({@code admin.allowed_hosts})
   */
  public record Intake(int maxConnections, Duration idleTimeout, Duration bodyTimeout, long maxBufferedBytes,
      List<String> allowedHosts) {
    public static final Intake DEFAULTS = new Intake(64, Duration.ofSeconds(60), Duration.ofSeconds(30), 16L << 20,
        List.of());

    public Intake {
      allowedHosts = List.copyOf(allowedHosts);
    }
  }

  /** Without an explicit intake: {@link Intake#DEFAULTS}. */
  public AdminOptions(String address, int port, List<AdminToken> tokens, Duration cacheTtl,
      Map<String, Duration> cacheTtls, long cacheMaxBytes, int maxBodyBytes) {
    this(address, port, tokens, cacheTtl, cacheTtls, cacheMaxBytes, maxBodyBytes, Intake.DEFAULTS, false);
  }

  public static final String DEFAULT_ADDRESS = "127.0.0.1";
  public static final int DEFAULT_PORT = 10072;
  public static final Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(5);
  public static final String DEFAULT_TOKEN_NAME = "admin";
  public static final String DEFAULT_READ_TOKEN_NAME = "read-only";

  public AdminOptions {
    tokens = List.copyOf(tokens);
    cacheTtls = Map.copyOf(cacheTtls);
    if (cacheTtl.isNegative() || cacheTtls.values().stream().anyMatch(Duration::isNegative)) {
      throw new IllegalArgumentException("admin cache TTLs must not be negative");
    }
  }

  /**
   * The usual configuration: one read+write token and one read-only token, either may be null.
   *
   * @param token {@code admin.token} / {@code MAGIC_EXPORTER_ADMIN_TOKEN}
   * @param tokenName {@code admin.token_name}, the name the audit log shows (default "admin")
   * @param readToken {@code admin.read_token} / {@code MAGIC_EXPORTER_ADMIN_READ_TOKEN}
   * @param readTokenName {@code admin.read_token_name} (default "read-only")
   */
  public static AdminOptions of(String address, int port, String token, String tokenName, String readToken,
      String readTokenName, Duration cacheTtl, Map<String, Duration> cacheTtls) {
    List<AdminToken> ts = new ArrayList<>();
    if (token != null && !token.isBlank()) {
      ts.add(new AdminToken(tokenName == null ? DEFAULT_TOKEN_NAME : tokenName, token, Scope.WRITE));
    }
    if (readToken != null && !readToken.isBlank()) {
      ts.add(new AdminToken(readTokenName == null ? DEFAULT_READ_TOKEN_NAME : readTokenName, readToken, Scope.READ));
    }
    return new AdminOptions(address == null ? DEFAULT_ADDRESS : address, port, ts,
        cacheTtl == null ? DEFAULT_CACHE_TTL : cacheTtl, cacheTtls == null ? Map.of() : cacheTtls,
        64L << 20, 1 << 20);
  }

  public AdminOptions withTokens(List<AdminToken> t) {
    return new AdminOptions(address, port, t, cacheTtl, cacheTtls, cacheMaxBytes, maxBodyBytes, intake, strictFields);
  }

  public AdminOptions withCache(Duration ttl, Map<String, Duration> ttls) {
    return new AdminOptions(address, port, tokens, ttl, ttls, cacheMaxBytes, maxBodyBytes, intake, strictFields);
  }

  public AdminOptions withIntake(Intake i) {
    return new AdminOptions(address, port, tokens, cacheTtl, cacheTtls, cacheMaxBytes, maxBodyBytes, i, strictFields);
  }

  public AdminOptions withStrictFields(boolean strict) {
    return new AdminOptions(address, port, tokens, cacheTtl, cacheTtls, cacheMaxBytes, maxBodyBytes, intake, strict);
  }

  @Override
  public String toString() {
    return "AdminOptions[address=" + address + ", port=" + port + ", tokens=" + tokens + ", cacheTtl=" + cacheTtl
        + ", cacheTtls=" + cacheTtls + ", intake=" + intake + "]";
  }
}
