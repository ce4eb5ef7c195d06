package dev.magicexporter.admin;

import dev.magicexporter.admin.AdminError.Item;
import dev.magicexporter.client.ApiException;
import dev.magicexporter.client.ApiRequest;
import dev.magicexporter.client.Priority;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one handler behind every row of the {@link RouteTable}: resolve the route, check scope,
 * account, path, query, headers and body against the row's rules, then forward the request
 * through the account's {@link Upstream} (GETs through the {@link ResponseCache}, the PCAP
 * download streamed, writes audited and followed by cache invalidation). Only the validated
 * parts of a request go upstream: no caller header except the route's own, never the caller's
 * auth.
 */
public final class AdminApi {
  /** Base path of the Cloudflare v4 API, kept so any Cloudflare client can point here. */
  public static final String BASE = "/client/v4";
  /** Tells a caller whether a GET was answered from the cache. */
  public static final String CACHE_HEADER = "X-Magic-Exporter-Cache";
  /** Routing context key of the authenticated {@link AdminAuth.Principal}. */
  static final String PRINCIPAL = "admin.principal";
  /** Routing context key of the matched route (metrics label). */
  static final String ROUTE = "admin.route";

  private static final Logger LOG = LoggerFactory.getLogger(AdminApi.class);
  private static final Logger AUDIT = LoggerFactory.getLogger("audit");
  private static final String UPSTREAM_STATUS = "admin.upstream_status";

  private final RouteTable table;
  private final Map<String, Upstream> upstreams;
  private final ResponseCache cache;
  private final boolean strictFields;

  public AdminApi(RouteTable table, Map<String, Upstream> upstreams, ResponseCache cache) {
    this(table, upstreams, cache, false);
  }

  /**
   * @param upstreams the configured accounts and the client each one is reached through; any
   *     other account id gets 404
   * @param strictFields refuse body fields the reference does not know ({@code admin.strict_fields})
   *     instead of forwarding them with a warning
   */
  public AdminApi(RouteTable table, Map<String, Upstream> upstreams, ResponseCache cache, boolean strictFields) {
    this.table = table;
    this.upstreams = Map.copyOf(upstreams);
    this.cache = cache;
    this.strictFields = strictFields;
  }

  public void handle(RoutingContext rc) {
    HttpServerRequest req = rc.request();
    String raw = req.path();
    List<String> segments = raw.startsWith(BASE + "/") ? RequestParts.segments(raw.substring(BASE.length())) : null;
    if (segments == null) {
      AdminError.NO_ROUTE.send(rc.response());
      return;
    }
    RouteTable.Resolution res = table.resolve(req.method(), segments);
    if (res instanceof RouteTable.WrongMethod wm) {
      rc.response().putHeader("Allow", wm.allowed().stream().map(Object::toString).collect(Collectors.joining(", ")));
      AdminError.METHOD_NOT_ALLOWED.send(rc.response());
      return;
    }
    if (!(res instanceof RouteTable.Matched m)) {
      AdminError.NO_ROUTE.send(rc.response());
      return;
    }
    Route route = m.route();
    rc.put(ROUTE, route.template());
    AdminAuth.Principal who = rc.get(PRINCIPAL);
    if (route.scope() == Scope.WRITE) {
      long started = System.nanoTime();
      rc.addEndHandler(ar -> audit(rc, who, started, ar.succeeded()));
    }
    if (!who.scope().allows(route.scope())) {
      AdminError.FORBIDDEN.send(rc.response());
      return;
    }
    List<Item> pathProblems = RequestCheck.path(m.pathValues());
    if (pathProblems.isEmpty() && !upstreams.containsKey(m.pathValues().get("account_id"))) {
      AdminError.UNKNOWN_ACCOUNT.send(rc.response());
      return;
    }
    RequestCheck.Checked checked = RequestCheck.request(route, pathProblems, req.query(), req.headers(),
        rc.body() == null ? null : rc.body().buffer(), strictFields);
    if (!checked.ok()) {
      checked.error().send(rc.response(), checked.problems());
      return;
    }
    List<Map.Entry<String, String>> query = checked.query();
    Map<String, String> headers = checked.headers();
    Buffer body = checked.body();
    boolean hasBody = body != null;
    ApiRequest up = ApiRequest.of(route.method(), route.template()).withPriority(Priority.ADMIN);
    for (Map.Entry<String, String> p : m.pathValues().entrySet()) {
      up = up.withPath(p.getKey(), p.getValue());
    }
    for (Map.Entry<String, String> q : query) {
      up = up.withQuery(q.getKey(), q.getValue());
    }
    for (Map.Entry<String, String> h : headers.entrySet()) {
      up = up.withHeader(h.getKey(), h.getValue());
    }
    if (hasBody) {
      up = up.withBody(body);
    }
    Upstream upstream = upstreams.get(m.pathValues().get("account_id"));
    if (route.streamed()) {
      stream(rc, upstream, up);
    } else if (route.scope() == Scope.READ) {
      read(rc, route, upstream, up, query, headers);
    } else {
      write(rc, route, upstream, up, checked.warnings());
    }
  }

  /** A caller-chosen text made safe to log or echo: visible ASCII only, bounded. */
  static String printable(String s, int max) {
    return RequestCheck.printable(s, max);
  }

  // ---- forwarding ----

  private void read(RoutingContext rc, Route route, Upstream upstream, ApiRequest up,
      List<Map.Entry<String, String>> query, Map<String, String> headers) {
    String canonicalQuery = query.stream().sorted(Map.Entry.comparingByKey())
        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
    String variant = headers.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(";"));
    ResponseCache.Key key = new ResponseCache.Key(route.kind(), up.path(), canonicalQuery, variant);
    cache.get(key, () -> upstream.send(up), rc.vertx().getOrCreateContext()).onComplete(ar -> {
      if (ar.failed()) {
        upstreamFailed(rc, route, ar.cause());
        return;
      }
      ResponseCache.Entry e = ar.result().entry();
      rc.put(UPSTREAM_STATUS, e.status());
      HttpServerResponse resp = rc.response();
      if (resp.ended() || resp.closed()) {
        return;
      }
      resp.setStatusCode(e.status());
      PassedHeaders.copy(e.headers(), resp);
      resp.putHeader(CACHE_HEADER, ar.result().hit() ? "hit" : "miss");
      resp.end(e.body());
    });
  }

  private void write(RoutingContext rc, Route route, Upstream upstream, ApiRequest up, List<Item> warnings) {
    String collection = collection(route, up.path());
    upstream.send(up).onComplete(ar -> {
      cache.invalidate(collection);
      if (ar.failed()) {
        upstreamFailed(rc, route, ar.cause());
        return;
      }
      Upstream.Response r = ar.result();
      rc.put(UPSTREAM_STATUS, r.status());
      HttpServerResponse resp = rc.response();
      if (resp.ended() || resp.closed()) {
        return;
      }
      resp.setStatusCode(r.status());
      PassedHeaders.copy(PassedHeaders.of(r.headers()), resp);
      resp.end(Warnings.addTo(r.body() == null ? Buffer.buffer() : r.body(), warnings));
    });
  }

  private void stream(RoutingContext rc, Upstream upstream, ApiRequest up) {
    HttpServerResponse resp = rc.response();
    upstream.pipe(up, head -> {
      rc.put(UPSTREAM_STATUS, head.status());
      resp.setStatusCode(head.status());
      PassedHeaders.copy(PassedHeaders.of(head.headers()), resp);
      String length = head.headers() == null ? null : head.headers().get("Content-Length");
      if (length != null) {
        resp.putHeader("Content-Length", length);
      } else {
        resp.setChunked(true);
      }
      return resp;
    }).onFailure(t -> {
      if (resp.headWritten()) {
        // The caller must not mistake a cut capture for a whole one.
        LOG.warn("admin PCAP download cut off: {}", kind(t));
        resp.reset();
      } else {
        upstreamFailed(rc, null, t);
      }
    });
  }

  /**
   * The collection a write changes: the template's path up to its resource kind, with values
   * ({@code /accounts/a/magic/sites/s/lans} for a LAN write).
   */
  static String collection(Route route, String concretePath) {
    String[] t = route.template().split("/");
    String[] p = concretePath.split("/");
    int last = 0;
    for (int i = 0; i < t.length; i++) {
      if (t[i].equals(route.kind())) {
        last = i;
      }
    }
    StringBuilder b = new StringBuilder();
    for (int i = 1; i <= last && i < p.length; i++) {
      b.append('/').append(p[i]);
    }
    return b.toString();
  }

  private static void upstreamFailed(RoutingContext rc, Route route, Throwable t) {
    LOG.warn("admin request to {} failed upstream: {}", route == null ? "download" : route.template(), kind(t));
    if (t instanceof ApiException.Network n && n.isTimeout()) {
      AdminError.UPSTREAM_TIMEOUT.send(rc.response());
    } else if (t instanceof ApiException.Throttled th) {
      if (th.retryAfterMillis() >= 0) {
        rc.response().putHeader("Retry-After", Long.toString((th.retryAfterMillis() + 999) / 1000));
      }
      AdminError.THROTTLED.send(rc.response());
    } else {
      AdminError.UPSTREAM_FAILED.send(rc.response());
    }
  }

  /** A failure's kind, never its message (upstream messages may echo submitted values). */
  private static String kind(Throwable t) {
    return t instanceof ApiException a ? a.kind() : t.getClass().getSimpleName();
  }

  private static void audit(RoutingContext rc, AdminAuth.Principal who, long startedNanos, boolean completed) {
    Object upstream = rc.get(UPSTREAM_STATUS);
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("token", who == null ? "-" : who.name());
    line.put("method", rc.request().method().name());
    line.put("path", printable(rc.request().path(), 400));
    line.put("status", rc.response().getStatusCode());
    line.put("upstream_status", upstream == null ? "-" : upstream);
    line.put("duration_ms", (System.nanoTime() - startedNanos) / 1_000_000);
    if (!completed) {
      line.put("note", "connection closed before the answer was sent");
    }
    AUDIT.info(line.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")));
  }
}
