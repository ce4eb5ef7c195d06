package dev.magicexporter.sim.connectors;

import static dev.magicexporter.sim.SimHttp.ACCOUNT;
import static dev.magicexporter.sim.SimHttp.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.magicexporter.sim.SimHttp;
import dev.magicexporter.sim.SimOptions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Connector objects and telemetry list pages served over HTTP against the field lists of the
 * seed text (read from the classpath copy of the API reference).
 */
class ContractSchemaTest {
  static SimHttp sim;

  @BeforeAll
  static void start() {
    sim = new SimHttp(SimOptions.defaults().withConnectors(20));
  }

  @AfterAll
  static void stop() throws Exception {
    sim.close();
  }

  @Test
  void connectorObjectsCarryEveryDocumentedFieldButTheLicenseKey() throws Exception {
    List<SchemaDoc.Field> schema = SchemaDoc.read("/api/magic-transit-12-connectors.md", "ConnectorGetResponse");
    assertThat(schema).hasSize(13);
    JsonNode list = sim.get("/accounts/" + ACCOUNT + "/magic/connectors").result();
    List<JsonNode> objects = new ArrayList<>();
    list.forEach(objects::add);
    objects.add(sim.get(sim.connectorPath(13, "")).result());
    Set<String> seen = new HashSet<>();
    List<String> problems = new ArrayList<>();
    for (JsonNode c : objects) {
      check("", schema, c, seen, problems);
    }
    assertThat(problems).isEmpty();
    Set<String> never = new HashSet<>(paths("", schema));
    never.removeAll(seen);
    assertThat(never).as("license keys are returned only when provisioned").containsExactly("license_key");
  }

  @Test
  void telemetryListPagesHaveTheDocumentedShape() throws Exception {
    String q = "?from=" + (T0 - 86_400) + "&to=" + T0 + "&limit=50";
    for (String[] c : new String[][] {
        {"/api/magic-transit-13-events.md", "EventListResponse", "/telemetry/events" + q},
        {"/api/magic-transit-15-snapshots.md", "SnapshotListResponse", "/telemetry/snapshots" + q}}) {
      List<SchemaDoc.Field> schema = SchemaDoc.read(c[0], c[1]);
      JsonNode page = sim.get(sim.connectorPath(0, c[2])).result();
      Set<String> seen = new HashSet<>();
      List<String> problems = new ArrayList<>();
      check("", schema, page, seen, problems);
      assertThat(problems).as(c[1]).isEmpty();
      assertThat(seen).as(c[1]).containsAll(paths("", schema));
    }
  }

  static void check(String prefix, List<SchemaDoc.Field> fields, JsonNode obj, Set<String> seen, List<String> problems) {
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
      seen.add(path);
      boolean typed = switch (f.type()) {
        case "number" -> v.isNumber();
        case "string" -> v.isTextual();
        case "boolean" -> v.isBoolean();
        default -> f.isObject() ? v.isObject()
            : f.isArray() ? v.isArray() && (v.isEmpty() || v.get(0).isObject())
            : f.isScalarArray() && v.isArray() && (v.isEmpty() || v.get(0).isTextual());
      };
      if (!typed) {
        problems.add(path + " is " + v.getNodeType() + ", documented " + f.type());
      } else if (f.isObject()) {
        check(path + ".", f.children(), v, seen, problems);
      } else if (f.isArray()) {
        v.forEach(e -> check(path + "[].", f.children(), e, seen, problems));
      }
    }
    obj.fieldNames().forEachRemaining(n -> {
      if (!documented.contains(n)) {
        problems.add("undocumented " + prefix + n);
      }
    });
  }

  static List<String> paths(String prefix, List<SchemaDoc.Field> fields) {
    List<String> out = new ArrayList<>();
    for (SchemaDoc.Field f : fields) {
      out.add(prefix + f.name());
      out.addAll(paths(prefix + f.name() + (f.isObject() ? "." : "[]."), f.children()));
    }
    return out;
  }
}
