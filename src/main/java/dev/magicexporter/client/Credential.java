package dev.magicexporter.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A Cloudflare credential: an API token (Bearer) or the legacy global key with its e-mail. Its
 * {@link #toString()} never shows the secret; {@link #id()} is a safe name for logs and labels.
 */
public record Credential(String apiToken, String apiKey, String email) {

  public Credential {
    boolean token = apiToken != null && !apiToken.isBlank();
    boolean legacy = apiKey != null && !apiKey.isBlank() && email != null && !email.isBlank();
    if (token == legacy) {
      throw new IllegalArgumentException(
          "a credential is either an API token or a global API key with its e-mail, not both nor neither");
    }
  }

  /** {@code CLOUDFLARE_API_TOKEN}, sent as {@code Authorization: Bearer}. */
  public static Credential token(String token) {
    return new Credential(token, null, null);
  }

  /** {@code CLOUDFLARE_API_KEY} and {@code CLOUDFLARE_EMAIL}, sent as {@code X-Auth-Key}/{@code X-Auth-Email}. */
  public static Credential legacy(String key, String email) {
    return new Credential(null, key, email);
  }

  public boolean isToken() {
    return apiToken != null;
  }

  /**
   * A stable, non-secret name: {@code token:} and the first 8 hex digits of the token's SHA-256
   * (no character of the token itself), or {@code key:} and the e-mail for a legacy key.
   */
  public String id() {
    if (isToken()) {
      return "token:" + fingerprint(apiToken);
    }
    return "key:" + email;
  }

  private static String fingerprint(String secret) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }

  @Override
  public String toString() {
    return "Credential[" + id() + "]";
  }
}
