package dev.magicexporter.client;

import io.vertx.core.http.HttpMethod;
import java.util.Comparator;
import java.util.List;

/**
 * Which token permission an endpoint most likely needs, so that a 401/403 can say what to add
 * to the token. One row per path-template prefix; the longest matching prefix wins. Names are
 * those of Cloudflare's permission groups ("Accepted Permissions" in the API reference).
 */
public final class PermissionHints {

  /** A path-template prefix and the permission for reading and for changing what is under it. */
  public record Hint(String prefix, String read, String write) {}

  private static final String MAGIC = "/accounts/{account_id}/magic/";
  private static final String WAN_READ = "Magic WAN Read";
  private static final String WAN_WRITE = "Magic WAN Write";
  private static final String WAN_OR_TRANSIT_READ = "Magic WAN Read or Magic Transit Read";
  private static final String WAN_OR_TRANSIT_WRITE = "Magic WAN Write or Magic Transit Write";

  /** The table; order does not matter. */
  public static final List<Hint> TABLE = List.of(
      new Hint(MAGIC + "connectors", WAN_READ, WAN_WRITE),
      new Hint(MAGIC + "connectors/{connector_id}/telemetry", WAN_READ, WAN_READ),
      new Hint(MAGIC + "sites", WAN_READ, WAN_WRITE),
      new Hint(MAGIC + "apps", WAN_READ, WAN_WRITE),
      new Hint(MAGIC + "gre_tunnels", WAN_OR_TRANSIT_READ, WAN_OR_TRANSIT_WRITE),
      new Hint(MAGIC + "ipsec_tunnels", WAN_OR_TRANSIT_READ, WAN_OR_TRANSIT_WRITE),
      new Hint(MAGIC + "cf_interconnects", WAN_OR_TRANSIT_READ, WAN_OR_TRANSIT_WRITE),
      new Hint(MAGIC + "routes", WAN_OR_TRANSIT_READ, WAN_OR_TRANSIT_WRITE),
      new Hint(MAGIC, WAN_OR_TRANSIT_READ, WAN_OR_TRANSIT_WRITE),
      new Hint("/accounts/{account_id}/pcaps", "Magic Firewall Packet Captures - Read PCAPs API",
          "Magic Firewall Packet Captures - Write PCAPs API"),
      new Hint("/accounts/{account_id}/connectivity/directory", "Connectivity Directory Read",
          "Connectivity Directory Admin"));

  private static final List<Hint> LONGEST_FIRST = TABLE.stream()
      .sorted(Comparator.comparingInt((Hint h) -> h.prefix().length()).reversed())
      .toList();

  private PermissionHints() {}

  /** The permission {@code method} on {@code template} likely needs, or null when unknown. */
  public static String forRequest(HttpMethod method, String template) {
    boolean read = method == HttpMethod.GET || method == HttpMethod.HEAD;
    for (Hint h : LONGEST_FIRST) {
      if (template.startsWith(h.prefix())) {
        return read ? h.read() : h.write();
      }
    }
    return null;
  }
}
