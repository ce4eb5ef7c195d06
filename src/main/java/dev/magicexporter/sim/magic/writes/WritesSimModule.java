package dev.magicexporter.sim.magic.writes;

import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.PATCH;
import static io.vertx.core.http.HttpMethod.POST;
import static io.vertx.core.http.HttpMethod.PUT;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.magicexporter.sim.SimContext;
import dev.magicexporter.sim.SimErrors;
import dev.magicexporter.sim.SimModule;
import dev.magicexporter.sim.magic.MagicSimWorld;
import dev.magicexporter.sim.magic.writes.checks.Shape;
import dev.magicexporter.sim.magic.writes.checks.WriteShapes;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every write endpoint of the seeds, in memory: create, update, patch and delete of each
 * resource, bulk update and bulk delete, PSK generation, stopping a capture, and bucket
 * ownership (add, validate, delete). Bodies are checked by the simulator's own rules
 * ({@link WriteShapes}: required fields, types, enumerations, as Cloudflare states them), never
 * by the admin API's, which the simulator exists to test. Fields an endpoint does not take are
 * ignored. Writes go to the {@link MagicSimWorld} stores (and the connector edits), so the GET
 * endpoints show them at once; {@code ?validate_only=true} checks and answers without storing.
 *
 * <p>Secrets behave as the API's: a generated PSK and a provisioned licence key are in the
 * answer once and stored nowhere (GET shows {@code psk_metadata}, no licence key).
 */
public final class WritesSimModule implements SimModule {
  private static final ObjectMapper PLAIN = new ObjectMapper();
  private static final int MAX_BODY = 1 << 20;
  private static final String A = "/accounts/{account_id}";
  private static final String M = A + "/magic";
  private static final String SITE = M + "/sites/{site_id}";

  private MagicSimWorld world;
  private final Map<String, WriteRoute> routes = new LinkedHashMap<>();
  private final Ids ids = new Ids();
  private final StoreWrites store = new StoreWrites(ids);
  private final CaptureWrites captures = new CaptureWrites(ids);
  private final ConnectorWrites connectors = new ConnectorWrites(ids, new Secrets());

  /** Writes into the Magic estate of the simulator's shared world ({@link MagicSimWorld#of}). */
  public WritesSimModule() {
    this(null);
  }

  /** Writes into {@code world} (tests that reach into the estate). */
  public WritesSimModule(MagicSimWorld world) {
    this.world = world;
    table();
  }

  // ---- the table: every write endpoint of api/ENDPOINTS.md and what it does ----

  private void table() {
    crud(Kind.APP, M + "/apps", "/{account_app_id}", WriteShapes.APP_CREATE, WriteShapes.APP_UPDATE,
        Answer.PLAIN, Answer.PLAIN, Answer.PLAIN, true);
    WriteRoute cni = on(PUT, M + "/cf_interconnects/{cf_interconnect_id}", WriteShapes.INTERCONNECT,
        store.update(Kind.CNI, Answer.MODIFIED));
    bulk(Kind.CNI, M + "/cf_interconnects", "interconnects", "modified_interconnects", cni);
    WriteRoute gre = crud(Kind.GRE, M + "/gre_tunnels", "/{gre_tunnel_id}", WriteShapes.GRE_CREATE,
        WriteShapes.GRE_UPDATE, Answer.PLAIN, Answer.MODIFIED, Answer.DELETED, false);
    bulk(Kind.GRE, M + "/gre_tunnels", "gre_tunnels", "modified_gre_tunnels", gre);
    WriteRoute ipsec = crud(Kind.IPSEC, M + "/ipsec_tunnels", "/{ipsec_tunnel_id}", WriteShapes.IPSEC,
        WriteShapes.IPSEC, Answer.PLAIN, Answer.MODIFIED, Answer.DELETED, false);
    bulk(Kind.IPSEC, M + "/ipsec_tunnels", "ipsec_tunnels", "modified_ipsec_tunnels", ipsec);
    add(new WriteRoute(POST, M + "/ipsec_tunnels/{ipsec_tunnel_id}/psk_generate", WriteShapes.UNKNOWN, false,
        connectors::pskGenerate));
    WriteRoute route = crud(Kind.ROUTE, M + "/routes", "/{route_id}", WriteShapes.ROUTE, WriteShapes.ROUTE,
        Answer.PLAIN, Answer.MODIFIED, Answer.DELETED, false);
    on(PUT, M + "/routes", WriteShapes.ROUTES_BULK, store.bulkUpdate(Kind.ROUTE, "routes", "modified_routes", route));
    on(DELETE, M + "/routes", WriteShapes.ROUTES_DELETE, store::deleteRoutes);
    crud(Kind.SITE, M + "/sites", "/{site_id}", WriteShapes.SITE_CREATE, WriteShapes.SITE_UPDATE,
        Answer.PLAIN, Answer.PLAIN, Answer.PLAIN, true);
    crud(Kind.APP_CONFIG, SITE + "/app_configs", "/{app_config_id}", WriteShapes.APP_CONFIG, WriteShapes.APP_CONFIG,
        Answer.PLAIN, Answer.PLAIN, Answer.PLAIN, true);
    crud(Kind.ACL, SITE + "/acls", "/{acl_id}", WriteShapes.ACL_CREATE, WriteShapes.ACL_UPDATE,
        Answer.PLAIN, Answer.PLAIN, Answer.PLAIN, true);
    crud(Kind.LAN, SITE + "/lans", "/{lan_id}", WriteShapes.LAN_CREATE, WriteShapes.LAN_UPDATE,
        Answer.LIST_OF_ONE, Answer.PLAIN, Answer.PLAIN, true);
    crud(Kind.WAN, SITE + "/wans", "/{wan_id}", WriteShapes.WAN_CREATE, WriteShapes.WAN_UPDATE,
        Answer.LIST_OF_ONE, Answer.PLAIN, Answer.PLAIN, true);
    on(POST, M + "/connectors", WriteShapes.CONNECTOR_CREATE, connectors::add);
    on(PUT, M + "/connectors/{connector_id}", WriteShapes.CONNECTOR_UPDATE, connectors::change);
    on(PATCH, M + "/connectors/{connector_id}", WriteShapes.CONNECTOR_UPDATE, connectors::change);
    add(new WriteRoute(DELETE, M + "/connectors/{connector_id}", null, false, connectors::remove));
    on(POST, A + "/pcaps", WriteShapes.PCAP_CREATE, store.create(Kind.PCAP, Answer.PLAIN));
    add(new WriteRoute(PUT, A + "/pcaps/{pcap_id}/stop", null, false, captures::stop));
    on(POST, A + "/pcaps/ownership", WriteShapes.OWNERSHIP_ADD, captures::addBucket);
    add(new WriteRoute(DELETE, A + "/pcaps/ownership/{ownership_id}", null, false,
        store.delete(Kind.OWNERSHIP, Answer.NONE)));
    on(POST, A + "/pcaps/ownership/validate", WriteShapes.OWNERSHIP_VALIDATE, captures::validateBucket);
    String services = A + "/connectivity/directory/services";
    on(POST, services, WriteShapes.SERVICE, store.create(Kind.SERVICE, Answer.PLAIN));
    on(PUT, services + "/{service_id}", WriteShapes.SERVICE, store.update(Kind.SERVICE, Answer.PLAIN));
    add(new WriteRoute(DELETE, services + "/{service_id}", null, false, store.delete(Kind.SERVICE, Answer.NONE)));
  }

  /** Create, update (PUT, and PATCH if {@code patch}) and delete of one resource; returns the PUT. */
  private WriteRoute crud(Kind k, String list, String one, Shape create, Shape update, Answer created,
      Answer updated, Answer deleted, boolean patch) {
    on(POST, list, create, store.create(k, created));
    WriteRoute put = on(PUT, list + one, update, store.update(k, updated));
    if (patch) {
      on(PATCH, list + one, update, store.update(k, updated));
    }
    add(new WriteRoute(DELETE, list + one, null, false, store.delete(k, deleted)));
    return put;
  }

  /** A bulk update: "body: unknown", so no check; items under {@code list} change what {@code single} may. */
  private void bulk(Kind k, String template, String list, String resultField, WriteRoute single) {
    on(PUT, template, WriteShapes.UNKNOWN, store.bulkUpdate(k, list, resultField, single));
  }

  private WriteRoute on(HttpMethod method, String template, Shape body, WriteRoute.Handler h) {
    return add(new WriteRoute(method, template, body, body != WriteShapes.UNKNOWN, h));
  }

  private WriteRoute add(WriteRoute r) {
    if (routes.put(r.key(), r) != null) {
      throw new IllegalStateException("two handlers for " + r.key());
    }
    return r;
  }

  /** The body shape of a served route ("METHOD template"), or null when it takes no body. */
  Shape bodyShape(String key) {
    WriteRoute r = routes.get(key);
    if (r == null) {
      throw new IllegalArgumentException("not served: " + key);
    }
    return r.body();
  }

  /** The route keys ("METHOD template") this module serves. */
  public Set<String> served() {
    return new LinkedHashSet<>(routes.keySet());
  }

  @Override
  public void mount(Router router, SimContext ctx) {
    if (world == null) {
      world = MagicSimWorld.of(ctx.world());
    }
    for (WriteRoute route : routes.values()) {
      String vertxPath = route.template().replaceAll("\\{([a-z_]+)}", ":$1");
      router.route(route.method(), vertxPath)
          .handler(BodyHandler.create(false).setBodyLimit(MAX_BODY).setMergeFormAttributes(false))
          .handler(rc -> handle(rc, ctx, route));
    }
  }

  @SuppressWarnings("unchecked")
  private void handle(RoutingContext rc, SimContext ctx, WriteRoute route) {
    Map<String, String> path = new LinkedHashMap<>(rc.pathParams());
    String account = path.get("account_id");
    if (account == null || !ctx.knowsAccount(account)) {
      ctx.error(rc, 404, SimErrors.NO_ROUTE, SimErrors.noRoute(rc.normalizedPath()));
      return;
    }
    String validateOnly = rc.request().getParam("validate_only");
    if (validateOnly != null && !validateOnly.equals("true") && !validateOnly.equals("false")) {
      ctx.badRequest(rc, "validate_only must be true or false");
      return;
    }
    String raw = rc.body() == null ? "" : rc.body().asString();
    Object json = null;
    if (raw != null && !raw.isBlank()) {
      try {
        json = PLAIN.readValue(raw, Object.class);
      } catch (IOException e) {
        ctx.error(rc, 400, 6007, "Malformed JSON in request body");
        return;
      }
    }
    if (json == null && route.bodyRequired()) {
      Call.refuse(rc, ctx, List.of(new Shape.Refusal("", "is required: this endpoint takes a JSON body")));
      return;
    }
    Map<String, Object> body = Map.of();
    if (json != null && route.body() != null) {
      List<Shape.Refusal> refused = route.body().check(json);
      if (!refused.isEmpty()) {
        Call.refuse(rc, ctx, refused);
        return;
      }
      if (json instanceof Map<?, ?> m) {
        body = new LinkedHashMap<>((Map<String, Object>) m);
        Set<String> taken = route.body().fields();
        if (!taken.isEmpty()) {
          body.keySet().retainAll(taken);
        }
      } else if (route.bodyRequired()) {
        Call.refuse(rc, ctx, List.of(new Shape.Refusal("", "must be a JSON object")));
        return;
      }
    }
    route.handler().run(new Call(rc, ctx, world, route, account, body, path, "true".equals(validateOnly)));
  }
}
