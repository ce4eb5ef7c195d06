package dev.magicexporter.sim.magic.services;

import static dev.magicexporter.sim.magic.JsonMaps.obj;

import dev.magicexporter.sim.SimContext;
import dev.magicexporter.sim.SimModule;
import dev.magicexporter.sim.magic.JsonMaps;
import dev.magicexporter.sim.magic.MagicSimWorld;
import dev.magicexporter.sim.magic.SimHandlers;
import dev.magicexporter.sim.magic.SimObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * GET endpoints of Workers VPC services: the list, paged by {@code page}/{@code per_page}
 * (default 20, at most 1000) with a {@code result_info} that has {@code total_pages}, optionally
 * filtered by {@code type}; and one service by id.
 */
public final class ServicesSimModule implements SimModule {
  static final int DEFAULT_PER_PAGE = 20;
  static final int MAX_PER_PAGE = 1000;

  private MagicSimWorld world;

  /** Serves the Magic estate of the simulator's shared world ({@link MagicSimWorld#of}). */
  public ServicesSimModule() {
    this(null);
  }

  /** Serves {@code world} (tests that reach into the estate). */
  public ServicesSimModule(MagicSimWorld world) {
    this.world = world;
  }

  @Override
  public void mount(Router router, SimContext ctx) {
    if (world == null) {
      world = MagicSimWorld.of(ctx.world());
    }
    router.get("/accounts/:account_id/connectivity/directory/services").handler(rc -> list(rc, ctx));
    router.get("/accounts/:account_id/connectivity/directory/services/:service_id").handler(rc -> detail(rc, ctx));
  }

  /** A positive integer query parameter, its default when absent, or -1 when invalid. */
  private static int positive(RoutingContext rc, String name, int dflt) {
    String v = rc.queryParams().get(name);
    if (v == null) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(v);
      return n >= 1 ? n : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private void list(RoutingContext rc, SimContext ctx) {
    String account = SimHandlers.account(rc, ctx);
    if (account == null) {
      return;
    }
    int page = positive(rc, "page", 1);
    int perPage = positive(rc, "per_page", DEFAULT_PER_PAGE);
    if (page < 1 || perPage < 1 || perPage > MAX_PER_PAGE) {
      ctx.badRequest(rc, "page must be >= 1 and per_page within 1..1000");
      return;
    }
    String type = rc.queryParams().get("type");
    if (type != null && !type.equals("tcp") && !type.equals("http")) {
      ctx.badRequest(rc, "type must be tcp or http");
      return;
    }
    List<SimObject> all = new ArrayList<>();
    for (SimObject o : world.services().list(account, SimHandlers.now(ctx))) {
      if (type == null || type.equals(o.fields().get("type"))) {
        all.add(o);
      }
    }
    int from = (int) Math.min((long) (page - 1) * perPage, all.size());
    int to = Math.min(from + perPage, all.size());
    List<Map<String, Object>> items = new ArrayList<>();
    for (SimObject o : all.subList(from, to)) {
      items.add(JsonMaps.copy(o.fields()));
    }
    int totalPages = (all.size() + perPage - 1) / perPage;
    ctx.ok(rc, items, obj("count", items.size(), "page", page, "per_page", perPage, "total_count", all.size(),
        "total_pages", totalPages));
  }

  private void detail(RoutingContext rc, SimContext ctx) {
    String account = SimHandlers.account(rc, ctx);
    if (account == null) {
      return;
    }
    SimObject o = world.services().get(account, rc.pathParam("service_id"), SimHandlers.now(ctx));
    if (o == null) {
      SimHandlers.notFound(rc, ctx);
      return;
    }
    ctx.ok(rc, JsonMaps.copy(o.fields()));
  }
}
