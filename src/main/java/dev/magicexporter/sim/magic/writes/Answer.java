package dev.magicexporter.sim.magic.writes;

import dev.magicexporter.sim.magic.JsonMaps;
import java.util.List;
import java.util.Map;

/** How a write's answer wraps the object (from the seed's {@code result} of each endpoint). */
enum Answer {
  /** The object. */
  PLAIN,
  /** An array of the one object ("array of LAN"). */
  LIST_OF_ONE,
  /** {@code {modified: true, modified_<item>: object}}. */
  MODIFIED,
  /** {@code {deleted: true, deleted_<item>: object}}. */
  DELETED,
  /** {@code result: null}. */
  NONE;

  Object wrap(Kind k, Map<String, Object> view) {
    return switch (this) {
      case PLAIN -> view;
      case LIST_OF_ONE -> List.of(view);
      case MODIFIED -> JsonMaps.obj("modified", true, "modified_" + k.item(), view);
      case DELETED -> JsonMaps.obj("deleted", true, "deleted_" + k.item(), view);
      case NONE -> null;
    };
  }
}
