package dev.magicexporter.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.magicexporter.config.ConfigKey;
import dev.magicexporter.config.ConfigKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The deployment examples under config/ parse, and what they reference exists: files and
 * directories named in compose.yaml and the Prometheus configurations, the Dockerfile, the
 * dashboards and provisioning directories, and environment variables the configuration loader
 * knows. The Kubernetes manifests are {@code KubernetesManifestsTest}'s.
 */
class DeploymentExamplesTest {
  private static final Path CONFIG = ProjectFiles.path("config");
  private static final Path COMPOSE = CONFIG.resolve("compose.yaml");
  private static final String PORT = Integer.toString(ConfigKeys.DEFAULT_LISTEN_PORT);
  /** Variables a deployment may set that are not configuration keys: the StatefulSet pod name gives the shard. */
  private static final Set<String> OTHER_VARIABLES = Set.of("POD_NAME");

  /** Every environment variable the configuration loader reads. */
  static Set<String> knownVariables() {
    Set<String> names = new TreeSet<>(OTHER_VARIABLES);
    for (ConfigKey k : ConfigKeys.ALL) {
      names.add(k.envName());
      names.addAll(k.aliases());
    }
    return names;
  }

  @Test
  void prometheusConfigurationsLoadTheShippedRulesAndScrapeTheDefaultPort() {
    // config/prometheus.yml is used next to the rules: its rule_files resolve against config/.
    JsonNode standalone = ProjectFiles.yaml(CONFIG.resolve("prometheus.yml"));
    for (JsonNode rf : standalone.path("rule_files")) {
      assertThat(CONFIG.resolve(rf.asText())).as("rule file of config/prometheus.yml").isRegularFile();
    }
    assertThat(standalone.path("rule_files")).isNotEmpty();
    for (Path p : List.of(CONFIG.resolve("prometheus.yml"), CONFIG.resolve("compose/prometheus.yml"))) {
      JsonNode cfg = ProjectFiles.yaml(p);
      List<String> targets = new ArrayList<>();
      cfg.path("scrape_configs").forEach(sc -> sc.path("static_configs")
          .forEach(st -> st.path("targets").forEach(t -> targets.add(t.asText()))));
      assertThat(targets).as(p + " scrape targets").isNotEmpty().allSatisfy(t -> assertThat(t).endsWith(":" + PORT));
      cfg.path("scrape_configs").forEach(sc -> assertThat(sc.path("job_name").asText()).as(p + " job_name "
          + "(the alert rules select job=\"magic-exporter\")").isEqualTo("magic-exporter"));
    }
  }

  @Test
  void composeReferencesExistingFilesAndMountsWhatItsServicesRead() {
    JsonNode compose = ProjectFiles.yaml(COMPOSE);
    JsonNode services = compose.path("services");
    assertThat(services.fieldNames()).toIterable().contains("magic-exporter", "prometheus", "grafana");

    JsonNode build = services.path("magic-exporter").path("build");
    Path context = CONFIG.resolve(build.path("context").asText()).normalize();
    assertThat(context.resolve(build.path("dockerfile").asText("Dockerfile"))).as("Dockerfile").isRegularFile();
    assertThat(services.path("magic-exporter").path("ports").toString()).contains(PORT + ":" + PORT);

    Set<String> namedVolumes = new HashSet<>();
    compose.path("volumes").fieldNames().forEachRemaining(namedVolumes::add);
    Map<String, Map<String, Path>> mounts = new HashMap<>();
    services.fields().forEachRemaining(s -> {
      Map<String, Path> m = new HashMap<>();
      for (JsonNode v : s.getValue().path("volumes")) {
        String[] parts = v.asText().split(":");
        String source = parts[0];
        String target = parts[1];
        if (source.startsWith(".") || source.startsWith("/")) {
          Path host = CONFIG.resolve(source).normalize();
          assertThat(Files.exists(host)).as(s.getKey() + " mounts " + source + " (" + host + ")").isTrue();
          m.put(target, host);
        } else {
          assertThat(namedVolumes).as(s.getKey() + " named volume " + source).contains(source);
        }
      }
      mounts.put(s.getKey(), m);
      for (JsonNode dep : s.getValue().path("depends_on")) {
        assertThat(services.has(dep.asText())).as(s.getKey() + " depends on " + dep.asText()).isTrue();
      }
    });

    // Prometheus: its configuration is mounted, and each rule file it names is mounted beside it.
    String configFlag = flag(services.path("prometheus").path("command"), "--config.file");
    Path promConfig = mounts.get("prometheus").get(configFlag);
    assertThat(promConfig).as("mount of " + configFlag).isNotNull().isRegularFile();
    String configDir = configFlag.substring(0, configFlag.lastIndexOf('/') + 1);
    JsonNode rules = ProjectFiles.yaml(promConfig).path("rule_files");
    assertThat(rules).isNotEmpty();
    for (JsonNode rf : rules) {
      String inContainer = rf.asText().startsWith("/") ? rf.asText() : configDir + rf.asText();
      assertThat(mounts.get("prometheus").get(inContainer)).as("mount of rule file " + inContainer)
          .isNotNull().isRegularFile();
    }

    // Grafana: provisioning mounted where Grafana reads it; dashboards mounted where the provider looks.
    Map<String, Path> grafana = mounts.get("grafana");
    Path provisioning = grafana.get("/etc/grafana/provisioning");
    assertThat(provisioning).as("Grafana provisioning mount").isNotNull();
    assertThat(provisioning.resolve("datasources")).isDirectory();
    assertThat(provisioning.resolve("dashboards")).isDirectory();
    JsonNode provider = ProjectFiles.yaml(provisioning.resolve("dashboards/magic-exporter.yml")).path("providers").get(0);
    String dashboardsPath = provider.path("options").path("path").asText();
    Path dashboards = grafana.get(dashboardsPath);
    assertThat(dashboards).as("a mount at the dashboard provider's path " + dashboardsPath).isNotNull();
    assertThat(dashboards).isEqualTo(ProjectFiles.path("dashboards"));
    assertThat(GrafanaDashboard.loadAll(dashboards)).isNotEmpty();

    // The datasource points at the compose service that runs Prometheus, on its port.
    JsonNode ds = ProjectFiles.yaml(provisioning.resolve("datasources/prometheus.yml")).path("datasources").get(0);
    assertThat(ds.path("type").asText()).isEqualTo("prometheus");
    assertThat(ds.path("url").asText()).isEqualTo("http://prometheus:9090");
    assertThat(services.path("prometheus").path("ports").toString()).contains("9090:9090");
  }

  @Test
  void environmentVariablesAreKnownConfigurationKeys() {
    Set<String> known = knownVariables();
    List<String> unknown = new ArrayList<>();
    ProjectFiles.yaml(COMPOSE).path("services").path("magic-exporter").path("environment").fieldNames()
        .forEachRemaining(n -> {
          if (!known.contains(n)) {
            unknown.add("compose.yaml: " + n);
          }
        });
    for (String line : dockerfile()) {
      if (line.startsWith("ENV ") || line.startsWith("    MAGIC_EXPORTER_")) {
        for (String word : line.replace("ENV ", "").trim().split("\\s+")) {
          if (word.contains("=")) {
            String name = word.substring(0, word.indexOf('='));
            if (!known.contains(name)) {
              unknown.add("Dockerfile: " + name);
            }
          }
        }
      }
    }
    assertThat(unknown).as("environment variables the configuration loader does not read").isEmpty();
  }

  @Test
  void dockerfileShipsTheConfigurationTheManifestsName() throws IOException {
    List<String> lines = dockerfile();
    assertThat(lines).contains("COPY config/exporter.yaml /etc/magic-exporter/exporter.yaml");
    assertThat(String.join("\n", lines)).contains("EXPOSE " + PORT).contains("VOLUME [\"/var/lib/magic-exporter/state\"]");
    assertThat(ProjectFiles.path("config/exporter.yaml")).isRegularFile();
    // The health check runs this class from the jar.
    assertThat(String.join("\n", lines)).contains("dev.magicexporter.app.HealthCheck");
    try {
      Class.forName("dev.magicexporter.app.HealthCheck");
    } catch (ClassNotFoundException e) {
      throw new AssertionError("the Dockerfile's HEALTHCHECK class does not exist", e);
    }
  }

  private static List<String> dockerfile() {
    try {
      return Files.readAllLines(ProjectFiles.path("Dockerfile"));
    } catch (IOException e) {
      throw new AssertionError("Dockerfile", e);
    }
  }

  private static String flag(JsonNode command, String name) {
    for (JsonNode c : command) {
      if (c.asText().startsWith(name + "=")) {
        return c.asText().substring(name.length() + 1);
      }
    }
    throw new AssertionError("no " + name + " in " + command);
  }
}
