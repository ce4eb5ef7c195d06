package dev.magicexporter.sim.magic.writes;

import dev.magicexporter.sim.magic.writes.checks.Shape;
import io.vertx.core.http.HttpMethod;

/**
 * One write endpoint of the simulator: method, path template (as in api/ENDPOINTS.md), its body
 * and what it does.
 *
 * @param body the body's shape, or null for an endpoint that takes none
 * @param bodyRequired whether a request without a body is refused
 */
record WriteRoute(HttpMethod method, String template, Shape body, boolean bodyRequired, Handler handler) {

  /** What an endpoint does with a checked request. */
  interface Handler {
    void run(Call c);
  }

  /** "METHOD template", as in ENDPOINTS.md. */
  String key() {
    return method.name() + " " + template;
  }

  /** Whether a PUT replaces the object (its body has required fields) rather than changing what is given. */
  boolean replaces() {
    return method == HttpMethod.PUT && body != null && body.hasRequired();
  }
}
