package dev.magicexporter.sim.magic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Ordered JSON objects for simulated responses, so fields come out in the API's order. */
public final class JsonMaps {
  private JsonMaps() {}

  /** {@code obj("a", 1, "b", 2)}; a null value leaves the field out (an absent optional field). */
  public static Map<String, Object> obj(Object... kv) {
    if (kv.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values must pair up");
    }
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      if (kv[i + 1] != null) {
        m.put((String) kv[i], kv[i + 1]);
      }
    }
    return m;
  }

  /** A deep, mutable copy of stored fields, for views that add derived fields. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> copy(Map<String, Object> fields) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : fields.entrySet()) {
      m.put(e.getKey(), copyValue(e.getValue()));
    }
    return m;
  }

  @SuppressWarnings("unchecked")
  private static Object copyValue(Object v) {
    if (v instanceof Map<?, ?> m) {
      return copy((Map<String, Object>) m);
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      for (Object x : l) {
        out.add(copyValue(x));
      }
      return out;
    }
    return v;
  }

  /** Rebuilds {@code m} with {@code key: value} inserted right after {@code after} (or at the end). */
  public static Map<String, Object> insertAfter(Map<String, Object> m, String after, String key, Object value) {
    Map<String, Object> out = new LinkedHashMap<>();
    boolean done = false;
    for (Map.Entry<String, Object> e : m.entrySet()) {
      out.put(e.getKey(), e.getValue());
      if (e.getKey().equals(after)) {
        out.put(key, value);
        done = true;
      }
    }
    if (!done) {
      out.put(key, value);
    }
    return out;
  }
}
