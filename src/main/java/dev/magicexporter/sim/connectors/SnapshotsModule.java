package dev.magicexporter.sim.connectors;

import dev.magicexporter.sim.SimContext;
import dev.magicexporter.sim.SimErrors;
import dev.magicexporter.sim.SimModule;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The connector snapshot endpoints of the seed:
 * <ul>
 *   <li>{@code GET .../telemetry/snapshots?from&to[&cursor][&limit]}: items {@code {a, t}} with
 *       {@code from <= t <= to}, ascending; {@code result.cursor} only when more items follow;</li>
 *   <li>{@code GET .../telemetry/snapshots/latest}: {@code {count, items}} with the newest full
 *       snapshot (none for a connector that never reported);</li>
 *   <li>{@code GET .../telemetry/snapshots/{snapshot_t}}: the full snapshot recorded at {@code t}.</li>
 * </ul>
 * {@code count} is the number of items in the page.
 */
public final class SnapshotsModule implements SimModule {
  static final char CURSOR_LIST = 's';
  private static final String BASE = "/accounts/:account_id/magic/connectors/:connector_id/telemetry/snapshots";

  @Override
  public void mount(Router router, SimContext ctx) {
    router.get(BASE).handler(rc -> list(rc, ctx));
    router.get(BASE + "/latest").handler(rc -> latest(rc, ctx));
    router.get(BASE + "/:snapshot_t").handler(rc -> one(rc, ctx));
  }

  private static void list(RoutingContext rc, SimContext ctx) {
    Optional<SimConnector> c = ctx.connector(rc);
    if (c.isEmpty()) {
      return;
    }
    Optional<TelemetryParams> q = TelemetryParams.parse(rc, ctx, CURSOR_LIST, c.get().key());
    if (q.isEmpty()) {
      return;
    }
    TelemetryParams p = q.get();
    long[] w = ctx.world().window(p.from(), p.to());
    ConnectorLife life = new ConnectorLife(c.get());
    long afterT = p.after() == null ? Long.MIN_VALUE : p.after().t();
    List<Long> times = SnapshotSchedule.times(life, w[0], w[1], afterT, p.limit() + 1);
    boolean more = times.size() > p.limit();
    List<Long> page = more ? times.subList(0, p.limit()) : times;
    List<Map<String, Object>> items = new ArrayList<>(page.size());
    for (long t : page) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("a", SimContext.seconds(SnapshotGenerator.collectedAt(life, t)));
      m.put("t", t);
      items.add(m);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("count", items.size());
    result.put("items", items);
    if (more) {
      result.put("cursor", TelemetryCursor.encode(CURSOR_LIST, c.get().key(), page.get(page.size() - 1), 0));
    }
    ctx.ok(rc, result);
  }

  private static void latest(RoutingContext rc, SimContext ctx) {
    ctx.connector(rc).ifPresent(c -> {
      SimWorld world = ctx.world();
      OptionalLong t = world.latestSnapshotTime(c.accountId(), c.id());
      List<Object> items = new ArrayList<>(1);
      if (t.isPresent()) {
        items.add(world.snapshot(c.accountId(), c.id(), t.getAsLong()).orElseThrow());
      }
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("count", items.size());
      result.put("items", items);
      ctx.ok(rc, result);
    });
  }

  private static void one(RoutingContext rc, SimContext ctx) {
    Optional<SimConnector> c = ctx.connector(rc);
    if (c.isEmpty()) {
      return;
    }
    String raw = rc.pathParam("snapshot_t");
    Long t = TelemetryParams.wholeSeconds(raw);
    if (t == null) {
      if (raw.matches("-?\\d+\\.\\d+")) {
        ctx.error(rc, 404, SimErrors.NOT_FOUND, "No snapshot recorded at " + raw);
      } else {
        ctx.badRequest(rc, "'snapshot_t' must be a number (seconds since the Unix epoch); got " + raw);
      }
      return;
    }
    Optional<Map<String, Object>> s = ctx.world().snapshot(c.get().accountId(), c.get().id(), t);
    if (s.isEmpty()) {
      ctx.error(rc, 404, SimErrors.NOT_FOUND, "No snapshot recorded at " + raw);
      return;
    }
    ctx.ok(rc, s.get());
  }
}
