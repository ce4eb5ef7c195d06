package dev.magicexporter.metrics.connector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magicexporter.metrics.family.Family;
import dev.magicexporter.model.Snapshot;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every field of the snapshot schema in the API reference is read by some metric family (its
 * value, or its use as a label). The reference lists fields flat; nesting is rebuilt from the
 * {@code array of { a, b, N more }} headers, whose element count tells how many lines follow.
 */
class SnapshotSchemaCoverageTest {
  private static final Pattern FIELD = Pattern.compile("^- `([a-z0-9_]+): ([^`]*)`");
  private static final Pattern ARRAY = Pattern.compile("array of \\{ (.*) }");

  record Line(String name, String type) {}

  static List<Line> getSnapshotFields() throws IOException {
    String md;
    try (InputStream in = SnapshotSchemaCoverageTest.class.getResourceAsStream("/api/magic-transit-15-snapshots.md")) {
      assertThat(in).as("API reference on the classpath").isNotNull();
      md = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    int start = md.indexOf("## Get Snapshot");
    int returns = md.indexOf("### Returns", start);
    int end = md.indexOf("### Example", returns);
    List<Line> lines = new ArrayList<>();
    boolean inResult = false;
    for (String l : md.substring(returns, end).split("\n")) {
      Matcher m = FIELD.matcher(l);
      if (!m.find()) {
        continue;
      }
      if (m.group(1).equals("result")) {
        inResult = true;
        continue;
      }
      if (inResult && m.group(1).equals("success")) {
        break;
      }
      if (inResult) {
        lines.add(new Line(m.group(1), m.group(2)));
      }
    }
    return lines;
  }

  /** Field paths like {@code cpu_count}, {@code disks[].name}, {@code interfaces[].ip_addresses[].ip_address}. */
  static Set<String> schemaPaths() throws IOException {
    List<Line> lines = getSnapshotFields();
    Set<String> out = new TreeSet<>();
    int[] pos = {0};
    collect(lines, pos, "", Integer.MAX_VALUE, out);
    assertThat(pos[0]).as("every schema line consumed").isEqualTo(lines.size());
    return out;
  }

  private static void collect(List<Line> lines, int[] pos, String prefix, int count, Set<String> out) {
    for (int n = 0; n < count && pos[0] < lines.size(); n++) {
      Line l = lines.get(pos[0]++);
      Matcher a = ARRAY.matcher(l.type());
      if (a.find()) {
        int children = 0;
        for (String part : a.group(1).split(",")) {
          Matcher more = Pattern.compile("(\\d+) more").matcher(part.strip());
          children += more.matches() ? Integer.parseInt(more.group(1)) : 1;
        }
        collect(lines, pos, prefix + l.name() + "[].", children, out);
      } else {
        out.add(prefix + l.name());
      }
    }
  }

  static Set<String> mappedPaths() {
    Set<String> out = new TreeSet<>();
    for (Family<Snapshot> f : SnapshotFamilies.table(true).families()) {
      for (String s : f.source().split(",")) {
        if (!s.isBlank()) {
          out.add(s.strip());
        }
      }
    }
    return out;
  }

  @Test
  void theSchemaIsParsedCompletely() throws Exception {
    Set<String> schema = schemaPaths();
    assertThat(schema).contains("t", "v", "cpu_count", "uptime_total_ms", "disks[].sectors_read",
        "interfaces[].ip_addresses[].ip_address", "interfaces[].speed", "tunnels[].recent_unhealthy_pings",
        "dhcp_leases[].mac_address", "mounts[].total_bytes", "thermals[].max_celcius");
    assertThat(schema).doesNotContain("success", "account_id", "snapshot_t");
    assertThat(schema.size()).isGreaterThan(230);
  }

  @Test
  void everySchemaFieldIsMappedByTheCatalog() throws Exception {
    Set<String> missing = new TreeSet<>(schemaPaths());
    missing.removeAll(mappedPaths());
    assertThat(missing).as("snapshot fields without a metric family").isEmpty();
  }

  @Test
  void everyMappedSourceIsASchemaField() throws Exception {
    Set<String> unknown = new TreeSet<>(mappedPaths());
    unknown.removeAll(schemaPaths());
    // "a" (collected time) is documented on snapshot list items, not in the full snapshot.
    assertThat(unknown).containsExactly("a");
  }
}
