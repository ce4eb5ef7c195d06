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

/**
 * The connector event endpoints of the seed:
 * <ul>
 *   <li>{@code GET .../telemetry/events?from&to[&cursor][&k][&limit]}: items {@code {a, k, n, t}}
 *       with {@code from <= t <= to}, in {@code (t, n)} order; {@code result.cursor} is present
 *       only when more items follow;</li>
 *   <li>{@code GET .../telemetry/events/latest}: the newest {@link #LATEST_EVENTS} events as
 *       {@code {e: {k}, n, t, v}}, oldest first, no cursor;</li>
 *   <li>{@code GET .../telemetry/events/{event_t}.{event_n}}: one event {@code {e, n, t, v}}.</li>
 * </ul>
 * {@code count} is the number of items in the page. {@code n} numbers all of a connector's events
 * sharing a {@code t} (from 0), also when the list is filtered by {@code k}.
 */
public final class EventsModule implements SimModule {
  /** How many events {@code events/latest} returns. */
  public static final int LATEST_EVENTS = 20;
  static final char CURSOR_LIST = 'e';
  private static final String BASE = "/accounts/:account_id/magic/connectors/:connector_id/telemetry/events";

  @Override
  public void mount(Router router, SimContext ctx) {
    router.get(BASE).handler(rc -> list(rc, ctx));
    router.get(BASE + "/latest").handler(rc -> latest(rc, ctx));
    router.get(BASE + "/:event").handler(rc -> one(rc, ctx));
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
    EventKind kind = null;
    String k = rc.queryParams().get("k");
    if (k != null && !k.isEmpty()) {
      kind = EventKind.ofK(k).orElse(null);
      if (kind == null) {
        ctx.badRequest(rc, "'k' is not an event kind: " + k);
        return;
      }
    }
    TelemetryParams p = q.get();
    long[] w = ctx.world().window(p.from(), p.to());
    long afterT = p.after() == null ? Long.MIN_VALUE : p.after().t();
    int afterN = p.after() == null ? 0 : p.after().n();
    List<SimEvent> events = EventTimeline.scan(new ConnectorLife(c.get()), w[0], w[1], afterT, afterN, kind,
        p.limit() + 1);
    boolean more = events.size() > p.limit();
    List<SimEvent> page = more ? events.subList(0, p.limit()) : events;
    List<Map<String, Object>> items = new ArrayList<>(page.size());
    for (SimEvent e : page) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("a", SimContext.seconds(e.a()));
      m.put("k", e.kind().k());
      m.put("n", e.n());
      m.put("t", e.t());
      items.add(m);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("count", items.size());
    result.put("items", items);
    if (more) {
      SimEvent last = page.get(page.size() - 1);
      result.put("cursor", TelemetryCursor.encode(CURSOR_LIST, c.get().key(), last.t(), last.n()));
    }
    ctx.ok(rc, result);
  }

  private static void latest(RoutingContext rc, SimContext ctx) {
    ctx.connector(rc).ifPresent(c -> {
      List<Map<String, Object>> items = ctx.world().latestEvents(c.accountId(), c.id(), LATEST_EVENTS).stream()
          .map(EventsModule::recorded).toList();
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
    String id = rc.pathParam("event");
    int dot = id.lastIndexOf('.');
    Long t = dot < 0 ? null : TelemetryParams.wholeSeconds(id.substring(0, dot));
    Integer n = null;
    if (dot >= 0 && id.substring(dot + 1).matches("\\d{1,9}")) {
      n = Integer.parseInt(id.substring(dot + 1));
    }
    if (t == null || n == null) {
      ctx.badRequest(rc, "an event is named {event_t}.{event_n}, e.g. 1700000000.0; got " + id);
      return;
    }
    Optional<SimEvent> e = ctx.world().event(c.get().accountId(), c.get().id(), t, n);
    if (e.isEmpty()) {
      ctx.error(rc, 404, SimErrors.NOT_FOUND, "No event " + t + "." + n + " for this connector");
      return;
    }
    ctx.ok(rc, recorded(e.get()));
  }

  /** The recorded-event shape {@code {e: {k[, url]}, n, t, v}}. */
  static Map<String, Object> recorded(SimEvent e) {
    Map<String, Object> kind = new LinkedHashMap<>();
    kind.put("k", e.kind().k());
    if (e.url() != null) {
      kind.put("url", e.url());
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("e", kind);
    m.put("n", e.n());
    m.put("t", e.t());
    m.put("v", e.version());
    return m;
  }
}
