package dev.magicexporter.sim.magic.writes;

import dev.magicexporter.sim.connectors.ConnectorEdits;
import dev.magicexporter.sim.connectors.SimConnector;
import dev.magicexporter.sim.connectors.SimWorld;
import dev.magicexporter.sim.magic.JsonMaps;
import dev.magicexporter.sim.magic.SimHash;
import dev.magicexporter.sim.magic.SimObject;
import dev.magicexporter.sim.magic.SimTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Connectors (the world's connectors are generated, so writes go to {@link ConnectorEdits}) and
 * PSK generation: the endpoints whose answers carry a secret once.
 */
final class ConnectorWrites {
  private final Ids ids;
  private final Secrets secrets;

  ConnectorWrites(Ids ids, Secrets secrets) {
    this.ids = ids;
    this.secrets = secrets;
  }

  /** The connector object a write answers with: a freshly provisioned licence key only in this answer. */
  private Map<String, Object> withLicense(Map<String, Object> connector, Object provision) {
    Map<String, Object> out = new LinkedHashMap<>(connector);
    if (Boolean.TRUE.equals(provision)) {
      out.put("license_key", secrets.licenseKey());
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  void add(Call c) {
    SimWorld sim = c.ctx.world();
    String id = ids.next(c.world.seed(), c.account, "connector", false);
    Map<String, Object> device = (Map<String, Object>) c.body.get("device");
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("id", device.containsKey("id") ? device.get("id") : SimHash.id(c.world.seed(), id, "device"));
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

  void change(Call c) {
    Optional<Map<String, Object>> cur = connector(c);
    if (cur.isEmpty()) {
      return;
    }
    Map<String, Object> change = new LinkedHashMap<>(c.body);
    Object provision = change.remove("provision_license");
    change.put("last_updated", SimTime.rfc3339(c.now));
    ConnectorEdits.of(c.ctx.world()).change(c.account, c.path.get("connector_id"), change);
    Map<String, Object> next = new LinkedHashMap<>(cur.get());
    next.putAll(change);
    c.ok(withLicense(next, provision));
  }

  void remove(Call c) {
    Optional<Map<String, Object>> cur = connector(c);
    if (cur.isEmpty()) {
      return;
    }
    ConnectorEdits.of(c.ctx.world()).remove(c.account, c.path.get("connector_id"));
    c.ok(cur.get());
  }

  /** "After a PSK is generated, the PSK is immediately persisted ... and cannot be retrieved later." */
  void pskGenerate(Call c) {
    SimObject tunnel = StoreWrites.existing(c, Kind.IPSEC);
    if (tunnel == null) {
      return;
    }
    Map<String, Object> metadata = JsonMaps.obj("last_generated_on", SimTime.rfc3339(c.now));
    if (!c.validateOnly) {
      Map<String, Object> f = new LinkedHashMap<>(tunnel.fields());
      f.put("psk_metadata", metadata);
      c.world.ipsecTunnels().put(c.account, tunnel.withFields(f), c.now);
    }
    c.ok(JsonMaps.obj("ipsec_tunnel_id", tunnel.id(), "psk", secrets.psk(), "psk_metadata", metadata));
  }
}
