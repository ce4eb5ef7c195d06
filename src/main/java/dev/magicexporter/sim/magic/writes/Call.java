package dev.magicexporter.sim.magic.writes;

import dev.magicexporter.sim.SimContext;
import dev.magicexporter.sim.SimErrors;
import dev.magicexporter.sim.magic.MagicSimWorld;
import dev.magicexporter.sim.magic.SimObject;
import dev.magicexporter.sim.magic.writes.checks.Shape;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;

/** A checked write request on its way through a handler, and how it is answered. */
final class Call {
  /** The header that switches the health check target between string and object form. */
  static final String HC_TARGET_HEADER = "x-magic-new-hc-target";

  final RoutingContext rc;
  final SimContext ctx;
  final MagicSimWorld world;
  final WriteRoute route;
  final String account;
  final double now;
  /** The body's fields that the endpoint takes (others are ignored, as Cloudflare ignores them). */
  final Map<String, Object> body;
  final Map<String, String> path;
  final boolean validateOnly;

  Call(RoutingContext rc, SimContext ctx, MagicSimWorld world, WriteRoute route, String account,
      Map<String, Object> body, Map<String, String> path, boolean validateOnly) {
    this.rc = rc;
    this.ctx = ctx;
    this.world = world;
    this.route = route;
    this.account = account;
    this.now = ctx.clock().nowSeconds();
    this.body = body;
    this.path = path;
    this.validateOnly = validateOnly;
  }

  boolean objectTarget() {
    return "true".equals(rc.request().getHeader(HC_TARGET_HEADER));
  }

  Map<String, Object> view(Kind k, SimObject o) {
    return k.view().of(world.seed(), o, now, objectTarget());
  }

  void ok(Object result) {
    ctx.ok(rc, result);
  }

  void notFound() {
    ctx.error(rc, 404, SimErrors.NO_ROUTE, SimErrors.noRoute(rc.normalizedPath()));
  }

  /** 400 with one problem at a body field ({@code source.pointer}, as Cloudflare answers). */
  void refuse(String pointer, String message) {
    refuse(rc, ctx, List.of(new Shape.Refusal(pointer, message)));
  }

  static void refuse(RoutingContext rc, SimContext ctx, List<Shape.Refusal> refusals) {
    List<Map<String, Object>> errors = refusals.stream().<Map<String, Object>>map(r -> Map.of(
        "code", SimErrors.BAD_REQUEST,
        "message", (r.pointer().isEmpty() ? "body" : r.pointer()) + " " + r.message(),
        "source", Map.of("pointer", r.pointer()))).toList();
    ctx.send(rc, 400, SimContext.envelope(false, null, null, errors));
  }
}
