package dev.magicexporter.model;

/** One item of {@code result.interconnects} (a CNI: a GRE tunnel at a Cloudflare colo). */
public record Interconnect(
    String id,
    String name,
    String coloName,
    String description,
    Gre gre,
    HealthCheck healthCheck,
    String interfaceAddress,
    String interfaceAddress6,
    Integer mtu,
    Boolean automaticReturnRouting,
    String createdOn,
    String modifiedOn,
    String virtualPortReservationId) {

  /** The GRE part of an interconnect. */
  public record Gre(String cloudflareEndpoint) {}
}
