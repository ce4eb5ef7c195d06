package dev.magicexporter.sim.magic.writes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.magicexporter.admin.AdminError;
import dev.magicexporter.admin.PathTemplate;
import dev.magicexporter.admin.RequestCheck;
import dev.magicexporter.admin.ResourceRules;
import dev.magicexporter.admin.Route;
import dev.magicexporter.admin.RouteTable;
import dev.magicexporter.admin.Schema;
import dev.magicexporter.admin.Scope;
import dev.magicexporter.sim.SimContext;
import dev.magicexporter.sim.SimErrors;
import dev.magicexporter.sim.SimModule;
import dev.magicexporter.sim.connectors.ConnectorEdits;
import dev.magicexporter.sim.connectors.SimConnector;
import dev.magicexporter.sim.connectors.SimWorld;
import dev.magicexporter.sim.magic.JsonMaps;
import dev.magicexporter.sim.magic.MagicSimWorld;
import dev.magicexporter.sim.magic.SimHash;
import dev.magicexporter.sim.magic.SimObject;
import dev.magicexporter.sim.magic.SimResourceStore;
import dev.magicexporter.sim.magic.SimTime;
import dev.magicexporter.sim.magic.pcaps.PcapsSim;
import dev.magicexporter.sim.magic.tunnels.TunnelsSim;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Every write endpoint of the seeds, in memory: create, update, patch and delete of each
 * resource, bulk update and bulk delete, PSK generation, stopping a capture, and bucket
 * ownership (add, validate, delete). Requests are checked with the admin API's own rules
 * ({@link RequestCheck} over the {@link RouteTable}), so the simulator refuses exactly what the
 * admin API refuses. Writes go to the {@link MagicSimWorld} stores (and {@link ConnectorEdits}
 * for connectors), so the GET endpoints show them at once; {@code ?validate_only=true} checks
 * and answers without storing.
 *
 * <p>Secrets behave as the API's: a generated PSK and a provisioned licence key are in the
 * answer once and stored nowhere (GET shows {@code psk_metadata}, no licence key).
 */
public final class WritesSimModule implements SimModule {
  private static final ObjectMapper PLAIN = new ObjectMapper();
  private static final int MAX_BODY = 1 << 20;
  private static final String PSK_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private MagicSimWorld world;
  private final AtomicLong created = new AtomicLong();
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Handler> handlers = new LinkedHashMap<>();

  /** Writes into the Magic estate of the simulator's shared world ({@link MagicSimWorld#of}). */
  public WritesSimModule() {
    this(null);
  }

  /** Writes into {@code world} (tests that reach into the estate). */
  public WritesSimModule(MagicSimWorld world) {
    this.world = world;
    table();
  }

  /** How a resource's answer is shaped (from the seed's {@code result} of each endpoint). */
  enum Shape {
    /** The object. */
    PLAIN,
    /** An array of the one object ("array of LAN"). */
    LIST_OF_ONE,
    /** {@code {modified: true, modified_<item>: object}}. */
    MODIFIED,
    /** {@code {deleted: true, deleted_<item>: object}}. */
    DELETED,
    /** {@code result: null}. */
    NONE
  }

  /** How GET shows a stored object: some fields are derived from the clock. */
  private interface View {
    Map<String, Object> of(long seed, SimObject o, double now, boolean objectTarget);
  }

  private static final View FIELDS = (seed, o, now, objectTarget) -> JsonMaps.copy(o.fields());
  private static final View TUNNEL = TunnelsSim::view;
  private static final View CAPTURE = (seed, o, now, objectTarget) -> PcapsSim.captureView(o, now);
  private static final View BUCKET = (seed, o, now, objectTarget) -> PcapsSim.bucketView(o, now);

  /**
   * One resource as writes see it.
   *
   * @param idField the field holding the id ({@code id}, {@code account_app_id}, {@code service_id})
   * @param createdField / modifiedField timestamps the API keeps, or null
   * @param parentParam the path parameter of the parent site, or null
   * @param item name of the object in {@code modified_<item>} / {@code deleted_<item>}
   */
  private record Kind(String name, Function<MagicSimWorld, SimResourceStore> store, String idParam, String idField,
      boolean uuid, String createdField, String modifiedField, String parentParam, String item, boolean uniqueName,
      View view) {}

  private static final Kind GRE = new Kind("gre", MagicSimWorld::greTunnels, "gre_tunnel_id", "id", false,
      "created_on", "modified_on", null, "gre_tunnel", true, TUNNEL);
  private static final Kind IPSEC = new Kind("ipsec", MagicSimWorld::ipsecTunnels, "ipsec_tunnel_id", "id", false,
      "created_on", "modified_on", null, "ipsec_tunnel", true, TUNNEL);
  private static final Kind CNI = new Kind("cni", MagicSimWorld::interconnects, "cf_interconnect_id", "id", false,
      "created_on", "modified_on", null, "interconnect", false, TUNNEL);
  private static final Kind ROUTE = new Kind("route", MagicSimWorld::routes, "route_id", "id", false,
      "created_on", "modified_on", null, "route", false, FIELDS);
  private static final Kind SITE = new Kind("site", MagicSimWorld::sites, "site_id", "id", false,
      null, null, null, "site", false, FIELDS);
  private static final Kind LAN = new Kind("lan", MagicSimWorld::lans, "lan_id", "id", false,
      null, null, "site_id", "lan", false, FIELDS);
  private static final Kind WAN = new Kind("wan", MagicSimWorld::wans, "wan_id", "id", false,
      null, null, "site_id", "wan", false, FIELDS);
  private static final Kind ACL = new Kind("acl", MagicSimWorld::acls, "acl_id", "id", false,
      null, null, "site_id", "acl", false, FIELDS);
  private static final Kind APP_CONFIG = new Kind("app_config", MagicSimWorld::appConfigs, "app_config_id", "id",
      false, null, null, "site_id", "app_config", false, FIELDS);
  private static final Kind APP = new Kind("app", MagicSimWorld::apps, "account_app_id", "account_app_id", false,
      null, null, null, "app", false, FIELDS);
  private static final Kind SERVICE = new Kind("service", MagicSimWorld::services, "service_id", "service_id", true,
      "created_at", "updated_at", null, "service", false, FIELDS);
  private static final Kind PCAP = new Kind("pcap", MagicSimWorld::pcaps, "pcap_id", "id", false,
      null, null, null, "pcap", false, CAPTURE);
  private static final Kind OWNERSHIP = new Kind("ownership", MagicSimWorld::pcapBuckets, "ownership_id", "id", false,
      null, null, null, "ownership", false, BUCKET);

  /** One write endpoint's behaviour. */
  private interface Handler {
    void run(Call c);
  }

  /** A checked request on its way through a handler. */
  private final class Call {
    final RoutingContext rc;
    final SimContext ctx;
    final Route route;
    final String account;
    final double now;
    final RequestCheck.Checked checked;
    final Map<String, Object> body;
    final Map<String, String> path;

    Call(RoutingContext rc, SimContext ctx, Route route, String account, RequestCheck.Checked checked,
        Map<String, Object> body, Map<String, String> path) {
      this.rc = rc;
      this.ctx = ctx;
      this.route = route;
      this.account = account;
      this.now = ctx.clock().nowSeconds();
      this.checked = checked;
      this.body = body;
      this.path = path;
    }

    boolean validateOnly() {
      return "true".equals(checked.queryValue("validate_only"));
    }

    boolean objectTarget() {
      return checked.headerTrue(ResourceRules.HC_TARGET_HEADER);
    }

    Map<String, Object> view(Kind k, SimObject o) {
      return k.view().of(world.seed(), o, now, objectTarget());
    }

    void ok(Object result) {
      ctx.ok(rc, result);
    }

    void notFound() {
      ctx.error(rc, 404, SimErrors.NO_ROUTE, SimErrors.noRoute(rc.normalizedPath()));
    }

    /** 400 with one problem at a body field. */
    void refuse(String pointer, String message) {
      ctx.send(rc, 400, AdminError.envelope(List.of(AdminError.INVALID.item(
          (pointer.isEmpty() ? "body" : pointer) + " " + message, AdminError.Source.pointer(pointer)))));
    }
  }

  // ---- the table: every write route of the RouteTable and what it does ----

  private void table() {
    String a = "/accounts/{account_id}";
    String m = a + "/magic";
    String s = m + "/sites/{site_id}";
    crud(APP, m + "/apps", "/{account_app_id}", Shape.PLAIN, Shape.PLAIN, Shape.PLAIN, true);
    on(HttpMethod.PUT, m + "/cf_interconnects/{cf_interconnect_id}", update(CNI, Shape.MODIFIED));
    on(HttpMethod.PUT, m + "/cf_interconnects", bulkUpdate(CNI, "cf_interconnects", "modified_interconnects"));
    crud(GRE, m + "/gre_tunnels", "/{gre_tunnel_id}", Shape.PLAIN, Shape.MODIFIED, Shape.DELETED, false);
    on(HttpMethod.PUT, m + "/gre_tunnels", bulkUpdate(GRE, "gre_tunnels", "modified_gre_tunnels"));
    crud(IPSEC, m + "/ipsec_tunnels", "/{ipsec_tunnel_id}", Shape.PLAIN, Shape.MODIFIED, Shape.DELETED, false);
    on(HttpMethod.PUT, m + "/ipsec_tunnels", bulkUpdate(IPSEC, "ipsec_tunnels", "modified_ipsec_tunnels"));
    on(HttpMethod.POST, m + "/ipsec_tunnels/{ipsec_tunnel_id}/psk_generate", this::pskGenerate);
    crud(ROUTE, m + "/routes", "/{route_id}", Shape.PLAIN, Shape.MODIFIED, Shape.DELETED, false);
    on(HttpMethod.PUT, m + "/routes", bulkUpdate(ROUTE, "routes", "modified_routes"));
    on(HttpMethod.DELETE, m + "/routes", this::deleteRoutes);
    crud(SITE, m + "/sites", "/{site_id}", Shape.PLAIN, Shape.PLAIN, Shape.PLAIN, true);
    crud(APP_CONFIG, s + "/app_configs", "/{app_config_id}", Shape.PLAIN, Shape.PLAIN, Shape.PLAIN, true);
    crud(ACL, s + "/acls", "/{acl_id}", Shape.PLAIN, Shape.PLAIN, Shape.PLAIN, true);
    crud(LAN, s + "/lans", "/{lan_id}", Shape.LIST_OF_ONE, Shape.PLAIN, Shape.PLAIN, true);
    crud(WAN, s + "/wans", "/{wan_id}", Shape.LIST_OF_ONE, Shape.PLAIN, Shape.PLAIN, true);
    on(HttpMethod.POST, m + "/connectors", this::addConnector);
    on(HttpMethod.PUT, m + "/connectors/{connector_id}", this::changeConnector);
    on(HttpMethod.PATCH, m + "/connectors/{connector_id}", this::changeConnector);
    on(HttpMethod.DELETE, m + "/connectors/{connector_id}", this::removeConnector);
    on(HttpMethod.POST, a + "/pcaps", create(PCAP, Shape.PLAIN));
    on(HttpMethod.PUT, a + "/pcaps/{pcap_id}/stop", this::stopCapture);
    on(HttpMethod.POST, a + "/pcaps/ownership", this::addBucket);
    on(HttpMethod.DELETE, a + "/pcaps/ownership/{ownership_id}", delete(OWNERSHIP, Shape.NONE));
    on(HttpMethod.POST, a + "/pcaps/ownership/validate", this::validateBucket);
    String services = a + "/connectivity/directory/services";
    on(HttpMethod.POST, services, create(SERVICE, Shape.PLAIN));
    on(HttpMethod.PUT, services + "/{service_id}", update(SERVICE, Shape.PLAIN));
    on(HttpMethod.DELETE, services + "/{service_id}", delete(SERVICE, Shape.NONE));
  }

  private void crud(Kind k, String list, String one, Shape created, Shape updated, Shape deleted, boolean patch) {
    on(HttpMethod.POST, list, create(k, created));
    on(HttpMethod.PUT, list + one, update(k, updated));
    if (patch) {
      on(HttpMethod.PATCH, list + one, update(k, updated));
    }
    on(HttpMethod.DELETE, list + one, delete(k, deleted));
  }

  private void on(HttpMethod method, String template, Handler h) {
    if (handlers.put(method.name() + " " + template, h) != null) {
      throw new IllegalStateException("two handlers for " + method + " " + template);
    }
  }

  /** The route keys ("METHOD template") this module serves: every write route of the table. */
  public Set<String> served() {
    return new LinkedHashSet<>(handlers.keySet());
  }

  @Override
  public void mount(Router router, SimContext ctx) {
    if (world == null) {
      world = MagicSimWorld.of(ctx.world());
    }
    for (Route route : RouteTable.ROUTES) {
      if (route.scope() != Scope.WRITE) {
        continue;
      }
      Handler h = handlers.get(route.key());
      if (h == null) {
        throw new IllegalStateException("the simulator has no write handler for " + route.key());
      }
      String vertxPath = route.template().replaceAll("\\{([a-z_]+)}", ":$1");
      router.route(route.method(), vertxPath)
          .handler(BodyHandler.create(false).setBodyLimit(MAX_BODY).setMergeFormAttributes(false))
          .handler(rc -> handle(rc, ctx, route, h));
    }
  }

  @SuppressWarnings("unchecked")
  private void handle(RoutingContext rc, SimContext ctx, Route route, Handler h) {
    Map<String, String> path = new LinkedHashMap<>();
    for (String name : new PathTemplate(route.template()).names()) {
      path.put(name, rc.pathParam(name));
    }
    String account = path.get("account_id");
    if (account == null || !ctx.knowsAccount(account)) {
      ctx.error(rc, 404, SimErrors.NO_ROUTE, SimErrors.noRoute(rc.normalizedPath()));
      return;
    }
    RequestCheck.Checked checked = RequestCheck.request(route, RequestCheck.path(path), rc.request().query(),
        rc.request().headers(), rc.body() == null ? null : rc.body().buffer());
    if (!checked.ok()) {
      ctx.send(rc, checked.error().status, AdminError.envelope(checked.problems()));
      return;
    }
    JsonNode json = checked.json();
    Map<String, Object> body = json == null ? Map.of() : PLAIN.convertValue(json, Map.class);
    h.run(new Call(rc, ctx, route, account, checked, body, path));
  }

  // ---- generic create / update / delete over a resource store ----

  private String newId(String account, Kind k) {
    long n = created.incrementAndGet();
    return k.uuid() ? SimHash.uuid(world.seed(), account, k.name(), "written", n)
        : SimHash.id(world.seed(), account, k.name(), "written", n);
  }

  /** The stored form of request fields: a PSK becomes its metadata, health check targets get both forms. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> stored(Kind k, Map<String, Object> body, double now) {
    Map<String, Object> f = new LinkedHashMap<>(body);
    if (f.remove("psk") != null) {
      f.put("psk_metadata", JsonMaps.obj("last_generated_on", SimTime.rfc3339(now)));
    }
    if (f.get("health_check") instanceof Map<?, ?> hc) {
      Map<String, Object> h = new LinkedHashMap<>((Map<String, Object>) hc);
      Object t = h.get("target");
      Object saved = t instanceof Map<?, ?> obj ? obj.get("saved") : t;
      if (t != null) {
        h.put("target", JsonMaps.obj("effective", saved == null ? "" : saved, "saved", saved == null ? "" : saved));
      }
      f.put("health_check", h);
    }
    return f;
  }

  /** A site-scoped object's site, or null after answering 404. */
  private SimObject site(Call c, Kind k) {
    if (k.parentParam() == null) {
      return null;
    }
    SimObject site = world.sites().get(c.account, c.path.get(k.parentParam()), c.now);
    if (site == null) {
      c.notFound();
    }
    return site;
  }

  /** "The name cannot share a name with another ... tunnel." */
  private boolean nameTaken(Kind k, Call c, Object name, String exceptId) {
    if (!k.uniqueName() || name == null) {
      return false;
    }
    for (SimObject o : k.store().apply(world).list(c.account, c.now)) {
      if (!o.id().equals(exceptId) && name.equals(o.fields().get("name"))) {
        return true;
      }
    }
    return false;
  }

  private Object shaped(Kind k, Shape shape, Map<String, Object> view) {
    return switch (shape) {
      case PLAIN -> view;
      case LIST_OF_ONE -> List.of(view);
      case MODIFIED -> JsonMaps.obj("modified", true, "modified_" + k.item(), view);
      case DELETED -> JsonMaps.obj("deleted", true, "deleted_" + k.item(), view);
      case NONE -> null;
    };
  }

  private Handler create(Kind k, Shape shape) {
    return c -> {
      SimObject site = site(c, k);
      if (k.parentParam() != null && site == null) {
        return;
      }
      String id = newId(c.account, k);
      Map<String, Object> f = new LinkedHashMap<>();
      f.put(k.idField(), id);
      f.putAll(stored(k, c.body, c.now));
      f.put(k.idField(), id);
      if (site != null) {
        f.put("site_id", site.id());
      }
      if (k.createdField() != null) {
        f.put(k.createdField(), SimTime.rfc3339(c.now));
        f.put(k.modifiedField(), SimTime.rfc3339(c.now));
      }
      if (k == PCAP) {
        f.put("submitted", SimTime.rfc3339(c.now));
      }
      if (nameTaken(k, c, f.get("name"), id)) {
        c.refuse("/name", "is already the name of another tunnel");
        return;
      }
      SimObject o = new SimObject(id, site == null ? null : site.id(), f, c.now, Double.POSITIVE_INFINITY);
      if (!c.validateOnly()) {
        k.store().apply(world).put(c.account, o, c.now);
      }
      c.ok(shaped(k, shape, c.view(k, o)));
    };
  }

  /** The object of the path (in its site, if site-scoped), or null after answering 404. */
  private SimObject existing(Call c, Kind k) {
    SimObject site = site(c, k);
    if (k.parentParam() != null && site == null) {
      return null;
    }
    SimObject o = k.store().apply(world).get(c.account, c.path.get(k.idParam()), c.now);
    if (o == null || (site != null && !site.id().equals(o.parentId()))) {
      c.notFound();
      return null;
    }
    return o;
  }

  /**
   * The object after a write: a PUT whose rules require fields replaces every field the request
   * may set; a PATCH (or a PUT of optional fields) changes only the fields given. Fields the
   * request cannot set (id, site, timestamps, PSK metadata) are kept.
   */
  private static Map<String, Object> changed(Kind k, Route route, Map<String, Object> current,
      Map<String, Object> body, double now) {
    Map<String, Object> next = new LinkedHashMap<>(current);
    if (route.method() == HttpMethod.PUT && hasRequired(route.body().schema())) {
      next.keySet().removeAll(settable(route.body().schema()));
    }
    next.putAll(stored(k, body, now));
    // The id and the creation time are the server's, whatever the body says.
    next.put(k.idField(), current.get(k.idField()));
    if (k.createdField() != null && current.containsKey(k.createdField())) {
      next.put(k.createdField(), current.get(k.createdField()));
    }
    if (k.modifiedField() != null) {
      next.put(k.modifiedField(), SimTime.rfc3339(now));
    }
    return next;
  }

  private static boolean hasRequired(Schema s) {
    if (s instanceof Schema.Obj o) {
      return o.fields().stream().anyMatch(Schema.Field::required);
    }
    return s instanceof Schema.Tagged;
  }

  private static Set<String> settable(Schema s) {
    Set<String> out = new LinkedHashSet<>();
    if (s instanceof Schema.Obj o) {
      o.fields().forEach(f -> out.add(f.name()));
    } else if (s instanceof Schema.Tagged t) {
      t.variants().values().forEach(v -> v.fields().forEach(f -> out.add(f.name())));
    }
    return out;
  }

  private Handler update(Kind k, Shape shape) {
    return c -> {
      SimObject cur = existing(c, k);
      if (cur == null) {
        return;
      }
      SimObject next = cur.withFields(changed(k, c.route, cur.fields(), c.body, c.now));
      if (nameTaken(k, c, next.fields().get("name"), cur.id())) {
        c.refuse("/name", "is already the name of another tunnel");
        return;
      }
      if (!c.validateOnly()) {
        k.store().apply(world).put(c.account, next, c.now);
      }
      c.ok(shaped(k, shape, c.view(k, next)));
    };
  }

  private Handler delete(Kind k, Shape shape) {
    return c -> {
      SimObject cur = existing(c, k);
      if (cur == null) {
        return;
      }
      if (!c.validateOnly()) {
        k.store().apply(world).remove(c.account, cur.id(), c.now);
      }
      c.ok(shaped(k, shape, c.view(k, cur)));
    };
  }

  /** The objects named by {@code body[list][i].id}, or null after answering 400 at the first unknown one. */
  @SuppressWarnings("unchecked")
  private List<SimObject> named(Call c, Kind k, String list) {
    List<SimObject> out = new ArrayList<>();
    List<Object> items = (List<Object>) c.body.get(list);
    for (int i = 0; i < items.size(); i++) {
      Object id = ((Map<String, Object>) items.get(i)).get("id");
      SimObject o = k.store().apply(world).get(c.account, String.valueOf(id), c.now);
      if (o == null) {
        c.refuse("/" + list + "/" + i + "/id", "names no " + k.item().replace('_', ' ') + " of this account");
        return null;
      }
      out.add(o);
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private Handler bulkUpdate(Kind k, String list, String resultField) {
    return c -> {
      List<SimObject> targets = named(c, k, list);
      if (targets == null) {
        return;
      }
      List<Object> items = (List<Object>) c.body.get(list);
      List<SimObject> next = new ArrayList<>();
      for (int i = 0; i < targets.size(); i++) {
        Map<String, Object> change = new LinkedHashMap<>((Map<String, Object>) items.get(i));
        change.remove("id");
        next.add(targets.get(i).withFields(changed(k, c.route, targets.get(i).fields(), change, c.now)));
      }
      List<Map<String, Object>> views = new ArrayList<>();
      for (SimObject o : next) {
        if (!c.validateOnly()) {
          k.store().apply(world).put(c.account, o, c.now);
        }
        views.add(c.view(k, o));
      }
      c.ok(JsonMaps.obj("modified", true, resultField, views));
    };
  }

  private void deleteRoutes(Call c) {
    List<SimObject> targets = named(c, ROUTE, "routes");
    if (targets == null) {
      return;
    }
    List<Map<String, Object>> views = new ArrayList<>();
    for (SimObject o : targets) {
      world.routes().remove(c.account, o.id(), c.now);
      views.add(c.view(ROUTE, o));
    }
    c.ok(JsonMaps.obj("deleted", true, "deleted_routes", views));
  }

  // ---- the endpoints that are not plain CRUD ----

  /** "After a PSK is generated, the PSK is immediately persisted ... and cannot be retrieved later." */
  private void pskGenerate(Call c) {
    SimObject tunnel = existing(c, IPSEC);
    if (tunnel == null) {
      return;
    }
    StringBuilder psk = new StringBuilder(32);
    for (int i = 0; i < 32; i++) {
      psk.append(PSK_CHARS.charAt(random.nextInt(PSK_CHARS.length())));
    }
    Map<String, Object> metadata = JsonMaps.obj("last_generated_on", SimTime.rfc3339(c.now));
    if (!c.validateOnly()) {
      Map<String, Object> f = new LinkedHashMap<>(tunnel.fields());
      f.put("psk_metadata", metadata);
      world.ipsecTunnels().put(c.account, tunnel.withFields(f), c.now);
    }
    c.ok(JsonMaps.obj("ipsec_tunnel_id", tunnel.id(), "psk", psk.toString(), "psk_metadata", metadata));
  }

  /** "Stop full PCAP": only a full capture that is still pending or running can be stopped. */
  private void stopCapture(Call c) {
    SimObject capture = existing(c, PCAP);
    if (capture == null) {
      return;
    }
    Map<String, Object> view = PcapsSim.captureView(capture, c.now);
    if (!"full".equals(view.get("type"))) {
      c.refuse("", "only full packet captures can be stopped");
      return;
    }
    if (!"pending".equals(view.get("status")) && !"running".equals(view.get("status"))) {
      c.refuse("", "the packet capture is no longer running");
      return;
    }
    Map<String, Object> f = new LinkedHashMap<>(capture.fields());
    f.put("stop_requested", SimTime.rfc3339(c.now));
    world.pcaps().put(c.account, capture.withFields(f), c.now);
    c.ok(null);
  }

  private SimObject bucketFor(Call c, Object destination) {
    for (SimObject o : world.pcapBuckets().list(c.account, c.now)) {
      if (destination.equals(o.fields().get("destination_conf"))) {
        return o;
      }
    }
    return null;
  }

  /** A bucket, with the ownership challenge file name Cloudflare asks the owner to store in it. */
  private void addBucket(Call c) {
    Object destination = c.body.get("destination_conf");
    if (bucketFor(c, destination) != null) {
      c.refuse("/destination_conf", "is a bucket that was already added");
      return;
    }
    String id = newId(c.account, OWNERSHIP);
    SimObject o = new SimObject(id, null, JsonMaps.obj(
        "id", id,
        "destination_conf", destination,
        "filename", "ownership-challenge-" + id + ".txt",
        "submitted", SimTime.rfc3339(c.now),
        PcapsSim.FATE, "ok"), c.now, Double.POSITIVE_INFINITY);
    world.pcapBuckets().put(c.account, o, c.now);
    c.ok(c.view(OWNERSHIP, o));
  }

  /** Validation succeeds when the challenge named is the bucket's; the status then follows the clock. */
  private void validateBucket(Call c) {
    SimObject bucket = bucketFor(c, c.body.get("destination_conf"));
    if (bucket == null) {
      c.refuse("/destination_conf", "is not a bucket added for packet captures");
      return;
    }
    if (!String.valueOf(bucket.fields().get("filename")).equals(c.body.get("ownership_challenge"))) {
      c.refuse("/ownership_challenge", "does not match the bucket's ownership challenge");
      return;
    }
    Map<String, Object> f = new LinkedHashMap<>(bucket.fields());
    f.put(PcapsSim.FATE, "ok");
    SimObject next = bucket.withFields(f);
    world.pcapBuckets().put(c.account, next, c.now);
    c.ok(c.view(OWNERSHIP, next));
  }

  // ---- connectors: the world's connectors are generated, so writes go to ConnectorEdits ----

  private String licenseKey() {
    StringBuilder b = new StringBuilder("sim-license-");
    for (int i = 0; i < 24; i++) {
      b.append(PSK_CHARS.charAt(random.nextInt(PSK_CHARS.length())));
    }
    return b.toString();
  }

  /** The connector object a write answers with: a freshly provisioned licence key only in this answer. */
  private Map<String, Object> withLicense(Map<String, Object> connector, Object provision) {
    Map<String, Object> out = new LinkedHashMap<>(connector);
    if (Boolean.TRUE.equals(provision)) {
      out.put("license_key", licenseKey());
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private void addConnector(Call c) {
    SimWorld sim = c.ctx.world();
    String id = SimHash.id(world.seed(), c.account, "connector", "written", created.incrementAndGet());
    Map<String, Object> device = (Map<String, Object>) c.body.get("device");
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("id", device.containsKey("id") ? device.get("id")
        : SimHash.id(world.seed(), id, "device"));
    if (device.get("serial_number") != null) {
      d.put("serial_number", device.get("serial_number"));
    }
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("id", id);
    o.put("activated", c.body.getOrDefault("activated", false));
    o.put("interrupt_window_days_of_week", c.body.getOrDefault("interrupt_window_days_of_week",
        List.of("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")));
    o.put("interrupt_window_duration_hours", c.body.getOrDefault("interrupt_window_duration_hours", 1));
    o.put("interrupt_window_embargo_dates", c.body.getOrDefault("interrupt_window_embargo_dates", List.of()));
    o.put("interrupt_window_hour_of_day", c.body.getOrDefault("interrupt_window_hour_of_day", 0));
    o.put("last_updated", SimTime.rfc3339(c.now));
    o.put("notes", c.body.getOrDefault("notes", ""));
    o.put("timezone", c.body.getOrDefault("timezone", "UTC"));
    o.put("device", d);
    ConnectorEdits.of(sim).add(c.account, o);
    c.ok(withLicense(o, device.get("provision_license")));
  }

  /** The connector of the path as it is now (added or from the world), or empty after answering 404. */
  private Optional<Map<String, Object>> connector(Call c) {
    SimWorld sim = c.ctx.world();
    ConnectorEdits edits = ConnectorEdits.of(sim);
    String id = c.path.get("connector_id");
    Map<String, Object> added = edits.addedOne(c.account, id);
    if (added != null) {
      return Optional.of(added);
    }
    Optional<SimConnector> generated = sim.findConnector(c.account, id);
    Map<String, Object> o = generated.map(g -> edits.view(c.account, id, sim.connectorObject(g))).orElse(null);
    if (o == null) {
      c.notFound();
      return Optional.empty();
    }
    return Optional.of(o);
  }

  private void changeConnector(Call c) {
    Optional<Map<String, Object>> cur = connector(c);
    if (cur.isEmpty()) {
      return;
    }
    Map<String, Object> change = new LinkedHashMap<>(c.body);
    Object provision = change.remove("provision_license");
    change.put("last_updated", SimTime.rfc3339(c.now));
    ConnectorEdits edits = ConnectorEdits.of(c.ctx.world());
    edits.change(c.account, c.path.get("connector_id"), change);
    Map<String, Object> next = new LinkedHashMap<>(cur.get());
    next.putAll(change);
    c.ok(withLicense(next, provision));
  }

  private void removeConnector(Call c) {
    Optional<Map<String, Object>> cur = connector(c);
    if (cur.isEmpty()) {
      return;
    }
    ConnectorEdits.of(c.ctx.world()).remove(c.account, c.path.get("connector_id"));
    c.ok(cur.get());
  }
}
