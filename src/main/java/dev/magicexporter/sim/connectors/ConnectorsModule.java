package dev.magicexporter.sim.connectors;

import dev.magicexporter.sim.SimContext;
import dev.magicexporter.sim.SimErrors;
import dev.magicexporter.sim.SimModule;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /accounts/{account_id}/magic/connectors} (one page, all connectors, no
 * {@code result_info}, as in the seed) and {@code GET .../connectors/{connector_id}}, with the
 * simulator's writes applied ({@link ConnectorEdits}).
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
    ConnectorEdits edits = ConnectorEdits.of(world);
    List<Map<String, Object>> out = new ArrayList<>(world.connectorsPerAccount());
    for (int i = 0; i < world.connectorsPerAccount(); i++) {
      SimConnector c = world.connector(account, i);
      Map<String, Object> o = edits.view(account, c.id(), world.connectorObject(c));
      if (o != null) {
        out.add(o);
      }
    }
    out.addAll(edits.added(account));
    ctx.ok(rc, out);
  }

  private static void one(RoutingContext rc, SimContext ctx) {
    ConnectorEdits edits = ConnectorEdits.of(ctx.world());
    String account = rc.pathParam("account_id");
    Map<String, Object> added = edits.addedOne(account, rc.pathParam("connector_id"));
    if (added != null) {
      ctx.ok(rc, added);
      return;
    }
    ctx.connector(rc).ifPresent(c -> {
      Map<String, Object> o = edits.view(account, c.id(), ctx.world().connectorObject(c));
      if (o == null) {
        ctx.error(rc, 404, SimErrors.NO_ROUTE, SimErrors.noRoute(rc.normalizedPath()));
      } else {
        ctx.ok(rc, o);
      }
    });
  }
}
