package dev.magicexporter.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.magicexporter.deploy.GrafanaDashboard.LabelValues;
import dev.magicexporter.deploy.GrafanaDashboard.PanelQuery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The dashboards follow the conventions of the best public ones, checked on the JSON: importable
 * into any Grafana with any Prometheus data source (a datasource variable, no {@code __inputs}),
 * stable unique uids, a description on every panel, {@code $__rate_interval} in rates, units, a
 * grid without overlaps. Whether their queries return data is {@code DashboardsEndToEndTest}'s job.
 */
class DashboardJsonTest {
  private static final List<GrafanaDashboard> DASHBOARDS = GrafanaDashboard.loadAll(ProjectFiles.path("dashboards"));
  private static final Pattern RANGE = Pattern.compile("\\[([^\\]]+)]");
  private static final Set<String> NO_UNIT_NEEDED = Set.of("row", "text", "table", "state-timeline", "piechart");

  @Test
  void thereAreTheFiveDashboards() {
    assertThat(DASHBOARDS).extracting(GrafanaDashboard::uid)
        .containsExactlyInAnyOrder("magic-fleet", "magic-connector", "magic-tunnels", "magic-inventory", "magic-exporter");
  }

  @Test
  void identityIsStableAndUnique() {
    Set<String> uids = new HashSet<>();
    Set<String> titles = new HashSet<>();
    for (GrafanaDashboard d : DASHBOARDS) {
      assertThat(d.uid()).as(d.file() + " uid").matches("[a-z0-9-]{1,40}");
      assertThat(uids.add(d.uid())).as("unique uid " + d.uid()).isTrue();
      assertThat(titles.add(d.title())).as("unique title " + d.title()).isTrue();
      assertThat(d.json().path("schemaVersion").asInt()).as(d.file() + " schemaVersion").isGreaterThanOrEqualTo(36);
      assertThat(d.json().path("description").asText()).as(d.file() + " description").isNotBlank();
      assertThat(d.json().path("tags").toString()).as(d.file() + " tags (the dashboards' links use them)")
          .contains("\"magic-exporter\"");
      assertThat(d.json().has("id") && !d.json().path("id").isNull()).as(d.file() + " has no instance id").isFalse();
    }
  }

  @Test
  void anyPrometheusDataSourceWorks() {
    for (GrafanaDashboard d : DASHBOARDS) {
      assertThat(d.json().has("__inputs")).as(d.file() + " must not need an import-time input").isFalse();
      assertThat(d.json().has("__requires")).as(d.file() + " __requires").isFalse();
      JsonNode ds = d.templateVariables().stream().filter(v -> v.path("name").asText().equals("datasource"))
          .findFirst().orElseThrow(() -> new AssertionError(d.file() + " has no datasource variable"));
      assertThat(ds.path("type").asText()).isEqualTo("datasource");
      assertThat(ds.path("query").asText()).isEqualTo("prometheus");
      for (JsonNode p : d.panels()) {
        if (p.has("targets")) {
          assertThat(p.path("datasource").path("uid").asText()).as(d.title() + " / " + p.path("title") + " datasource")
              .isEqualTo("${datasource}");
          for (JsonNode t : p.path("targets")) {
            assertThat(t.path("datasource").path("uid").asText()).as(d.title() + " / " + p.path("title") + " target")
                .isEqualTo("${datasource}");
          }
        }
      }
      for (JsonNode v : d.templateVariables()) {
        if (v.path("type").asText().equals("query")) {
          assertThat(v.path("datasource").path("uid").asText()).as(d.file() + " $" + v.path("name").asText())
              .isEqualTo("${datasource}");
        }
      }
    }
  }

  @Test
  void everyPanelIsDescribedAndHasAUnit() {
    List<String> problems = new ArrayList<>();
    for (GrafanaDashboard d : DASHBOARDS) {
      for (JsonNode p : d.panels()) {
        String where = d.title() + " / " + p.path("title").asText();
        String type = p.path("type").asText();
        if (p.path("title").asText().isBlank()) {
          problems.add(where + ": no title");
        }
        if (!type.equals("row") && p.path("description").asText().isBlank()) {
          problems.add(where + ": no description");
        }
        if (!NO_UNIT_NEEDED.contains(type) && p.path("fieldConfig").path("defaults").path("unit").asText().isBlank()
            && p.path("fieldConfig").path("defaults").path("mappings").isEmpty()) {
          problems.add(where + ": no unit");
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void ratesUseGrafanaIntervalsAndVariablesAreDefined() {
    List<String> problems = new ArrayList<>();
    for (GrafanaDashboard d : DASHBOARDS) {
      Map<String, String> defined = new HashMap<>();
      d.templateVariables().forEach(v -> defined.put(v.path("name").asText(), "x"));
      for (PanelQuery q : d.queries()) {
        Matcher m = RANGE.matcher(q.expr());
        while (m.find()) {
          if (!Set.of("$__rate_interval", "$__range", "$__interval").contains(m.group(1))) {
            problems.add(q + ": fixed range [" + m.group(1) + "], use $__rate_interval or $__range");
          }
        }
        try {
          GrafanaDashboard.interpolate(q.expr(), defined);
        } catch (IllegalArgumentException e) {
          problems.add(q + ": " + e.getMessage());
        }
      }
      for (GrafanaDashboard.Variable v : d.queryVariables()) {
        try {
          LabelValues.parse(v.query());
        } catch (IllegalArgumentException e) {
          problems.add(d.title() + " $" + v.name() + ": " + e.getMessage());
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void panelTitlesAreUniqueWithinADashboard() {
    for (GrafanaDashboard d : DASHBOARDS) {
      Set<String> titles = new HashSet<>();
      for (JsonNode p : d.panels()) {
        if (p.has("targets")) {
          assertThat(titles.add(p.path("title").asText())).as(d.title() + " has two panels titled " + p.path("title"))
              .isTrue();
        }
      }
    }
  }

  @Test
  void panelsHaveUniqueIdsAndDoNotOverlap() {
    for (GrafanaDashboard d : DASHBOARDS) {
      Set<Integer> ids = new HashSet<>();
      boolean[][] grid = new boolean[1000][24];
      for (JsonNode p : d.panels()) {
        assertThat(ids.add(p.path("id").asInt())).as(d.title() + " unique panel id " + p.path("id")).isTrue();
        JsonNode g = p.path("gridPos");
        int x = g.path("x").asInt();
        int y = g.path("y").asInt();
        int w = g.path("w").asInt();
        int h = g.path("h").asInt();
        assertThat(w).as(d.title() + " / " + p.path("title") + " width").isPositive();
        assertThat(x + w).as(d.title() + " / " + p.path("title") + " right edge").isLessThanOrEqualTo(24);
        for (int row = y; row < y + h; row++) {
          for (int col = x; col < x + w; col++) {
            assertThat(grid[row][col]).as(d.title() + " / " + p.path("title") + " overlaps at " + col + "," + row)
                .isFalse();
            grid[row][col] = true;
          }
        }
      }
    }
  }
}
