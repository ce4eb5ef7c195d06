package dev.magicexporter.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Decoders for the items of a list that keep whatever can be kept: one odd value in one object
 * (a number out of range, a string where an object belongs) never fails the list it is in.
 *
 * <ul>
 *   <li>{@link #listOf}: an item whose field cannot be bound loses that field (it stays absent,
 *       as if the API had not sent it) and the rest of the item is kept; the field is reported to
 *       a {@link DroppedFields}. An item that is not an object at all is dropped and reported as
 *       {@code (item)}. For inventory lists, where every object is exported on its own.
 *   <li>{@link #itemOr}: an item that is not an object or cannot be bound becomes the given
 *       invalid item, which the consumer counts as invalid. For telemetry lists, where an item
 *       without its key fields ({@code t}, {@code n}) cannot be placed at all.
 * </ul>
 */
public final class LenientItems {
  /** Reported for an item that is not an object. */
  public static final String WHOLE_ITEM = "(item)";

  /** Bound on the fields dropped from one object before the object itself is dropped. */
  private static final int MAX_DROPS_PER_ITEM = 16;

  /** Where dropped fields are reported, by path of field names ({@code health_check.rate}, {@code a[]}). */
  @FunctionalInterface
  public interface DroppedFields {
    void dropped(String field);

    DroppedFields IGNORE = field -> { };
  }

  private LenientItems() {}

  /** A JSON array (or null: empty) of objects bound to {@code type}, field by field when needed. */
  public static <T> ResultDecoder<List<T>> listOf(Class<T> type, DroppedFields dropped) {
    return p -> {
      if (p.currentToken() == JsonToken.VALUE_NULL) {
        return List.of();
      }
      if (p.currentToken() != JsonToken.START_ARRAY) {
        throw new IOException("expected an array, found " + p.currentToken());
      }
      List<T> out = new ArrayList<>();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        JsonNode node = Json.MAPPER.readTree(p);
        T item = node != null && node.isObject() ? bind((ObjectNode) node, type, dropped) : null;
        if (item != null) {
          out.add(item);
        } else if (node == null || !node.isObject()) {
          dropped.dropped(WHOLE_ITEM);
        }
      }
      return out;
    };
  }

  /** One item of a telemetry list: {@code invalid} when it is not an object or cannot be bound. */
  public static <T> ResultDecoder<T> itemOr(Class<T> type, T invalid) {
    return p -> {
      JsonNode node = Json.MAPPER.readTree(p);
      if (node != null && node.isObject()) {
        try {
          return Json.MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException e) {
          // falls through to the invalid item
        }
      }
      return invalid;
    };
  }

  /** Binds {@code node}, dropping each field that cannot be bound; null when the object cannot be. */
  static <T> T bind(ObjectNode node, Class<T> type, DroppedFields dropped) {
    for (int i = 0; i <= MAX_DROPS_PER_ITEM; i++) {
      try {
        return Json.MAPPER.treeToValue(node, type);
      } catch (JsonMappingException e) {
        List<JsonMappingException.Reference> path = e.getPath();
        if (path.isEmpty() || !remove(node, path)) {
          break;
        }
        dropped.dropped(label(path));
      } catch (JsonProcessingException e) {
        break;
      }
    }
    dropped.dropped(WHOLE_ITEM);
    return null;
  }

  /** Removes the value at {@code path}; false when the path does not lead to one. */
  private static boolean remove(JsonNode root, List<JsonMappingException.Reference> path) {
    JsonNode at = root;
    for (int i = 0; i < path.size() - 1 && at != null; i++) {
      JsonMappingException.Reference r = path.get(i);
      at = r.getFieldName() != null ? at.get(r.getFieldName()) : at.get(r.getIndex());
    }
    JsonMappingException.Reference last = path.get(path.size() - 1);
    if (at instanceof ObjectNode o && last.getFieldName() != null) {
      return o.remove(last.getFieldName()) != null;
    }
    if (at instanceof ArrayNode a && last.getFieldName() == null && last.getIndex() >= 0 && last.getIndex() < a.size()) {
      a.remove(last.getIndex());
      return true;
    }
    return false;
  }

  /** Field names joined by dots, array positions as {@code []}: bounded by the model, not the data. */
  private static String label(List<JsonMappingException.Reference> path) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : path) {
      if (r.getFieldName() != null) {
        sb.append(sb.isEmpty() ? "" : ".").append(r.getFieldName());
      } else {
        sb.append("[]");
      }
    }
    return sb.isEmpty() ? WHOLE_ITEM : sb.toString();
  }
}
