package dev.magicexporter.model;

/**
 * One item of {@code result.ipsec_tunnels}. The API's {@code psk} and {@code psk_metadata} are
 * deliberately not bound.
 */
public record IpsecTunnel(
    String id,
    String name,
    String cloudflareEndpoint,
    String customerEndpoint,
    String interfaceAddress,
    String interfaceAddress6,
    Boolean allowNullCipher,
    Boolean automaticReturnRouting,
    Boolean replayProtection,
    BgpConfig bgp,
    BgpStatus bgpStatus,
    String createdOn,
    String modifiedOn,
    String description,
    HealthCheck healthCheck) {}
