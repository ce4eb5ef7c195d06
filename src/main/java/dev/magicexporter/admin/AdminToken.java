package dev.magicexporter.admin;

import java.util.Objects;

/**
 * An admin API token from the configuration: a name for the audit log (never the value), the
 * secret, and what it may do. {@link #toString()} never shows the secret.
 */
public record AdminToken(String name, String secret, Scope scope) {
  public AdminToken {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(scope, "scope");
    if (secret == null || secret.isBlank()) {
      throw new IllegalArgumentException("admin token '" + name + "' is empty");
    }
  }

  @Override
  public String toString() {
    return "AdminToken[name=" + name + ", scope=" + scope + "]";
  }
}
