package dev.magicexporter.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The example responses of the API reference copied under {@code src/test/resources/api/}: for
 * one operation (method and path template) the JSON of its "#### Response" block.
 */
public final class ApiExamples {
  private ApiExamples() {}

  /** The example response of {@code method path} in {@code /api/<file>}, as JSON text. */
  public static String response(String file, String method, String path) {
    String text = read("/api/" + file);
    String marker = "**" + method.toLowerCase() + "** `" + path + "`";
    int at = -1;
    for (int i = text.indexOf(marker); i >= 0; i = text.indexOf(marker, i + 1)) {
      int lineStart = text.lastIndexOf('\n', i) + 1;
      if (text.startsWith("## ", lineStart)) {
        at = i;
        break;
      }
    }
    if (at < 0) {
      throw new IllegalArgumentException("no operation " + method + " " + path + " in " + file);
    }
    int next = text.indexOf("\n## ", at);
    String section = next < 0 ? text.substring(at) : text.substring(at, next);
    Matcher m = Pattern.compile("#### Response\\s*```json\\s*(.*?)```", Pattern.DOTALL).matcher(section);
    if (!m.find()) {
      throw new IllegalArgumentException("no example response for " + method + " " + path);
    }
    return m.group(1).trim();
  }

  public static String read(String resource) {
    try (InputStream in = ApiExamples.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
