package dev.magicexporter.metrics.self;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.magicexporter.deploy.ProjectFiles;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Self-metrics are declared one way: in {@link SelfMetrics}, and registered only through their
 * declaration. DemoDaemonTest checks the other half (every exposed family is in the reference).
 */
class SelfMetricsDeclaredOnceTest {
  private static final Path MAIN = ProjectFiles.path("src/main/java/dev/magicexporter");
  /** Meter builders and registry shortcuts that take a name, Micrometer's and client_java's. */
  private static final Pattern METER_BY_NAME = Pattern.compile(
      "\\b(Counter|Gauge|Timer|FunctionCounter|FunctionTimer|DistributionSummary|LongTaskTimer|TimeGauge|MultiGauge)"
          + "\\.builder\\(|\\bInfo\\.builder\\(|\\b(StateSet|Histogram|Summary)\\.builder\\(|"
          + "\\bregistry(\\(\\))?\\.(counter|gauge|timer|summary|more\\(\\))\\(");
  /** The JVM and process meters of Micrometer's binders, set up in one place; none is a cloudflare_ name. */
  private static final Path JVM_METERS = MAIN.resolve("metrics/Metrics.java");

  @Test
  void noMeterIsBuiltByNameOutsideItsDeclaration() throws IOException {
    List<String> offenders = new ArrayList<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        if (f.startsWith(MAIN.resolve("metrics/self")) || f.equals(JVM_METERS)) {
          continue;
        }
        List<String> lines = Files.readAllLines(f);
        for (int i = 0; i < lines.size(); i++) {
          Matcher m = METER_BY_NAME.matcher(lines.get(i));
          if (m.find()) {
            offenders.add(MAIN.relativize(f) + ":" + (i + 1) + ": " + lines.get(i).strip());
          }
        }
      }
    }
    assertThat(offenders).as("declare the metric in SelfMetrics and register it through the declaration")
        .isEmpty();
  }

  @Test
  void theJvmMetersAreNoneOfOurs() throws IOException {
    assertThat(Files.readString(JVM_METERS)).doesNotContain("\"cloudflare");
  }

  @Test
  void aDeclarationRefusesNamesAgainstTheConventions() {
    assertThatThrownBy(() -> SelfMetric.counter("cloudflare_exporter_things", "Things."))
        .hasMessageContaining("_total");
    assertThatThrownBy(() -> SelfMetric.gauge("cloudflare_exporter_things_total", "Things."))
        .hasMessageContaining("_total");
    assertThatThrownBy(() -> SelfMetric.summary("cloudflare_exporter_wait", "Wait."))
        .hasMessageContaining("_seconds");
    assertThatThrownBy(() -> SelfMetric.gauge("cloudflare_exporter.dotted", "Dotted."))
        .hasMessageContaining("snake_case");
    assertThatThrownBy(() -> SelfMetric.gauge("cloudflare_exporter_x", " ")).hasMessageContaining("help");
  }

  @Test
  void labelValuesAreGivenForExactlyTheDeclaredLabels() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    assertThatThrownBy(() -> SelfMetrics.API_RETRIES.counter(registry, "/accounts/{account_id}/magic/connectors"))
        .hasMessageContaining("[endpoint, reason]");
    SelfMetrics.API_RETRIES.counter(registry, "/x", "server").increment();
    assertThat(registry.get(SelfMetrics.API_RETRIES.name()).tags("endpoint", "/x", "reason", "server").counter()
        .count()).isEqualTo(1);
    assertThatThrownBy(() -> SelfMetrics.API_RETRIES.gauge(registry, this, x -> 1, "/x", "server"))
        .hasMessageContaining("not a gauge");
  }

  /** The declared name is the exposed name, for every type: Micrometer's naming adds nothing. */
  @Test
  void theExposedNameIsTheDeclaredOne() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    SelfMetrics.API_RETRIES.counter(registry, "/x", "server").increment();
    SelfMetrics.SCRAPE_CACHE_RENDERED.functionCounter(registry, this, x -> 5);
    SelfMetrics.BUDGET_LIMIT.gauge(registry, this, x -> 7, "c");
    SelfMetrics.POLL_DURATION.timer(registry, "p", "success");
    SelfMetrics.API_REQUEST_DURATION.timerBuilder("/x", "GET")
        .serviceLevelObjectives(java.time.Duration.ofSeconds(1)).register(registry);
    SelfMetrics.BUILD_INFO.info(registry.getPrometheusRegistry()).setLabelValues("1", "17", "false");
    String text = registry.scrape();
    for (SelfMetric m : List.of(SelfMetrics.API_RETRIES, SelfMetrics.SCRAPE_CACHE_RENDERED, SelfMetrics.BUDGET_LIMIT,
        SelfMetrics.POLL_DURATION, SelfMetrics.API_REQUEST_DURATION, SelfMetrics.BUILD_INFO)) {
      String type = m.type() == SelfMetric.Type.INFO ? "gauge" : m.type().docName();
      assertThat(text).as(m.name()).contains("# TYPE " + m.name() + " " + type + "\n")
          .contains("# HELP " + m.name() + " " + m.help() + "\n");
    }
  }
}
