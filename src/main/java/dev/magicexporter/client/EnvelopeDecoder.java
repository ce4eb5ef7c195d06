package dev.magicexporter.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.magicexporter.model.ApiMessage;
import dev.magicexporter.model.ResultInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the v4 envelope ({@code success, errors, messages, result, result_info}) in one pass over
 * the token stream, handing {@code result} to a {@link ResultDecoder}. Anything that is not that
 * shape raises {@link ApiException.Malformed} with the reason.
 */
public final class EnvelopeDecoder {
  private static final JsonFactory FACTORY =
      JsonFactory.builder().disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();

  /** What was read; {@code result} is null when absent or JSON null. */
  public record Envelope<T>(
      Boolean success, T result, ResultInfo resultInfo, List<ApiMessage> errors, List<ApiMessage> messages) {}

  private EnvelopeDecoder() {}

  public static <T> Envelope<T> decode(byte[] body, int status, ResultDecoder<T> decoder) {
    if (body == null || body.length == 0) {
      throw new ApiException.Malformed(status, "empty body", null);
    }
    try (JsonParser p = FACTORY.createParser(body)) {
      p.setCodec(Json.MAPPER);
      JsonToken first;
      try {
        first = p.nextToken();
      } catch (IOException notJson) {
        throw new ApiException.Malformed(status, "body is not JSON: " + shortReason(notJson), notJson);
      }
      if (first != JsonToken.START_OBJECT) {
        throw new ApiException.Malformed(status, "body is not a JSON object", null);
      }
      Boolean success = null;
      T result = null;
      ResultInfo info = null;
      List<ApiMessage> errors = List.of();
      List<ApiMessage> messages = List.of();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String f = p.currentName();
        JsonToken v = p.nextToken();
        switch (f) {
          case "success" -> {
            if (v != JsonToken.VALUE_TRUE && v != JsonToken.VALUE_FALSE) {
              throw new ApiException.Malformed(status, "'success' is not a boolean", null);
            }
            success = v == JsonToken.VALUE_TRUE;
          }
          case "result" -> result = v == JsonToken.VALUE_NULL ? null : decoder.decode(p);
          case "result_info" -> info = v == JsonToken.VALUE_NULL ? null : readInfo(p);
          case "errors" -> errors = readMessages(p);
          case "messages" -> messages = readMessages(p);
          default -> p.skipChildren();
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT) {
        throw new ApiException.Malformed(status, "envelope not closed", null);
      }
      JsonToken after;
      try {
        after = p.nextToken();
      } catch (IOException garbage) {
        after = JsonToken.NOT_AVAILABLE;
      }
      if (after != null) {
        throw new ApiException.Malformed(status, "trailing data after the envelope", null);
      }
      return new Envelope<>(success, result, info, errors, messages);
    } catch (ApiException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      // No cause: the parser's exception quotes the offending value, which can be a secret
      // (a bucket URI, a BGP key) and would reach logs with any stack trace.
      throw new ApiException.Malformed(status, shortReason(e), null);
    }
  }

  /**
   * The complaint, first line only. Jackson's own messages (and runtime exceptions such as number
   * parsing) quote pieces of the body, which can be secrets: those pieces are elided. The plain
   * IOExceptions of this project's decoders name only fields, and are kept whole.
   */
  private static String shortReason(Exception e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    String line = nl > 0 ? m.substring(0, nl) : m;
    if (e.getClass() == IOException.class) {
      return line;
    }
    return line.replaceAll("\"[^\"]*\"", "\"…\"").replaceAll("'[^']*'", "'…'");
  }

  private static List<ApiMessage> readMessages(JsonParser p) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return List.of();
    }
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw new IOException("'errors'/'messages' is not an array");
    }
    List<ApiMessage> out = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (p.currentToken() != JsonToken.START_OBJECT) {
        p.skipChildren();
        continue;
      }
      int code = 0;
      String message = null;
      String pointer = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String f = p.currentName();
        p.nextToken();
        switch (f) {
          case "code" -> code = p.getValueAsInt(0);
          case "message" -> message = p.getValueAsString();
          case "source" -> {
            if (p.currentToken() == JsonToken.START_OBJECT) {
              while (p.nextToken() == JsonToken.FIELD_NAME) {
                String sf = p.currentName();
                p.nextToken();
                if (sf.equals("pointer")) {
                  pointer = p.getValueAsString();
                } else {
                  p.skipChildren();
                }
              }
            } else {
              p.skipChildren();
            }
          }
          default -> p.skipChildren();
        }
      }
      out.add(new ApiMessage(code, message, pointer));
    }
    return out;
  }

  private static ResultInfo readInfo(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw new IOException("'result_info' is not an object");
    }
    Integer page = null, perPage = null, count = null, total = null, pages = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String f = p.currentName();
      JsonToken v = p.nextToken();
      Integer n = v.isNumeric() ? Integer.valueOf(p.getValueAsInt()) : null;
      switch (f) {
        case "page" -> page = n;
        case "per_page" -> perPage = n;
        case "count" -> count = n;
        case "total_count" -> total = n;
        case "total_pages" -> pages = n;
        default -> p.skipChildren();
      }
    }
    return new ResultInfo(page, perPage, count, total, pages);
  }
}
