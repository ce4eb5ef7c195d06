package dev.magicexporter.sim.magic.pcaps;

import static dev.magicexporter.sim.magic.JsonMaps.obj;

import dev.magicexporter.sim.SimContext;
import dev.magicexporter.sim.SimModule;
import dev.magicexporter.sim.magic.MagicSimWorld;
import dev.magicexporter.sim.magic.SimHandlers;
import dev.magicexporter.sim.magic.SimObject;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * GET endpoints of packet captures: the capture list (one page with {@code result_info}), one
 * capture, the bucket ownership list (one page) and the download of a finished simple capture.
 */
public final class PcapsSimModule implements SimModule {
  private MagicSimWorld world;

  /** Serves the Magic estate of the simulator's shared world ({@link MagicSimWorld#of}). */
  public PcapsSimModule() {
    this(null);
  }

  /** Serves {@code world} (tests that reach into the estate). */
  public PcapsSimModule(MagicSimWorld world) {
    this.world = world;
  }

  @Override
  public void mount(Router router, SimContext ctx) {
    if (world == null) {
      world = MagicSimWorld.of(ctx.world());
    }
    router.get("/accounts/:account_id/pcaps").handler(rc -> list(rc, ctx));
    router.get("/accounts/:account_id/pcaps/ownership").handler(rc -> ownership(rc, ctx));
    router.get("/accounts/:account_id/pcaps/:pcap_id/download").handler(rc -> download(rc, ctx));
    router.get("/accounts/:account_id/pcaps/:pcap_id").handler(rc -> detail(rc, ctx));
  }

  private static Map<String, Object> singlePage(int n) {
    return obj("count", n, "page", 1, "per_page", Math.max(n, 20), "total_count", n);
  }

  private void list(RoutingContext rc, SimContext ctx) {
    String account = SimHandlers.account(rc, ctx);
    if (account == null) {
      return;
    }
    double now = SimHandlers.now(ctx);
    List<Map<String, Object>> items = new ArrayList<>();
    for (SimObject o : world.pcaps().list(account, now)) {
      items.add(PcapsSim.captureView(o, now));
    }
    ctx.ok(rc, items, singlePage(items.size()));
  }

  private void detail(RoutingContext rc, SimContext ctx) {
    String account = SimHandlers.account(rc, ctx);
    if (account == null) {
      return;
    }
    double now = SimHandlers.now(ctx);
    SimObject o = capture(rc, ctx, account, now);
    if (o != null) {
      ctx.ok(rc, PcapsSim.captureView(o, now));
    }
  }

  /** The capture named by the path, or null after answering 404. */
  private SimObject capture(RoutingContext rc, SimContext ctx, String account, double now) {
    SimObject o = world.pcaps().get(account, rc.pathParam("pcap_id"), now);
    if (o == null) {
      SimHandlers.notFound(rc, ctx);
    }
    return o;
  }

  private void ownership(RoutingContext rc, SimContext ctx) {
    String account = SimHandlers.account(rc, ctx);
    if (account == null) {
      return;
    }
    double now = SimHandlers.now(ctx);
    List<Map<String, Object>> items = new ArrayList<>();
    for (SimObject o : world.pcapBuckets().list(account, now)) {
      items.add(PcapsSim.bucketView(o, now));
    }
    ctx.ok(rc, items, singlePage(items.size()));
  }

  private void download(RoutingContext rc, SimContext ctx) {
    String account = SimHandlers.account(rc, ctx);
    if (account == null) {
      return;
    }
    double now = SimHandlers.now(ctx);
    SimObject o = capture(rc, ctx, account, now);
    if (o == null) {
      return;
    }
    Map<String, Object> view = PcapsSim.captureView(o, now);
    if (!"simple".equals(view.get("type")) || !"success".equals(view.get("status"))) {
      ctx.badRequest(rc, "only a simple capture in status success can be downloaded");
      return;
    }
    byte[] file = PcapsSim.pcapFile(o, 8);
    rc.response().putHeader("Content-Type", "application/vnd.tcpdump.pcap")
        .putHeader("Content-Disposition", "attachment; filename=\"" + o.id() + ".pcap\"")
        .end(Buffer.buffer(file));
  }
}
