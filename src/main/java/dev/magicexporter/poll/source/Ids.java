package dev.magicexporter.poll.source;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Objects are stored and exported by id: one without an id cannot be keyed. */
final class Ids {
  private Ids() {}

  /** The objects that have a non-empty id, in order. */
  static <T> List<T> withIds(List<T> items, Function<T, String> id) {
    List<T> out = new ArrayList<>(items.size());
    for (T t : items) {
      String v = t == null ? null : id.apply(t);
      if (v != null && !v.isEmpty()) {
        out.add(t);
      }
    }
    return List.copyOf(out);
  }
}
