package dev.magicexporter.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code metrics.*} keys: lists of patterns and labels, checked before the daemon starts. */
class MetricFilterConfigTest {
  @TempDir Path tmp;

  ConfigLoader.Result load(String... kv) {
    Map<String, String> env = new java.util.HashMap<>(Map.of("MAGIC_EXPORTER_STATE_DIR", tmp.toString()));
    for (int i = 0; i < kv.length; i += 2) {
      env.put(kv[i], kv[i + 1]);
    }
    return ConfigLoader.load(new ConfigLoader.CommandLine(null, true, null, null), env);
  }

  @Test
  void listsFromTheEnvironment() {
    ConfigLoader.Result r = load("MAGIC_EXPORTER_METRICS_DENYLIST", "^cloudflare_connector_disk_,_info$",
        "MAGIC_EXPORTER_METRICS_LABEL_DENYLIST", "serial_number");
    assertThat(r.problems()).isEmpty();
    assertThat(r.config().metricFilters()).isEqualTo(new ExporterConfig.MetricFilters(List.of(),
        List.of("^cloudflare_connector_disk_", "_info$"), List.of("serial_number")));
  }

  @Test
  void badPatternsBothListsAndBadLabelsAreProblems() {
    ConfigLoader.Result r = load("MAGIC_EXPORTER_METRICS_ALLOWLIST", "cloudflare_(tunnel",
        "MAGIC_EXPORTER_METRICS_DENYLIST", "x", "MAGIC_EXPORTER_METRICS_LABEL_DENYLIST", "not-a-label");
    assertThat(r.problems()).extracting(ConfigProblem::toString)
        .anySatisfy(l -> assertThat(l).contains("metrics.allowlist").contains("cloudflare_(tunnel"))
        .anySatisfy(l -> assertThat(l).contains("metrics.denylist").contains("mutually exclusive"))
        .anySatisfy(l -> assertThat(l).contains("metrics.label_denylist").contains("not-a-label"));
  }
}
