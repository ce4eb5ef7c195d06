package dev.magicexporter.sim;

/** A fault the simulator injected instead of (or into) a normal answer. */
public enum FaultKind {
  /** 429 with {@code Retry-After} and code 971: over {@link SimOptions#rateLimitRequests()}. */
  RATE_LIMITED,
  /** A 500, 502, 503 or 504 (JSON envelope or an HTML error page). */
  SERVER_ERROR,
  /** A 2xx whose JSON body is cut short. */
  MALFORMED_TRUNCATED,
  /** A 200 with an HTML error page instead of JSON. */
  MALFORMED_HTML,
  /** A 2xx, valid JSON, but {@code result} has the wrong shape (array for object and back). */
  MALFORMED_SHAPE;

  public boolean malformed() {
    return this == MALFORMED_TRUNCATED || this == MALFORMED_HTML || this == MALFORMED_SHAPE;
  }
}
