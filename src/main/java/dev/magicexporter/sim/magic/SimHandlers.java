package dev.magicexporter.sim.magic;

import dev.magicexporter.sim.SimContext;
import dev.magicexporter.sim.SimErrors;
import io.vertx.ext.web.RoutingContext;

/** What every handler of these modules does first: check the account, read the clock. */
public final class SimHandlers {
  private SimHandlers() {}

  /**
   * The account of the path if the simulator knows it; else answers as Cloudflare does for an
   * unknown identifier (404, code 7003) and returns null. The simulator checks accounts before
   * the modules too; this keeps a module correct when mounted on its own.
   */
  public static String account(RoutingContext rc, SimContext ctx) {
    String account = rc.pathParam("account_id");
    if (account == null || !ctx.knowsAccount(account)) {
      notFound(rc, ctx);
      return null;
    }
    return account;
  }

  public static double now(SimContext ctx) {
    return ctx.clock().nowSeconds();
  }

  /** Cloudflare's answer to an unknown object id in a path. */
  public static void notFound(RoutingContext rc, SimContext ctx) {
    ctx.error(rc, 404, SimErrors.NO_ROUTE, SimErrors.noRoute(rc.normalizedPath()));
  }

  /** True when the request asks for health check targets as objects. */
  public static boolean newHealthCheckTarget(RoutingContext rc) {
    return "true".equalsIgnoreCase(rc.request().getHeader("x-magic-new-hc-target"));
  }
}
