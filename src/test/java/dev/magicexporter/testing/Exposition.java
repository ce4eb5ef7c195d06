package dev.magicexporter.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * An exposition split into families, for comparing two renderings family by family. Parsing
 * fails when a family's lines are not contiguous or a family appears twice, which both text
 * formats forbid.
 */
public final class Exposition {
  /** One family: its HELP/TYPE lines and its sample lines, in the order written. */
  public record Family(String name, List<String> meta, List<String> samples) {
    /** The samples sorted, for comparing content regardless of order. */
    public List<String> sortedSamples() {
      return samples.stream().sorted().toList();
    }
  }

  private Exposition() {}

  /** The families of {@code text} by name, in order of appearance ({@code # EOF} is dropped). */
  public static Map<String, Family> families(String text) {
    Map<String, Family> out = new LinkedHashMap<>();
    Family current = null;
    for (String line : text.split("\n")) {
      if (line.isEmpty() || line.equals("# EOF")) {
        continue;
      }
      String name;
      boolean meta = line.startsWith("# HELP ") || line.startsWith("# TYPE ");
      if (meta) {
        String rest = line.substring(7);
        name = rest.substring(0, rest.indexOf(' '));
      } else if (line.startsWith("#")) {
        continue;
      } else {
        int end = line.indexOf('{');
        name = line.substring(0, end < 0 ? line.indexOf(' ') : end);
        if (current != null && (name.equals(current.name()) || name.startsWith(current.name() + "_"))) {
          name = current.name();
        }
      }
      if (current == null || !current.name().equals(name)) {
        if (out.containsKey(name)) {
          throw new AssertionError("family " + name + " is not contiguous (again at: " + line + ")");
        }
        current = new Family(name, new ArrayList<>(), new ArrayList<>());
        out.put(name, current);
      }
      (meta ? current.meta() : current.samples()).add(line);
    }
    return out;
  }

  /** Decompresses a gzip stream of one or more members. */
  public static String gunzip(byte[] gz) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
