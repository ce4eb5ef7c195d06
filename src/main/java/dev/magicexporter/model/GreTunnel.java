package dev.magicexporter.model;

/** One item of {@code result.gre_tunnels} (GET {@code /accounts/{account_id}/magic/gre_tunnels}). */
public record GreTunnel(
    String id,
    String name,
    String cloudflareGreEndpoint,
    String customerGreEndpoint,
    String interfaceAddress,
    String interfaceAddress6,
    Boolean automaticReturnRouting,
    BgpConfig bgp,
    BgpStatus bgpStatus,
    String createdOn,
    String modifiedOn,
    String description,
    HealthCheck healthCheck,
    Integer mtu,
    Integer ttl) {}
