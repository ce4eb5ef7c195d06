package dev.magicexporter.admin;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.Set;

/**
 * The confidential fields of the API: IPsec PSKs, connector license keys, BGP MD5 keys, PCAP
 * bucket URIs and ownership challenges (the challenge file name). Answers carrying one of them
 * with a value are never cached; request bodies are never logged at all.
 */
public final class Secrets {
  public static final Set<String> FIELDS =
      Set.of("psk", "license_key", "md5_key", "destination_conf", "ownership_challenge", "filename");

  private static final JsonFactory FACTORY = new JsonFactory();

  private Secrets() {}

  /** True when the JSON body has a secret field with a non-empty value, or is not JSON at all. */
  public static boolean present(Buffer body) {
    if (body == null || body.length() == 0) {
      return false;
    }
    try (JsonParser p = FACTORY.createParser(body.getBytes())) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.FIELD_NAME && FIELDS.contains(p.currentName())) {
          JsonToken v = p.nextToken();
          if (v == JsonToken.VALUE_STRING && !p.getText().isEmpty()) {
            return true;
          }
          if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
            return true;
          }
        }
      }
      return false;
    } catch (IOException e) {
      return true;
    }
  }
}
