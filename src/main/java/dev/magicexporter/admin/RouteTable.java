package dev.magicexporter.admin;

import static dev.magicexporter.admin.ResourceRules.HC_TARGET_HEADER;
import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.PATCH;
import static io.vertx.core.http.HttpMethod.POST;
import static io.vertx.core.http.HttpMethod.PUT;

import dev.magicexporter.admin.Route.Body;
import dev.magicexporter.admin.Route.QueryParam;
import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every endpoint of api/ENDPOINTS.md as one table: method, path template, scope, and the rules
 * its query, headers and body must meet before anything is sent upstream. The admin API has one
 * generic handler for all rows; a test checks this table against ENDPOINTS.md.
 */
public final class RouteTable {
  private static final String A = "/accounts/{account_id}";
  private static final String M = A + "/magic";
  private static final String SITE = M + "/sites/{site_id}";
  private static final String TELEMETRY = M + "/connectors/{connector_id}/telemetry";
  private static final String SERVICES = A + "/connectivity/directory/services";

  // "Use ?validate_only=true as an optional query parameter to only run validation without persisting changes."
  private static final QueryParam VALIDATE_ONLY = new QueryParam("validate_only", ResourceRules.BOOLEAN, false);
  private static final QueryParam FROM = new QueryParam("from", ResourceRules.SECONDS, true);
  private static final QueryParam TO = new QueryParam("to", ResourceRules.SECONDS, true);
  private static final QueryParam CURSOR = new QueryParam("cursor", Schema.text(), false);
  private static final QueryParam LIMIT = new QueryParam("limit", Schema.integerFrom(1), false);
  // "page: optional number ... format int32, minimum 1"; "per_page ... maximum 1000, minimum 1"
  // (services). The PCAP lists state no paging parameters but answer with result_info: the same
  // paging passes through, with no maximum, since none is stated for them.
  private static final QueryParam PAGE = new QueryParam("page", Schema.integerFrom(1), false);
  private static final QueryParam PER_PAGE = new QueryParam("per_page", Schema.integerFrom(1), false);
  private static final QueryParam SERVICES_PER_PAGE = new QueryParam("per_page", Schema.integer(1, 1000), false);

  /** Path parameters and their rules; any other name is an {@link ResourceRules#IDENTIFIER}. */
  public static final Map<String, Schema> PATH_PARAMS = Map.of(
      "account_id", ResourceRules.ACCOUNT_ID,
      "event_t", ResourceRules.SECONDS,
      "event_n", Schema.integerFrom(0),
      "snapshot_t", ResourceRules.SECONDS,
      "service_id", ResourceRules.UUID);

  public static final List<Route> ROUTES = List.of(
      get(M + "/apps"),
      post(M + "/apps", ResourceRules.APP),
      put(M + "/apps/{account_app_id}", ResourceRules.APP.partial()),
      patch(M + "/apps/{account_app_id}", ResourceRules.APP.partial()),
      delete(M + "/apps/{account_app_id}"),

      get(M + "/cf_interconnects").withHeaders(HC_TARGET_HEADER),
      get(M + "/cf_interconnects/{cf_interconnect_id}").withHeaders(HC_TARGET_HEADER),
      put(M + "/cf_interconnects/{cf_interconnect_id}", ResourceRules.CF_INTERCONNECT)
          .withQuery(VALIDATE_ONLY).withHeaders(HC_TARGET_HEADER),
      put(M + "/cf_interconnects", ResourceRules.bulk("interconnects", ResourceRules.CF_INTERCONNECT))
          .withQuery(VALIDATE_ONLY).withHeaders(HC_TARGET_HEADER),

      get(M + "/gre_tunnels").withHeaders(HC_TARGET_HEADER),
      get(M + "/gre_tunnels/{gre_tunnel_id}").withHeaders(HC_TARGET_HEADER),
      post(M + "/gre_tunnels", ResourceRules.GRE_TUNNEL).withQuery(VALIDATE_ONLY).withHeaders(HC_TARGET_HEADER),
      put(M + "/gre_tunnels/{gre_tunnel_id}", ResourceRules.GRE_TUNNEL_UPDATE)
          .withQuery(VALIDATE_ONLY).withHeaders(HC_TARGET_HEADER),
      delete(M + "/gre_tunnels/{gre_tunnel_id}").withQuery(VALIDATE_ONLY).withHeaders(HC_TARGET_HEADER),
      put(M + "/gre_tunnels", ResourceRules.bulk("gre_tunnels", ResourceRules.GRE_TUNNEL_UPDATE))
          .withQuery(VALIDATE_ONLY).withHeaders(HC_TARGET_HEADER),

      get(M + "/ipsec_tunnels").withHeaders(HC_TARGET_HEADER),
      get(M + "/ipsec_tunnels/{ipsec_tunnel_id}").withHeaders(HC_TARGET_HEADER),
      post(M + "/ipsec_tunnels", ResourceRules.IPSEC_TUNNEL).withQuery(VALIDATE_ONLY).withHeaders(HC_TARGET_HEADER),
      put(M + "/ipsec_tunnels/{ipsec_tunnel_id}", ResourceRules.IPSEC_TUNNEL)
          .withQuery(VALIDATE_ONLY).withHeaders(HC_TARGET_HEADER),
      delete(M + "/ipsec_tunnels/{ipsec_tunnel_id}").withQuery(VALIDATE_ONLY).withHeaders(HC_TARGET_HEADER),
      put(M + "/ipsec_tunnels", ResourceRules.bulk("ipsec_tunnels", ResourceRules.IPSEC_TUNNEL))
          .withQuery(VALIDATE_ONLY).withHeaders(HC_TARGET_HEADER),
      Route.of(POST, M + "/ipsec_tunnels/{ipsec_tunnel_id}/psk_generate",
          new Body(Body.Mode.OPTIONAL, ResourceRules.UNKNOWN)).withQuery(VALIDATE_ONLY),

      get(M + "/routes"),
      get(M + "/routes/{route_id}"),
      post(M + "/routes", ResourceRules.ROUTE).withQuery(VALIDATE_ONLY),
      put(M + "/routes/{route_id}", ResourceRules.ROUTE).withQuery(VALIDATE_ONLY),
      delete(M + "/routes/{route_id}"),
      put(M + "/routes", ResourceRules.ROUTES_BULK).withQuery(VALIDATE_ONLY),
      // Deliberate difference (docs/admin-api.md): the seed lists no body; Cloudflare's API names
      // the routes to delete as {"routes": [{"id"}]}. Required here, so that a bare DELETE can
      // never mean "every route".
      Route.of(DELETE, M + "/routes", new Body(Body.Mode.REQUIRED,
          Schema.obj(Schema.req("routes", Schema.arrayOf(Schema.obj(Schema.req("id", ResourceRules.IDENTIFIER))))))),

      get(M + "/sites").withQuery(new QueryParam("connectorid", ResourceRules.IDENTIFIER, false)),
      get(SITE).withHeaders(HC_TARGET_HEADER),
      post(M + "/sites", ResourceRules.SITE),
      put(SITE, ResourceRules.SITE_UPDATE),
      patch(SITE, ResourceRules.SITE_UPDATE),
      delete(SITE),

      get(SITE + "/app_configs"),
      post(SITE + "/app_configs", ResourceRules.APP_CONFIG),
      put(SITE + "/app_configs/{app_config_id}", ResourceRules.APP_CONFIG_UPDATE),
      patch(SITE + "/app_configs/{app_config_id}", ResourceRules.APP_CONFIG_UPDATE),
      delete(SITE + "/app_configs/{app_config_id}"),

      get(SITE + "/acls"),
      get(SITE + "/acls/{acl_id}"),
      post(SITE + "/acls", ResourceRules.ACL),
      put(SITE + "/acls/{acl_id}", ResourceRules.ACL.partial()),
      patch(SITE + "/acls/{acl_id}", ResourceRules.ACL.partial()),
      delete(SITE + "/acls/{acl_id}"),

      get(SITE + "/lans"),
      get(SITE + "/lans/{lan_id}"),
      post(SITE + "/lans", ResourceRules.LAN),
      put(SITE + "/lans/{lan_id}", ResourceRules.LAN_UPDATE),
      patch(SITE + "/lans/{lan_id}", ResourceRules.LAN_UPDATE),
      delete(SITE + "/lans/{lan_id}"),

      get(SITE + "/wans"),
      get(SITE + "/wans/{wan_id}"),
      post(SITE + "/wans", ResourceRules.WAN),
      put(SITE + "/wans/{wan_id}", ResourceRules.WAN.partial()),
      patch(SITE + "/wans/{wan_id}", ResourceRules.WAN.partial()),
      delete(SITE + "/wans/{wan_id}"),

      get(M + "/connectors"),
      get(M + "/connectors/{connector_id}"),
      post(M + "/connectors", ResourceRules.CONNECTOR_CREATE),
      put(M + "/connectors/{connector_id}", ResourceRules.CONNECTOR_UPDATE),
      patch(M + "/connectors/{connector_id}", ResourceRules.CONNECTOR_UPDATE),
      delete(M + "/connectors/{connector_id}"),

      get(TELEMETRY + "/events").withQuery(FROM, TO, CURSOR, new QueryParam("k", Schema.text(), false), LIMIT),
      get(TELEMETRY + "/events/{event_t}.{event_n}"),
      get(TELEMETRY + "/events/latest"),
      get(TELEMETRY + "/snapshots").withQuery(FROM, TO, CURSOR, LIMIT),
      get(TELEMETRY + "/snapshots/{snapshot_t}"),
      get(TELEMETRY + "/snapshots/latest"),

      // The answers carry result_info (count, page, per_page, total_count), so paging passes through.
      get(A + "/pcaps").withQuery(PAGE, PER_PAGE),
      get(A + "/pcaps/{pcap_id}"),
      post(A + "/pcaps", ResourceRules.PCAP_CREATE),
      Route.of(PUT, A + "/pcaps/{pcap_id}/stop", Body.NONE),
      get(A + "/pcaps/ownership").withQuery(PAGE, PER_PAGE),
      post(A + "/pcaps/ownership", ResourceRules.OWNERSHIP_ADD),
      delete(A + "/pcaps/ownership/{ownership_id}"),
      post(A + "/pcaps/ownership/validate", ResourceRules.OWNERSHIP_VALIDATE),
      get(A + "/pcaps/{pcap_id}/download").asStream(),

      get(SERVICES).withQuery(PAGE, SERVICES_PER_PAGE, new QueryParam("type", Schema.oneOfValues("tcp", "http"), false)),
      post(SERVICES, ResourceRules.SERVICE),
      get(SERVICES + "/{service_id}"),
      put(SERVICES + "/{service_id}", ResourceRules.SERVICE),
      delete(SERVICES + "/{service_id}"));

  private static Route get(String t) {
    return Route.of(GET, t, Body.NONE);
  }

  private static Route delete(String t) {
    return Route.of(DELETE, t, Body.NONE);
  }

  private static Route post(String t, Schema body) {
    return Route.of(POST, t, new Body(Body.Mode.REQUIRED, body));
  }

  private static Route put(String t, Schema body) {
    return Route.of(PUT, t, new Body(Body.Mode.REQUIRED, body));
  }

  private static Route patch(String t, Schema body) {
    return Route.of(PATCH, t, new Body(Body.Mode.REQUIRED, body));
  }

  /** What a request's method and path resolve to. */
  public sealed interface Resolution permits Matched, WrongMethod, NoRoute {}

  /** A route and its path values. */
  public record Matched(Route route, Map<String, String> pathValues) implements Resolution {}

  /** The path is known but not with this method. */
  public record WrongMethod(Set<HttpMethod> allowed) implements Resolution {}

  public record NoRoute() implements Resolution {}

  private record Entry(Route route, PathTemplate template) {}

  private final List<Entry> entries = new ArrayList<>();

  public RouteTable() {
    this(ROUTES);
  }

  public RouteTable(List<Route> routes) {
    for (Route r : routes) {
      entries.add(new Entry(r, new PathTemplate(r.template())));
    }
  }

  public List<Route> routes() {
    return entries.stream().map(Entry::route).toList();
  }

  /**
   * Resolves decoded path segments (after {@code /client/v4}). Among templates that fit, the most
   * specific one that has the method wins, so {@code GET /pcaps/ownership} is the ownership list,
   * not the capture called "ownership".
   */
  public Resolution resolve(HttpMethod method, List<String> segments) {
    Matched best = null;
    int bestLiterals = -1;
    Set<HttpMethod> allowed = new LinkedHashSet<>();
    for (Entry e : entries) {
      Map<String, String> values = e.template().match(segments);
      if (values == null) {
        continue;
      }
      allowed.add(e.route().method());
      if (e.route().method().equals(method) && e.template().literals() > bestLiterals) {
        best = new Matched(e.route(), values);
        bestLiterals = e.template().literals();
      }
    }
    if (best != null) {
      return best;
    }
    return allowed.isEmpty() ? new NoRoute() : new WrongMethod(allowed);
  }
}
