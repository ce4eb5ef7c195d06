package dev.magicexporter.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import dev.magicexporter.model.CursorPage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the value of the envelope's {@code result} straight from the token stream. The parser
 * is positioned on the first token of that value; the decoder must consume exactly that value.
 * Streaming keeps large bodies (snapshots, long lists) off the tree model.
 */
@FunctionalInterface
public interface ResultDecoder<T> {
  T decode(JsonParser p) throws IOException;

  /** Binds the value to a record or class with the shared mapper. */
  static <T> ResultDecoder<T> of(Class<T> type) {
    return p -> p.currentToken() == JsonToken.VALUE_NULL ? null : Json.MAPPER.readValue(p, type);
  }

  /** The raw tree, for pass-through (admin API) and for shapes that vary. */
  static ResultDecoder<JsonNode> tree() {
    return p -> Json.MAPPER.readTree(p);
  }

  /** A JSON array of {@code type}. */
  static <T> ResultDecoder<List<T>> listOf(Class<T> type) {
    JavaType t = Json.MAPPER.getTypeFactory().constructCollectionType(List.class, type);
    return p -> {
      if (p.currentToken() == JsonToken.VALUE_NULL) {
        return List.of();
      }
      if (p.currentToken() != JsonToken.START_ARRAY) {
        throw new IOException("expected an array, found " + p.currentToken());
      }
      return Json.MAPPER.readValue(p, t);
    };
  }

  /**
   * Picks one field of an object result, e.g. {@code result.gre_tunnels}; other fields are
   * skipped. A missing field decodes as null.
   */
  static <T> ResultDecoder<T> field(String name, ResultDecoder<T> inner) {
    return p -> {
      if (p.currentToken() != JsonToken.START_OBJECT) {
        throw new IOException("expected an object with field '" + name + "', found " + p.currentToken());
      }
      T out = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String f = p.currentName();
        p.nextToken();
        if (f.equals(name)) {
          out = inner.decode(p);
        } else {
          p.skipChildren();
        }
      }
      return out;
    };
  }

  /** A telemetry page {@code {count, items, cursor}} whose items are {@code itemType}. */
  static <T> ResultDecoder<CursorPage<T>> cursorPage(Class<T> itemType) {
    return cursorPage(of(itemType));
  }

  /** A telemetry page whose items are read by {@code item}. */
  static <T> ResultDecoder<CursorPage<T>> cursorPage(ResultDecoder<T> item) {
    return p -> {
      if (p.currentToken() != JsonToken.START_OBJECT) {
        throw new IOException("expected a {count, items, cursor} object, found " + p.currentToken());
      }
      List<T> items = null;
      String cursor = null;
      Integer count = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String f = p.currentName();
        JsonToken v = p.nextToken();
        switch (f) {
          case "items" -> {
            if (v == JsonToken.VALUE_NULL) {
              items = List.of();
              break;
            }
            if (v != JsonToken.START_ARRAY) {
              throw new IOException("'items' is not an array");
            }
            items = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
              items.add(item.decode(p));
            }
          }
          case "cursor" -> cursor = v == JsonToken.VALUE_NULL ? null : p.getValueAsString();
          case "count" -> count = v == JsonToken.VALUE_NULL ? null : p.getIntValue();
          default -> p.skipChildren();
        }
      }
      if (items == null) {
        throw new IOException("telemetry page without 'items'");
      }
      if (cursor != null && cursor.isEmpty()) {
        cursor = null;
      }
      return new CursorPage<>(items, cursor, count);
    };
  }
}
