package dev.magicexporter.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Typed reads from a Jackson token stream for the streaming decoders ({@link SnapshotDecoder}):
 * the parser stands on a value; a value of the wrong shape fails with an {@link IOException}
 * naming the field, which the client reports as {@link ApiException.Malformed}. {@code null}
 * reads as absent (NaN, null).
 */
final class JsonTokens {
  private JsonTokens() {}

  /** Positions on the first element; false for null or an empty array. */
  static boolean startArray(JsonParser p, String field) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return false;
    }
    expect(p, JsonToken.START_ARRAY, field);
    return nextElement(p, field);
  }

  /** Moves to the next element (an object); false at the end of the array. */
  static boolean nextElement(JsonParser p, String field) throws IOException {
    JsonToken t = p.nextToken();
    if (t == JsonToken.END_ARRAY) {
      return false;
    }
    if (t != JsonToken.START_OBJECT) {
      throw new IOException("'" + field + "' element is " + t + ", expected an object");
    }
    return true;
  }

  static double number(JsonParser p, String field) throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return p.getDoubleValue();
      case VALUE_NULL:
        return Double.NaN;
      case VALUE_TRUE:
        return 1;
      case VALUE_FALSE:
        return 0;
      case VALUE_STRING:
        try {
          double v = Double.parseDouble(p.getText().strip());
          if (Double.isFinite(v)) {
            return v;
          }
        } catch (NumberFormatException e) {
          // reported below
        }
        throw new IOException("'" + field + "' is not a number: \"" + abbreviate(p.getText()) + "\"");
      default:
        throw new IOException("'" + field + "' is " + t + ", expected a number");
    }
  }

  static Boolean bool(JsonParser p, String field) throws IOException {
    return switch (p.currentToken()) {
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      default -> throw new IOException("'" + field + "' is " + p.currentToken() + ", expected a boolean");
    };
  }

  static String string(JsonParser p, String field) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t.isScalarValue()) {
      return p.getText();
    }
    throw new IOException("'" + field + "' is " + t + ", expected a string");
  }

  static void expect(JsonParser p, JsonToken want, String what) throws IOException {
    if (p.currentToken() != want) {
      throw new IOException("'" + what + "' is " + p.currentToken() + ", expected " + want);
    }
  }

  static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}
