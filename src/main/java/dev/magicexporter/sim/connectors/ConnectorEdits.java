package dev.magicexporter.sim.connectors;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * What the simulator's write endpoints did to connectors: the world's connectors are a pure
 * function of the seed and the clock, so writes are kept beside them — connectors added, fields
 * changed on a world connector, connectors removed — and {@link ConnectorsModule} applies them
 * when it answers. One set of edits per shared world, like the world itself.
 */
public final class ConnectorEdits {
  private static final Map<SimWorld, ConnectorEdits> BY_WORLD = Collections.synchronizedMap(new WeakHashMap<>());

  private final Map<String, LinkedHashMap<String, Map<String, Object>>> added = new HashMap<>();
  private final Map<String, Map<String, Object>> changed = new HashMap<>();
  private final Set<String> removed = new HashSet<>();

  public static ConnectorEdits of(SimWorld world) {
    return BY_WORLD.computeIfAbsent(world, w -> new ConnectorEdits());
  }

  private static String key(String account, String id) {
    return account + "/" + id;
  }

  /** A world connector's object as edited now, or null when it was removed. */
  public synchronized Map<String, Object> view(String account, String id, Map<String, Object> generated) {
    if (removed.contains(key(account, id))) {
      return null;
    }
    Map<String, Object> over = changed.get(key(account, id));
    if (over == null) {
      return generated;
    }
    Map<String, Object> m = new LinkedHashMap<>(generated);
    m.putAll(over);
    return m;
  }

  /** Connectors added by writes, in order. */
  public synchronized List<Map<String, Object>> added(String account) {
    return new ArrayList<>(added.getOrDefault(account, new LinkedHashMap<>()).values());
  }

  /** An added connector, or null. */
  public synchronized Map<String, Object> addedOne(String account, String id) {
    Map<String, Object> m = added.getOrDefault(account, new LinkedHashMap<>()).get(id);
    return m == null ? null : new LinkedHashMap<>(m);
  }

  public synchronized void add(String account, Map<String, Object> connector) {
    added.computeIfAbsent(account, k -> new LinkedHashMap<>())
        .put(String.valueOf(connector.get("id")), new LinkedHashMap<>(connector));
  }

  /** Sets fields on an added connector, or records them over a world connector. */
  public synchronized void change(String account, String id, Map<String, Object> fields) {
    Map<String, Object> mine = added.getOrDefault(account, new LinkedHashMap<>()).get(id);
    if (mine != null) {
      mine.putAll(fields);
    } else {
      changed.computeIfAbsent(key(account, id), k -> new LinkedHashMap<>()).putAll(fields);
    }
  }

  /** Removes an added connector, or hides a world connector from then on. */
  public synchronized void remove(String account, String id) {
    LinkedHashMap<String, Map<String, Object>> mine = added.get(account);
    if (mine == null || mine.remove(id) == null) {
      removed.add(key(account, id));
    }
  }
}
