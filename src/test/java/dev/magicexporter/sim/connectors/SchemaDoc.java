package dev.magicexporter.sim.connectors;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an object schema from the API reference's flat field lists. A header like
 * {@code Name { a, b, c, 170 more }} says how many fields follow; an {@code array of { ... }}
 * field is followed by its element's fields, counted the same way, and so is an object field
 * {@code { id, serial_number }}. Enumeration values ({@code - `"Sunday"`}) are skipped.
 */
final class SchemaDoc {
  private static final Pattern FIELD = Pattern.compile("^- `([a-z0-9_]+): (optional )?([^`]+)`.*");
  private static final Pattern BRACES = Pattern.compile("\\{ ([^}]*) \\}");

  record Field(String name, String type, boolean optional, List<Field> children) {
    boolean isArray() {
      return type.startsWith("array of {");
    }

    boolean isObject() {
      return type.startsWith("{");
    }

    boolean isScalarArray() {
      return type.startsWith("array of ") && !isArray();
    }
  }

  private SchemaDoc() {}

  /** The fields of the type whose header line starts with {@code - `HEADER {}. */
  static List<Field> read(String resource, String header) throws IOException {
    List<String> lines;
    try (InputStream in = SchemaDoc.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("missing classpath resource " + resource);
      }
      lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("- `" + header + " {")) {
        Iterator<String> rest = lines.subList(i + 1, lines.size()).iterator();
        return fields(rest, count(lines.get(i)));
      }
    }
    throw new IOException(header + " not found in " + resource);
  }

  /** {@code { a, b, c, 3 more }} counts 6. */
  static int count(String line) {
    Matcher m = BRACES.matcher(line);
    if (!m.find()) {
      throw new IllegalArgumentException("no field list in: " + line);
    }
    int n = 0;
    for (String part : m.group(1).split(",")) {
      String p = part.trim();
      n += p.endsWith(" more") ? Integer.parseInt(p.substring(0, p.indexOf(' '))) : 1;
    }
    return n;
  }

  private static List<Field> fields(Iterator<String> lines, int count) {
    List<Field> out = new ArrayList<>();
    while (out.size() < count) {
      String line = lines.next();
      if (line.startsWith("- `\"")) {
        continue;
      }
      Matcher m = FIELD.matcher(line);
      if (!m.matches()) {
        throw new IllegalArgumentException("expected a field line, got: " + line);
      }
      String type = m.group(3);
      List<Field> children = type.startsWith("array of {") || type.startsWith("{")
          ? fields(lines, count(type)) : List.of();
      out.add(new Field(m.group(1), type, m.group(2) != null, children));
    }
    return out;
  }
}
