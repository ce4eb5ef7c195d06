package dev.magicexporter.sim;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /accounts/{account_id}/magic/connectors} (one page, all connectors, no
 * {@code result_info}, as in the seed) and {@code GET .../connectors/{connector_id}}.
 */
public final class ConnectorsModule implements SimModule {
  static final String LIST = "/accounts/:account_id/magic/connectors";
  static final String ONE = "/accounts/:account_id/magic/connectors/:connector_id";

  @Override
  public void mount(Router router, SimContext ctx) {
    router.get(LIST).handler(rc -> list(rc, ctx));
    router.get(ONE).handler(rc -> one(rc, ctx));
  }

  private static void list(RoutingContext rc, SimContext ctx) {
    SimWorld world = ctx.world();
    String account = rc.pathParam("account_id");
    List<Map<String, Object>> out = new ArrayList<>(world.connectorsPerAccount());
    for (int i = 0; i < world.connectorsPerAccount(); i++) {
      out.add(world.connectorObject(world.connector(account, i)));
    }
    ctx.ok(rc, out);
  }

  private static void one(RoutingContext rc, SimContext ctx) {
    ctx.connector(rc).ifPresent(c -> ctx.ok(rc, ctx.world().connectorObject(c)));
  }
}
