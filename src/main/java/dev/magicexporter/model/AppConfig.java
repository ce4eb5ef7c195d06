package dev.magicexporter.model;

/** A site's configuration of one account or managed app. */
public record AppConfig(
    String id, String siteId, String accountAppId, String managedAppId, Boolean breakout, Integer priority) {}
