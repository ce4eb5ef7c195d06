package dev.magicexporter.model;

import java.util.List;

/**
 * A tunnel's BGP settings. The API also returns {@code md5_key}; it is deliberately not bound
 * here, so no code path can expose it.
 */
public record BgpConfig(Long customerAsn, List<String> extraPrefixes) {}
