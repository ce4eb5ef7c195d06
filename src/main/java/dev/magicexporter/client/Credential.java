package dev.magicexporter.client;

/**
 * A Cloudflare credential: an API token (Bearer) or the legacy global key with its e-mail. Its
 * {@link #toString()} never shows the secret; {@link #id()} is a safe name for logs and labels.
 */
public record Credential(String apiToken, String apiKey, String email) {

  public static Credential token(String token) {
    return new Credential(token, null, null);
  }

  public static Credential legacy(String key, String email) {
    return new Credential(null, key, email);
  }

  public boolean isToken() {
    return apiToken != null;
  }

  /** A stable, non-secret name: "token:…last 4" or the e-mail for a legacy key. */
  public String id() {
    if (isToken()) {
      return "token:" + (apiToken.length() > 8 ? "…" + apiToken.substring(apiToken.length() - 4) : "…");
    }
    return "key:" + email;
  }

  @Override
  public String toString() {
    return "Credential[" + id() + "]";
  }
}
