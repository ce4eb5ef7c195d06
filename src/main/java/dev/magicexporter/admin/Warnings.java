package dev.magicexporter.admin;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.magicexporter.admin.AdminError.Item;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.List;

/**
 * Puts the admin API's warnings (advice, unknown fields forwarded, read-only fields dropped) into
 * the {@code messages} list of Cloudflare's answer, where Cloudflare puts its own notices, so any
 * client that shows messages shows them. An answer that is not a JSON object passes unchanged.
 */
final class Warnings {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  private Warnings() {}

  static Buffer addTo(Buffer answer, List<Item> warnings) {
    if (warnings.isEmpty() || answer.length() == 0) {
      return answer;
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(answer.getBytes());
    } catch (IOException | RuntimeException e) {
      return answer;
    }
    if (!(root instanceof ObjectNode envelope)) {
      return answer;
    }
    ArrayNode messages = envelope.get("messages") instanceof ArrayNode a ? a : envelope.putArray("messages");
    for (Item w : warnings) {
      ObjectNode m = messages.addObject();
      m.put("code", w.code());
      m.put("message", w.message());
      if (w.source() != null) {
        m.putObject("source").put(w.source().kind(), w.source().name());
      }
    }
    try {
      return Buffer.buffer(MAPPER.writeValueAsBytes(envelope));
    } catch (IOException e) {
      return answer;
    }
  }
}
