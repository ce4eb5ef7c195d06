package dev.magicexporter.sim.magic.tunnels;

import static dev.magicexporter.sim.magic.JsonMaps.obj;

import dev.magicexporter.sim.SimContext;
import dev.magicexporter.sim.SimModule;
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
 * GET endpoints of GRE tunnels, IPsec tunnels and CNI interconnects, lists and details: lists are
 * not paged ({@code result.gre_tunnels}, {@code result.ipsec_tunnels}, {@code result.interconnects}),
 * details are wrapped ({@code result.gre_tunnel}, ...). {@code health_check.target} is an object
 * when the request carries {@code x-magic-new-hc-target: true} and a string otherwise.
 */
public final class TunnelsSimModule implements SimModule {
  private MagicSimWorld world;

  /** Serves the Magic estate of the simulator's shared world ({@link MagicSimWorld#of}). */
  public TunnelsSimModule() {
    this(null);
  }

  /** Serves {@code world} (tests that reach into the estate). */
  public TunnelsSimModule(MagicSimWorld world) {
    this.world = world;
  }

  /** One tunnel resource: its paths, its store and the names of its list and detail fields. */
  private record Kind(String path, String idParam, SimResourceStore store, String listField, String itemField) {}

  @Override
  public void mount(Router router, SimContext ctx) {
    if (world == null) {
      world = MagicSimWorld.of(ctx.world());
    }
    for (Kind k : List.of(
        new Kind("gre_tunnels", "gre_tunnel_id", world.greTunnels(), "gre_tunnels", "gre_tunnel"),
        new Kind("ipsec_tunnels", "ipsec_tunnel_id", world.ipsecTunnels(), "ipsec_tunnels", "ipsec_tunnel"),
        new Kind("cf_interconnects", "cf_interconnect_id", world.interconnects(), "interconnects", "interconnect"))) {
      router.get("/accounts/:account_id/magic/" + k.path()).handler(rc -> list(rc, ctx, k));
      router.get("/accounts/:account_id/magic/" + k.path() + "/:" + k.idParam()).handler(rc -> detail(rc, ctx, k));
    }
  }

  private void list(RoutingContext rc, SimContext ctx, Kind k) {
    String account = SimHandlers.account(rc, ctx);
    if (account == null) {
      return;
    }
    double now = SimHandlers.now(ctx);
    boolean objectTarget = SimHandlers.newHealthCheckTarget(rc);
    List<Map<String, Object>> items = new ArrayList<>();
    for (SimObject o : k.store().list(account, now)) {
      items.add(TunnelsSim.view(world.seed(), o, now, objectTarget));
    }
    ctx.ok(rc, obj(k.listField(), items));
  }

  private void detail(RoutingContext rc, SimContext ctx, Kind k) {
    String account = SimHandlers.account(rc, ctx);
    if (account == null) {
      return;
    }
    double now = SimHandlers.now(ctx);
    SimObject o = k.store().get(account, rc.pathParam(k.idParam()), now);
    if (o == null) {
      SimHandlers.notFound(rc, ctx);
      return;
    }
    ctx.ok(rc, obj(k.itemField(), TunnelsSim.view(world.seed(), o, now, SimHandlers.newHealthCheckTarget(rc))));
  }
}
