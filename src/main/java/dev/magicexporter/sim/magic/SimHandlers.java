package dev.magicexporter.sim.magic;

import dev.magicexporter.sim.SimContext;
import io.vertx.ext.web.RoutingContext;

/** What every handler of these modules does first: check the account, read the clock. */
final class SimHandlers {
  private SimHandlers() {}

  /** The account of the path if the simulator knows it; else answers 403 and returns null. */
  static String account(RoutingContext rc, SimContext ctx) {
    String account = rc.pathParam("account_id");
    if (account == null || !ctx.knowsAccount(account)) {
      ctx.error(rc, 403, 9109, "Unauthorized to access requested resource");
      return null;
    }
    return account;
  }

  static double now(SimContext ctx) {
    return ctx.clock().nowSeconds();
  }

  static void notFound(RoutingContext rc, SimContext ctx, String what) {
    ctx.error(rc, 404, 1003, what + " not found");
  }

  /** True when the request asks for health check targets as objects. */
  static boolean newHealthCheckTarget(RoutingContext rc) {
    return "true".equalsIgnoreCase(rc.request().getHeader("x-magic-new-hc-target"));
  }
}
