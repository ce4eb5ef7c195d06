package dev.magicexporter.model;

import java.util.List;

/**
 * A Magic WAN connector from {@code GET /accounts/{account_id}/magic/connectors}. The API also
 * returns {@code license_key} on some calls: it is a secret and deliberately has no component
 * here, so the mapper drops it on read and nothing downstream can leak it.
 *
 * @param lastHeartbeat ISO-8601 time of the last heartbeat (a connector beats every 10 s), or null
 * @param lastSeenVersion software version last reported, or null
 * @param lastUpdated ISO-8601 time of the last configuration change, or null
 */
public record Connector(
    String id,
    Boolean activated,
    Device device,
    List<String> interruptWindowDaysOfWeek,
    Double interruptWindowDurationHours,
    List<String> interruptWindowEmbargoDates,
    Double interruptWindowHourOfDay,
    String lastHeartbeat,
    String lastSeenVersion,
    String lastUpdated,
    String notes,
    String timezone) {

  public Connector {
    interruptWindowDaysOfWeek = interruptWindowDaysOfWeek == null ? null : List.copyOf(interruptWindowDaysOfWeek);
    interruptWindowEmbargoDates = interruptWindowEmbargoDates == null ? null : List.copyOf(interruptWindowEmbargoDates);
  }

  /** The physical or virtual device running the connector. */
  public record Device(String id, String serialNumber) {}
}
