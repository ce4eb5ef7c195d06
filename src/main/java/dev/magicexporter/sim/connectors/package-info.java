/**
 * Simulated Magic WAN connectors and their telemetry: the connector objects and their life
 * (role, uptime, upgrades, outages), hardware, the {@code /telemetry/snapshots} and
 * {@code /telemetry/events} endpoints with their opaque cursors, and connector edits.
 * {@link dev.magicexporter.sim.connectors.SimWorld} is the ground truth tests compare against.
 */
package dev.magicexporter.sim.connectors;
