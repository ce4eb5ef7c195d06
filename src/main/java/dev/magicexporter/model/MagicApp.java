package dev.magicexporter.model;

/** A Magic app: an account app ({@code account_app_id}) or a managed one ({@code managed_app_id}). */
public record MagicApp(String accountAppId, String managedAppId, String name, String type) {
  /** {@code account} or {@code managed}. */
  public String origin() {
    return managedAppId != null && accountAppId == null ? "managed" : "account";
  }
}
