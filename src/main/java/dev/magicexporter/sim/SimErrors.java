package dev.magicexporter.sim;

/**
 * Error codes and messages of the simulated API. 10000 (authentication) and 971 (throttled)
 * are Cloudflare's own; 7003 is Cloudflare's "could not route" for unknown identifiers. The seed
 * documents no codes for bad parameters, missing telemetry items or internal errors, so those
 * are our choice; clients should decide on the HTTP status, as Cloudflare advises.
 */
public final class SimErrors {
  public static final int AUTHENTICATION = 10000;
  public static final String AUTHENTICATION_MESSAGE = "Authentication error";
  public static final int RATE_LIMITED = 971;
  public static final String RATE_LIMITED_MESSAGE = "Please wait and consider throttling your request speed";
  public static final int NO_ROUTE = 7003;
  public static final int BAD_REQUEST = 1001;
  public static final int NOT_FOUND = 1002;
  public static final int INTERNAL = 10001;

  private SimErrors() {}

  /** Cloudflare's message for an unknown account or object id in a path. */
  public static String noRoute(String path) {
    return "Could not route to " + path + ", perhaps your object identifier is invalid?";
  }
}
