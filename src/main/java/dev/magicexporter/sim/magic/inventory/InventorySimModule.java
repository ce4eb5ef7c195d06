package dev.magicexporter.sim.magic.inventory;

import static dev.magicexporter.sim.magic.JsonMaps.obj;

import dev.magicexporter.sim.SimContext;
import dev.magicexporter.sim.SimModule;
import dev.magicexporter.sim.magic.JsonMaps;
import dev.magicexporter.sim.magic.MagicSimWorld;
import dev.magicexporter.sim.magic.SimHandlers;
import dev.magicexporter.sim.magic.SimObject;
import dev.magicexporter.sim.magic.SimResourceStore;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * GET endpoints of the Magic WAN inventory: sites (list with the {@code connectorid} filter, and
 * detail), each site's LANs, WANs and ACLs (lists and details) and app configs (list), apps
 * (list) and routes (list in {@code result.routes}, detail in {@code result.route}). None is
 * paged.
 */
public final class InventorySimModule implements SimModule {
  private static final String SITES = "/accounts/:account_id/magic/sites";

  private MagicSimWorld world;

  /** Serves the Magic estate of the simulator's shared world ({@link MagicSimWorld#of}). */
  public InventorySimModule() {
    this(null);
  }

  /** Serves {@code world} (tests that reach into the estate). */
  public InventorySimModule(MagicSimWorld world) {
    this.world = world;
  }

  /** A site-scoped resource: path segment, id parameter, store, and whether it has a detail GET. */
  private record Child(String path, String idParam, SimResourceStore store, boolean detail) {}

  @Override
  public void mount(Router router, SimContext ctx) {
    if (world == null) {
      world = MagicSimWorld.of(ctx.world());
    }
    router.get(SITES).handler(rc -> sites(rc, ctx));
    router.get(SITES + "/:site_id").handler(rc -> site(rc, ctx));
    for (Child c : List.of(
        new Child("lans", "lan_id", world.lans(), true),
        new Child("wans", "wan_id", world.wans(), true),
        new Child("acls", "acl_id", world.acls(), true),
        new Child("app_configs", "app_config_id", world.appConfigs(), false))) {
      router.get(SITES + "/:site_id/" + c.path()).handler(rc -> children(rc, ctx, c));
      if (c.detail()) {
        router.get(SITES + "/:site_id/" + c.path() + "/:" + c.idParam()).handler(rc -> child(rc, ctx, c));
      }
    }
    router.get("/accounts/:account_id/magic/apps").handler(rc -> apps(rc, ctx));
    router.get("/accounts/:account_id/magic/routes").handler(rc -> routes(rc, ctx));
    router.get("/accounts/:account_id/magic/routes/:route_id").handler(rc -> route(rc, ctx));
  }

  private static List<Map<String, Object>> views(List<SimObject> objects) {
    List<Map<String, Object>> out = new ArrayList<>(objects.size());
    for (SimObject o : objects) {
      out.add(JsonMaps.copy(o.fields()));
    }
    return out;
  }

  private void sites(RoutingContext rc, SimContext ctx) {
    String account = SimHandlers.account(rc, ctx);
    if (account == null) {
      return;
    }
    String connector = rc.queryParams().get("connectorid");
    List<SimObject> out = new ArrayList<>();
    for (SimObject o : world.sites().list(account, SimHandlers.now(ctx))) {
      if (connector == null || connector.equals(o.fields().get("connector_id"))
          || connector.equals(o.fields().get("secondary_connector_id"))) {
        out.add(o);
      }
    }
    ctx.ok(rc, views(out));
  }

  /** The site of the path if it exists now; else answers 404 and returns null. */
  private SimObject siteOf(RoutingContext rc, SimContext ctx, String account) {
    SimObject site = world.sites().get(account, rc.pathParam("site_id"), SimHandlers.now(ctx));
    if (site == null) {
      SimHandlers.notFound(rc, ctx);
    }
    return site;
  }

  private void site(RoutingContext rc, SimContext ctx) {
    String account = SimHandlers.account(rc, ctx);
    if (account == null) {
      return;
    }
    SimObject site = siteOf(rc, ctx, account);
    if (site != null) {
      ctx.ok(rc, JsonMaps.copy(site.fields()));
    }
  }

  private void children(RoutingContext rc, SimContext ctx, Child c) {
    String account = SimHandlers.account(rc, ctx);
    if (account == null) {
      return;
    }
    SimObject site = siteOf(rc, ctx, account);
    if (site != null) {
      ctx.ok(rc, views(c.store().children(account, site.id(), SimHandlers.now(ctx))));
    }
  }

  private void child(RoutingContext rc, SimContext ctx, Child c) {
    String account = SimHandlers.account(rc, ctx);
    if (account == null) {
      return;
    }
    SimObject site = siteOf(rc, ctx, account);
    if (site == null) {
      return;
    }
    SimObject o = c.store().get(account, rc.pathParam(c.idParam()), SimHandlers.now(ctx));
    if (o == null || !site.id().equals(o.parentId())) {
      SimHandlers.notFound(rc, ctx);
      return;
    }
    ctx.ok(rc, JsonMaps.copy(o.fields()));
  }

  private void apps(RoutingContext rc, SimContext ctx) {
    String account = SimHandlers.account(rc, ctx);
    if (account != null) {
      ctx.ok(rc, views(world.apps().list(account, SimHandlers.now(ctx))));
    }
  }

  private void routes(RoutingContext rc, SimContext ctx) {
    String account = SimHandlers.account(rc, ctx);
    if (account != null) {
      ctx.ok(rc, obj("routes", views(world.routes().list(account, SimHandlers.now(ctx)))));
    }
  }

  private void route(RoutingContext rc, SimContext ctx) {
    String account = SimHandlers.account(rc, ctx);
    if (account == null) {
      return;
    }
    SimObject o = world.routes().get(account, rc.pathParam("route_id"), SimHandlers.now(ctx));
    if (o == null) {
      SimHandlers.notFound(rc, ctx);
      return;
    }
    ctx.ok(rc, obj("route", JsonMaps.copy(o.fields())));
  }
}
