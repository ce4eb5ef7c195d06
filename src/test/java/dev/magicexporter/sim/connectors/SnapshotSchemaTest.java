package dev.magicexporter.sim.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.magicexporter.client.Json;
import dev.magicexporter.sim.SimClock;
import dev.magicexporter.sim.SimHttp;
import dev.magicexporter.sim.SimOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The simulator's snapshots against the seed's Snapshot schema: every documented field (top level
 * and inside every array) is emitted with its documented type, required fields always, and
 * nothing undocumented is emitted.
 */
class SnapshotSchemaTest {
  static List<SchemaDoc.Field> schema;
  static List<JsonNode> snapshots = new ArrayList<>();

  @BeforeAll
  static void sample() throws Exception {
    schema = SchemaDoc.read("/api/magic-transit-15-snapshots.md", "SnapshotGetResponse");
    SimWorld world = new SimWorld(SimOptions.defaults().withConnectors(12), new SimClock.Manual(SimHttp.T0));
    for (int i = 0; i < 12; i++) {
      String id = world.connectorId(SimHttp.ACCOUNT, i);
      List<Long> times = world.snapshotTimes(SimHttp.ACCOUNT, id, SimHttp.T0 - 86_400, SimHttp.T0);
      for (int j = 0; j < times.size(); j += 29) {
        Map<String, Object> s = world.snapshot(SimHttp.ACCOUNT, id, times.get(j)).orElseThrow();
        snapshots.add(Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(s)));
      }
    }
  }

  @Test
  void theSchemaIsReadCompletely() {
    assertThat(schema).hasSize(173);
    assertThat(schema.stream().filter(SchemaDoc.Field::isArray).map(SchemaDoc.Field::name))
        .containsExactly("bonds", "dhcp_leases", "disks", "interfaces", "mounts", "netdevs", "thermals", "tunnels");
    SchemaDoc.Field interfaces = schema.stream().filter(f -> f.name().equals("interfaces")).findFirst().orElseThrow();
    assertThat(interfaces.children().get(2).name()).isEqualTo("ip_addresses");
    assertThat(interfaces.children().get(2).children()).hasSize(2);
  }

  @Test
  void theFieldTableMatchesTheSchemaInNameOrderTypeAndOptionality() {
    List<String> doc = schema.stream().map(f -> f.name() + ":" + f.optional() + ":" + jsonType(f)).toList();
    List<String> table = SnapshotFields.TOP_LEVEL.stream()
        .map(f -> f.name() + ":" + f.optional() + ":" + f.type().name().toLowerCase()).toList();
    assertThat(table).containsExactlyElementsOf(doc);
  }

  @Test
  void everyDocumentedFieldIsEmittedWithItsTypeAndRequiredOnesAlways() {
    Map<String, Integer> seen = new HashMap<>();
    List<String> problems = new ArrayList<>();
    for (JsonNode s : snapshots) {
      check("", schema, s, seen, problems);
    }
    assertThat(problems).isEmpty();
    Set<String> missing = new HashSet<>(paths("", schema));
    missing.removeAll(seen.keySet());
    assertThat(missing).as("documented fields never emitted").isEmpty();
  }

  @Test
  void sometimesAnOptionalFieldIsMissing() {
    long incomplete = snapshots.stream()
        .filter(s -> schema.stream().anyMatch(f -> f.optional() && !f.isArray() && !s.has(f.name())))
        .count();
    assertThat(incomplete).isPositive().isLessThan(snapshots.size() / 5);
  }

  private static void check(String prefix, List<SchemaDoc.Field> fields, JsonNode obj, Map<String, Integer> seen,
      List<String> problems) {
    Set<String> documented = new HashSet<>();
    for (SchemaDoc.Field f : fields) {
      documented.add(f.name());
      String path = prefix + f.name();
      JsonNode v = obj.get(f.name());
      if (v == null) {
        if (!f.optional()) {
          problems.add("required " + path + " missing");
        }
        continue;
      }
      seen.merge(path, 1, Integer::sum);
      if (!hasType(v, f)) {
        problems.add(path + " is " + v.getNodeType() + ", documented " + f.type());
        continue;
      }
      if (f.isArray()) {
        for (JsonNode e : v) {
          check(path + "[].", f.children(), e, seen, problems);
        }
      }
    }
    obj.fieldNames().forEachRemaining(n -> {
      if (!documented.contains(n)) {
        problems.add("undocumented " + prefix + n);
      }
    });
  }

  private static boolean hasType(JsonNode v, SchemaDoc.Field f) {
    return switch (jsonType(f)) {
      case "number" -> v.isNumber();
      case "string" -> v.isTextual();
      case "boolean" -> v.isBoolean();
      default -> v.isArray() && !v.isEmpty() && v.get(0).isObject();
    };
  }

  private static String jsonType(SchemaDoc.Field f) {
    return f.isArray() ? "array" : f.type();
  }

  private static List<String> paths(String prefix, List<SchemaDoc.Field> fields) {
    List<String> out = new ArrayList<>();
    for (SchemaDoc.Field f : fields) {
      out.add(prefix + f.name());
      out.addAll(paths(prefix + f.name() + "[].", f.children()));
    }
    return out;
  }
}
