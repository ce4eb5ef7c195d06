package dev.magicexporter.model;

/**
 * A site LAN. Addressing (DHCP pools, MAC reservations) is deliberately not bound: reservations
 * are personal data and nothing here exports them.
 */
public record SiteLan(
    String id,
    String siteId,
    String name,
    Integer physport,
    Integer vlanTag,
    Integer bondId,
    Boolean haLink,
    Boolean isBreakout,
    Boolean isPrioritized) {}
