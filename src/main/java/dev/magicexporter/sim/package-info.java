/**
 * The built-in Cloudflare simulator: a v4 API look-alike on loopback serving a deterministic,
 * evolving world.
 *
 * <p>One package per thing simulated:
 * <ul>
 *   <li>{@code sim} (this package): the server, its clock, faults and the context modules share;</li>
 *   <li>{@code sim.connectors}: Magic WAN connectors, their snapshots, events and telemetry paging;</li>
 *   <li>{@code sim.magic}: the Magic estate's stores, with one package per resource family:
 *       {@code tunnels} (GRE, IPsec, CNI interconnects), {@code pcaps} (captures and buckets),
 *       {@code inventory} (sites, LANs, WANs, ACLs, apps, routes), {@code services} (Workers VPC
 *       services) and {@code writes} (every write endpoint).</li>
 * </ul>
 *
 * <ul>
 *   <li>{@link dev.magicexporter.sim.Simulator} serves {@link dev.magicexporter.sim.SimModule}s under
 *       {@code /client/v4}; {@link dev.magicexporter.sim.SimModules#defaults()} is the default list
 *       (connectors, events, snapshots) that other modules are appended to.</li>
 *   <li>{@link dev.magicexporter.sim.connectors.SimWorld} is the shared world and the ground truth for tests:
 *       connectors per account, their events and snapshots, all pure functions of the seed, the
 *       connector and the {@link dev.magicexporter.sim.SimClock}.</li>
 *   <li>Telemetry windows: {@code from} and {@code to} are both inclusive ({@code from <= t <= to}),
 *       nothing later than the clock's current second exists, and telemetry older than
 *       {@link dev.magicexporter.sim.connectors.SimWorld#TELEMETRY_RETENTION_SECONDS} is gone. Lists are ordered
 *       by {@code (t, n)} and paged by an opaque cursor holding the last position served.</li>
 *   <li>Faults on demand ({@link dev.magicexporter.sim.SimOptions}): rate limit (429, code 971,
 *       {@code Retry-After}), a share of 5xx, a share of malformed bodies, added latency; counted
 *       with everything served in {@link dev.magicexporter.sim.SimStats}.</li>
 *   <li>{@link dev.magicexporter.sim.SimulatorMain} runs it alone ({@code simulate}).</li>
 * </ul>
 */
package dev.magicexporter.sim;

