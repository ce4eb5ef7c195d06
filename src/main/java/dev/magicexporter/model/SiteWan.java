package dev.magicexporter.model;

/** A site WAN link. */
public record SiteWan(
    String id, String siteId, String name, Integer physport, Integer priority, Integer vlanTag, String healthCheckRate) {}
