package dev.magicexporter.sim.magic.writes;

import dev.magicexporter.sim.magic.JsonMaps;
import dev.magicexporter.sim.magic.SimObject;
import dev.magicexporter.sim.magic.SimTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Create, update, delete and bulk writes over the {@link Kind}s' resource stores. */
final class StoreWrites {
  private final Ids ids;

  StoreWrites(Ids ids) {
    this.ids = ids;
  }

  /** The stored form of request fields: a PSK becomes its metadata, health check targets get both forms. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> stored(Map<String, Object> body, double now) {
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
  static SimObject site(Call c, Kind k) {
    if (k.parentParam() == null) {
      return null;
    }
    SimObject site = c.world.sites().get(c.account, c.path.get(k.parentParam()), c.now);
    if (site == null) {
      c.notFound();
    }
    return site;
  }

  /** "The name cannot share a name with another ... tunnel." */
  static boolean nameTaken(Kind k, Call c, Object name, String exceptId) {
    if (!k.uniqueName() || name == null) {
      return false;
    }
    for (SimObject o : k.store().apply(c.world).list(c.account, c.now)) {
      if (!o.id().equals(exceptId) && name.equals(o.fields().get("name"))) {
        return true;
      }
    }
    return false;
  }

  /** The object of the path (in its site, if site-scoped), or null after answering 404. */
  static SimObject existing(Call c, Kind k) {
    SimObject site = site(c, k);
    if (k.parentParam() != null && site == null) {
      return null;
    }
    SimObject o = k.store().apply(c.world).get(c.account, c.path.get(k.idParam()), c.now);
    if (o == null || (site != null && !site.id().equals(o.parentId()))) {
      c.notFound();
      return null;
    }
    return o;
  }

  WriteRoute.Handler create(Kind k, Answer answer) {
    return c -> {
      SimObject site = site(c, k);
      if (k.parentParam() != null && site == null) {
        return;
      }
      String id = ids.next(c.world.seed(), c.account, k.name(), k.uuid());
      Map<String, Object> f = new LinkedHashMap<>();
      f.put(k.idField(), id);
      f.putAll(stored(c.body, c.now));
      f.put(k.idField(), id);
      if (site != null) {
        f.put("site_id", site.id());
      }
      if (k.createdField() != null) {
        f.put(k.createdField(), SimTime.rfc3339(c.now));
        f.put(k.modifiedField(), SimTime.rfc3339(c.now));
      }
      if (k == Kind.PCAP) {
        f.put("submitted", SimTime.rfc3339(c.now));
      }
      if (nameTaken(k, c, f.get("name"), id)) {
        c.refuse("/name", "is already the name of another tunnel");
        return;
      }
      SimObject o = new SimObject(id, site == null ? null : site.id(), f, c.now, Double.POSITIVE_INFINITY);
      if (!c.validateOnly) {
        k.store().apply(c.world).put(c.account, o, c.now);
      }
      c.ok(answer.wrap(k, c.view(k, o)));
    };
  }

  /**
   * The object after a write: a PUT whose body has required fields replaces every field the
   * request may set; a PATCH (or a PUT of optional fields) changes only the fields given. Fields
   * the request cannot set (id, site, timestamps, PSK metadata) are kept.
   */
  static Map<String, Object> changed(Kind k, WriteRoute route, Map<String, Object> current,
      Map<String, Object> body, double now) {
    Map<String, Object> next = new LinkedHashMap<>(current);
    if (route.replaces()) {
      Set<String> settable = route.body().fields();
      next.keySet().removeAll(settable);
    }
    next.putAll(stored(body, now));
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

  WriteRoute.Handler update(Kind k, Answer answer) {
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
      if (!c.validateOnly) {
        k.store().apply(c.world).put(c.account, next, c.now);
      }
      c.ok(answer.wrap(k, c.view(k, next)));
    };
  }

  WriteRoute.Handler delete(Kind k, Answer answer) {
    return c -> {
      SimObject cur = existing(c, k);
      if (cur == null) {
        return;
      }
      if (!c.validateOnly) {
        k.store().apply(c.world).remove(c.account, cur.id(), c.now);
      }
      c.ok(answer.wrap(k, c.view(k, cur)));
    };
  }

  /** The items of {@code body[list]} (none when the list is absent: the reference's example is {@code {}}). */
  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> items(Call c, String list) {
    Object items = c.body.get(list);
    List<Map<String, Object>> out = new ArrayList<>();
    if (items instanceof List<?> l) {
      for (Object o : l) {
        out.add(o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of());
      }
    }
    return out;
  }

  /** The objects named by {@code body[list][i].id}, or null after answering 400 at the first unknown one. */
  private static List<SimObject> named(Call c, Kind k, String list) {
    List<SimObject> out = new ArrayList<>();
    List<Map<String, Object>> items = items(c, list);
    for (int i = 0; i < items.size(); i++) {
      Object id = items.get(i).get("id");
      SimObject o = id instanceof String s ? k.store().apply(c.world).get(c.account, s, c.now) : null;
      if (o == null) {
        c.refuse("/" + list + "/" + i + "/id", "names no " + k.item().replace('_', ' ') + " of this account");
        return null;
      }
      out.add(o);
    }
    return out;
  }

  /**
   * Bulk update: the reference's body is {@code unknown}; Cloudflare's answer names the list
   * ({@code modified_gre_tunnels}), and so does the body here, each item by its {@code id}. Only
   * the fields the endpoint's single-object update takes are applied.
   */
  WriteRoute.Handler bulkUpdate(Kind k, String list, String resultField, WriteRoute single) {
    return c -> {
      List<SimObject> targets = named(c, k, list);
      if (targets == null) {
        return;
      }
      List<Map<String, Object>> items = items(c, list);
      Set<String> settable = single.body().fields();
      List<Map<String, Object>> views = new ArrayList<>();
      for (int i = 0; i < targets.size(); i++) {
        Map<String, Object> change = new LinkedHashMap<>(items.get(i));
        change.keySet().retainAll(settable);
        SimObject next = targets.get(i).withFields(changed(k, c.route, targets.get(i).fields(), change, c.now));
        if (!c.validateOnly) {
          k.store().apply(c.world).put(c.account, next, c.now);
        }
        views.add(c.view(k, next));
      }
      c.ok(JsonMaps.obj("modified", true, resultField, views));
    };
  }

  /** "Delete Many Routes": the routes named in {@code {"routes": [{"id"}]}}. */
  void deleteRoutes(Call c) {
    List<SimObject> targets = named(c, Kind.ROUTE, "routes");
    if (targets == null) {
      return;
    }
    List<Map<String, Object>> views = new ArrayList<>();
    for (SimObject o : targets) {
      c.world.routes().remove(c.account, o.id(), c.now);
      views.add(c.view(Kind.ROUTE, o));
    }
    c.ok(JsonMaps.obj("deleted", true, "deleted_routes", views));
  }
}
