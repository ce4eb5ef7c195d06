package dev.magicexporter.model;

/** A Magic WAN site. {@code location} holds latitude and longitude as decimal strings. */
public record Site(
    String id,
    String name,
    String description,
    String connectorId,
    String secondaryConnectorId,
    Boolean haMode,
    Location location) {

  public record Location(String lat, String lon) {}
}
