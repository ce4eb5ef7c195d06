package dev.magicexporter.model;

/**
 * One item of the snapshot list ({@code telemetry/snapshots}): only when the snapshot was recorded
 * ({@code t}) and collected ({@code a}); the full snapshot is fetched by {@code t}.
 */
public record SnapshotListItem(Double a, Double t) {}
