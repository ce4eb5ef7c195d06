package dev.magicexporter.sim;

import io.vertx.ext.web.Router;

/**
 * One resource family of the simulated API (connectors and telemetry, tunnels, captures, ...).
 * Each mounts its routes on the simulator's router under {@code /client/v4}; authentication,
 * faults and the envelope helpers come from {@link SimContext}.
 */
public interface SimModule {
  void mount(Router router, SimContext ctx);
}
