package dev.magicexporter.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.magicexporter.config.ConfigKeys;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests under config/kubernetes as a cluster would get them: each overlay
 * rendered by {@code kubectl kustomize} (Kustomize v4 or later, kubectl 1.21+; fails, never skips,
 * without it), then checked offline for structure (kind, apiVersion, required fields, references
 * between objects), for the security settings of the best charts, for probes on the daemon's own
 * endpoints, and for the Operator's PrometheusRule being the shipped alert rules, word for word.
 * No cluster is contacted.
 */
class KubernetesManifestsTest {
  private static final Path KUBERNETES = ProjectFiles.path("config/kubernetes");
  private static final Path ALERTS = ProjectFiles.path("config/magic-exporter-alerts.yml");
  private static final Path PROMETHEUS_RULE = KUBERNETES.resolve("prometheus-operator/prometheusrule.yaml");
  private static final List<String> OVERLAYS = List.of("sharded", "sidecar", "prometheus-operator");
  private static final int PORT = ConfigKeys.DEFAULT_LISTEN_PORT;
  /** The apiVersion each kind the manifests may use must have (the stable ones). */
  private static final Map<String, String> API_VERSIONS = Map.of(
      "ServiceAccount", "v1", "Service", "v1", "ConfigMap", "v1", "StatefulSet", "apps/v1",
      "PodMonitor", "monitoring.coreos.com/v1", "PrometheusRule", "monitoring.coreos.com/v1");
  private static final Pattern KUSTOMIZE_VERSION = Pattern.compile("Kustomize Version: v(\\d+)\\.");
  private static final Map<String, List<JsonNode>> RENDERED = new HashMap<>();

  @BeforeAll
  static void render() throws Exception {
    String kubectl = kubectl();
    String version = run(List.of(kubectl, "version", "--client"), ProjectFiles.root());
    Matcher m = KUSTOMIZE_VERSION.matcher(version);
    assertThat(m.find() && Integer.parseInt(m.group(1)) >= 4)
        .as("kubectl with Kustomize v4 or later (kubectl 1.21+) is needed: the overlays use `resources:` for "
            + "directories and `patches:`; this one says:\n" + version)
        .isTrue();
    for (String overlay : OVERLAYS) {
      String yaml = run(List.of(kubectl, "kustomize", KUBERNETES.resolve(overlay).toString()), ProjectFiles.root());
      Path file = Files.createTempFile("kustomize-" + overlay, ".yaml");
      try {
        Files.writeString(file, yaml);
        RENDERED.put(overlay, ProjectFiles.yamlDocuments(file));
      } finally {
        Files.delete(file);
      }
    }
  }

  @Test
  void everyObjectIsWellFormed() {
    List<String> problems = new ArrayList<>();
    RENDERED.forEach((overlay, docs) -> {
      Set<String> seen = new HashSet<>();
      for (JsonNode d : docs) {
        String kind = d.path("kind").asText();
        String where = overlay + ": " + kind + "/" + d.path("metadata").path("name").asText();
        if (!API_VERSIONS.containsKey(kind)) {
          problems.add(where + ": unexpected kind");
        } else if (!API_VERSIONS.get(kind).equals(d.path("apiVersion").asText())) {
          problems.add(where + ": apiVersion " + d.path("apiVersion").asText() + ", expected " + API_VERSIONS.get(kind));
        }
        if (!d.path("metadata").path("name").asText().matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")) {
          problems.add(where + ": metadata.name is not a DNS label");
        }
        if (!seen.add(kind + "/" + d.path("metadata").path("name").asText())) {
          problems.add(where + ": defined twice");
        }
        if (!d.path("metadata").path("labels").path("app.kubernetes.io/name").asText().equals("magic-exporter")) {
          problems.add(where + ": no app.kubernetes.io/name=magic-exporter label");
        }
        if (!kind.equals("ServiceAccount") && !kind.equals("ConfigMap") && !d.path("spec").isObject()) {
          problems.add(where + ": no spec");
        }
      }
    });
    assertThat(problems).isEmpty();
    assertThat(kinds("sharded")).containsExactlyInAnyOrder("ServiceAccount", "Service", "StatefulSet");
    assertThat(kinds("sidecar")).containsExactlyInAnyOrder("ServiceAccount", "Service", "StatefulSet", "ConfigMap");
    assertThat(kinds("prometheus-operator"))
        .containsExactlyInAnyOrder("ServiceAccount", "Service", "StatefulSet", "PodMonitor", "PrometheusRule");
  }

  @Test
  void statefulSetsReferenceWhatExists() {
    RENDERED.forEach((overlay, docs) -> {
      JsonNode sts = one(docs, "StatefulSet");
      JsonNode spec = sts.path("spec");
      JsonNode pod = spec.path("template").path("spec");
      String where = overlay + " StatefulSet";
      // The selector must select the template's pods, or the API server refuses the object.
      spec.path("selector").path("matchLabels").fields().forEachRemaining(e -> assertThat(
          spec.path("template").path("metadata").path("labels").path(e.getKey()).asText())
          .as(where + " template label " + e.getKey()).isEqualTo(e.getValue().asText()));
      assertThat(spec.path("selector").path("matchLabels").isEmpty()).as(where + " selector").isFalse();
      JsonNode service = one(docs, "Service");
      assertThat(spec.path("serviceName").asText()).as(where + " serviceName").isEqualTo(service.path("metadata").path("name").asText());
      assertThat(service.path("spec").path("clusterIP").asText()).as("headless Service").isEqualTo("None");
      service.path("spec").path("selector").fields().forEachRemaining(e -> assertThat(
          spec.path("template").path("metadata").path("labels").path(e.getKey()).asText())
          .as("Service selects the pods by " + e.getKey()).isEqualTo(e.getValue().asText()));
      assertThat(pod.path("serviceAccountName").asText()).as(where + " ServiceAccount")
          .isEqualTo(one(docs, "ServiceAccount").path("metadata").path("name").asText());

      Set<String> volumes = new HashSet<>();
      pod.path("volumes").forEach(v -> volumes.add(v.path("name").asText()));
      spec.path("volumeClaimTemplates").forEach(v -> volumes.add(v.path("metadata").path("name").asText()));
      Set<String> configMaps = new HashSet<>();
      docs.stream().filter(d -> d.path("kind").asText().equals("ConfigMap"))
          .forEach(d -> configMaps.add(d.path("metadata").path("name").asText()));
      pod.path("volumes").forEach(v -> {
        if (v.has("configMap")) {
          assertThat(configMaps).as(where + " volume " + v.path("name").asText()).contains(v.path("configMap").path("name").asText());
        }
      });
      for (JsonNode c : pod.path("containers")) {
        assertThat(c.path("name").asText()).as(where + " container name").isNotBlank();
        assertThat(c.path("image").asText()).as(where + " container image").isNotBlank();
        for (JsonNode mount : c.path("volumeMounts")) {
          assertThat(volumes).as(where + " volume of mount " + mount.path("mountPath").asText())
              .contains(mount.path("name").asText());
        }
        Set<String> portNames = new HashSet<>();
        c.path("ports").forEach(p -> portNames.add(p.path("name").asText()));
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
          JsonNode port = c.path(probe).path("httpGet").path("port");
          if (!port.isMissingNode()) {
            assertThat(port.isInt() || portNames.contains(port.asText()))
                .as(where + " " + c.path("name").asText() + " " + probe + " port " + port).isTrue();
            assertThat(c.path(probe).path("httpGet").has("host"))
                .as(where + " " + probe + ": no host (the kubelet would probe its own node)").isFalse();
          }
        }
      }
    });
  }

  @Test
  void theExporterIsProbedOnItsEndpointsAndKnowsItsEnvironment() {
    Set<String> known = DeploymentExamplesTest.knownVariables();
    RENDERED.forEach((overlay, docs) -> {
      JsonNode c = exporterContainer(docs);
      String where = overlay + " magic-exporter";
      assertThat(c.path("ports").toString()).as(where + " containerPort").contains("\"containerPort\":" + PORT);
      assertThat(c.path("startupProbe").path("httpGet").path("path").asText()).as(where + " startupProbe").isEqualTo("/healthz");
      assertThat(c.path("livenessProbe").path("httpGet").path("path").asText()).as(where + " livenessProbe").isEqualTo("/healthz");
      assertThat(c.path("readinessProbe").path("httpGet").path("path").asText()).as(where + " readinessProbe").isEqualTo("/readyz");
      assertThat(c.path("args").toString()).as(where + " args: the config the image ships")
          .contains("/etc/magic-exporter/exporter.yaml");
      for (JsonNode env : c.path("env")) {
        assertThat(known).as(where + " env " + env.path("name").asText() + " is read by the configuration loader")
            .contains(env.path("name").asText());
      }
      JsonNode resources = c.path("resources");
      assertThat(resources.path("requests").has("cpu") && resources.path("requests").has("memory")
          && resources.path("limits").has("memory")).as(where + " cpu and memory requests, a memory limit").isTrue();
      assertThat(resources.path("limits").has("cpu")).as(where + " no CPU limit (throttling delays polls)").isFalse();
      JsonNode mount = null;
      for (JsonNode m : c.path("volumeMounts")) {
        if (m.path("mountPath").asText().equals("/var/lib/magic-exporter/state")) {
          mount = m;
        }
      }
      assertThat(mount).as(where + " mounts the state volume the Dockerfile declares").isNotNull();
      JsonNode sts = one(docs, "StatefulSet");
      String stateVolume = mount.path("name").asText();
      assertThat(sts.path("spec").path("volumeClaimTemplates").toString())
          .as(where + " state is a PersistentVolumeClaim per replica").contains("\"name\":\"" + stateVolume + "\"");
    });
  }

  @Test
  void everyContainerRunsLockedDown() {
    List<String> problems = new ArrayList<>();
    RENDERED.forEach((overlay, docs) -> {
      JsonNode pod = one(docs, "StatefulSet").path("spec").path("template").path("spec");
      JsonNode podSc = pod.path("securityContext");
      if (!podSc.path("runAsNonRoot").asBoolean()) {
        problems.add(overlay + ": pod securityContext.runAsNonRoot is not true");
      }
      if (!pod.path("automountServiceAccountToken").isBoolean() || pod.path("automountServiceAccountToken").asBoolean()) {
        problems.add(overlay + ": the pod mounts a service account token it never uses");
      }
      for (JsonNode c : pod.path("containers")) {
        String where = overlay + " " + c.path("name").asText();
        JsonNode sc = c.path("securityContext");
        if (!sc.path("allowPrivilegeEscalation").isBoolean() || sc.path("allowPrivilegeEscalation").asBoolean()) {
          problems.add(where + ": allowPrivilegeEscalation is not false");
        }
        if (!sc.path("readOnlyRootFilesystem").asBoolean()) {
          problems.add(where + ": readOnlyRootFilesystem is not true");
        }
        if (sc.path("privileged").asBoolean()) {
          problems.add(where + ": privileged");
        }
        if (!sc.path("capabilities").path("drop").toString().equals("[\"ALL\"]") || sc.path("capabilities").has("add")) {
          problems.add(where + ": capabilities must drop ALL and add none");
        }
        String seccomp = sc.path("seccompProfile").path("type").asText(podSc.path("seccompProfile").path("type").asText());
        if (!seccomp.equals("RuntimeDefault")) {
          problems.add(where + ": seccompProfile is '" + seccomp + "', expected RuntimeDefault");
        }
        long uid = sc.path("runAsUser").asLong(podSc.path("runAsUser").asLong(0));
        if (uid == 0) {
          problems.add(where + ": runs as root (no runAsUser)");
        }
      }
      JsonNode exporter = exporterContainer(docs);
      assertThat(exporter.path("securityContext").path("runAsUser").asLong(podSc.path("runAsUser").asLong()))
          .as(overlay + " exporter uid: the Dockerfile's user").isEqualTo(10001);
    });
    assertThat(problems).isEmpty();
  }

  @Test
  void shardedReplicasEachPollTheirShare() {
    JsonNode sts = one(RENDERED.get("sharded"), "StatefulSet");
    Map<String, JsonNode> env = env(exporterContainer(RENDERED.get("sharded")));
    assertThat(env.get("MAGIC_EXPORTER_TOTAL_SHARDS").path("value").asInt())
        .as("MAGIC_EXPORTER_TOTAL_SHARDS equals the replicas").isEqualTo(sts.path("spec").path("replicas").asInt())
        .isGreaterThan(1);
    assertThat(env.get("POD_NAME").path("valueFrom").path("fieldRef").path("fieldPath").asText())
        .as("the shard ordinal comes from the pod name").isEqualTo("metadata.name");
    assertThat(sts.path("spec").path("podManagementPolicy").asText()).isEqualTo("Parallel");
    // Replicas that share a token share its budget (README, "Many accounts, budgets and replicas").
    int budget = env.get("MAGIC_EXPORTER_CLOUDFLARE_BUDGET_REQUESTS").path("value").asInt();
    assertThat(budget * sts.path("spec").path("replicas").asInt()).as("the shards' budgets add up to Cloudflare's 1,200")
        .isLessThanOrEqualTo(1200);
    assertThat(one(RENDERED.get("sidecar"), "StatefulSet").path("spec").path("replicas").asInt()).isEqualTo(1);
  }

  @Test
  void sidecarPrometheusScrapesTheExporterOnLocalhost() {
    List<JsonNode> docs = RENDERED.get("sidecar");
    JsonNode prom = ProjectFiles.yaml(one(docs, "ConfigMap").path("data").path("prometheus.yml").asText());
    assertThat(prom.path("scrape_configs").get(0).path("job_name").asText())
        .as("job_name (the alert rules select job=\"magic-exporter\")").isEqualTo("magic-exporter");
    assertThat(prom.path("scrape_configs").toString()).contains("localhost:" + PORT);
    List<String> containers = new ArrayList<>();
    one(docs, "StatefulSet").path("spec").path("template").path("spec").path("containers")
        .forEach(c -> containers.add(c.path("name").asText()));
    assertThat(containers).containsExactlyInAnyOrder("magic-exporter", "prometheus");
  }

  @Test
  void podMonitorSelectsTheExporterPortAndNamesTheJob() {
    List<JsonNode> docs = RENDERED.get("prometheus-operator");
    JsonNode pm = one(docs, "PodMonitor").path("spec");
    JsonNode template = one(docs, "StatefulSet").path("spec").path("template");
    assertThat(pm.path("selector").path("matchLabels").isEmpty()).isFalse();
    pm.path("selector").path("matchLabels").fields().forEachRemaining(e -> assertThat(
        template.path("metadata").path("labels").path(e.getKey()).asText()).as("PodMonitor selects the pods by " + e.getKey())
        .isEqualTo(e.getValue().asText()));
    Set<String> ports = new HashSet<>();
    exporterContainer(docs).path("ports").forEach(p -> ports.add(p.path("name").asText()));
    assertThat(pm.path("podMetricsEndpoints")).isNotEmpty();
    for (JsonNode ep : pm.path("podMetricsEndpoints")) {
      assertThat(ports).as("PodMonitor endpoint port").contains(ep.path("port").asText());
      assertThat(ep.path("path").asText("/metrics")).isEqualTo("/metrics");
    }
    // The job label is the value of the pod label jobLabel names: the rules want "magic-exporter".
    assertThat(template.path("metadata").path("labels").path(pm.path("jobLabel").asText()).asText())
        .as("job label of the scraped series").isEqualTo("magic-exporter");
  }

  /**
   * The committed PrometheusRule is the alert rules file under {@code spec:}, generated (run with
   * {@code -Dregenerate=true} to rewrite it), and kubectl renders it with the same groups.
   */
  @Test
  void prometheusRuleIsTheShippedAlertRules() throws IOException {
    String generated = prometheusRule();
    if (Boolean.getBoolean("regenerate")) {
      Files.writeString(PROMETHEUS_RULE, generated, StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(PROMETHEUS_RULE, StandardCharsets.UTF_8))
        .as(PROMETHEUS_RULE + " is out of date with " + ALERTS.getFileName() + ": run ./mvnw test "
            + "-Dtest=KubernetesManifestsTest -Dregenerate=true")
        .isEqualTo(generated);
    JsonNode rendered = one(RENDERED.get("prometheus-operator"), "PrometheusRule");
    assertThat(rendered.path("spec")).as("the rendered PrometheusRule's groups").isEqualTo(ProjectFiles.yaml(ALERTS));
  }

  /** The alert rules file, from its {@code groups:} line on, indented under {@code spec:}. */
  static String prometheusRule() throws IOException {
    List<String> lines = Files.readAllLines(ALERTS, StandardCharsets.UTF_8);
    int start = lines.indexOf("groups:");
    assertThat(start).as(ALERTS + " has a top-level groups: line").isNotNegative();
    StringBuilder out = new StringBuilder();
    out.append("# Generated from config/magic-exporter-alerts.yml by KubernetesManifestsTest; do not edit by hand.\n")
        .append("# Regenerate: ./mvnw test -Dtest=KubernetesManifestsTest -Dregenerate=true\n")
        .append("apiVersion: monitoring.coreos.com/v1\n")
        .append("kind: PrometheusRule\n")
        .append("metadata:\n")
        .append("  name: magic-exporter\n")
        .append("  labels:\n")
        .append("    app.kubernetes.io/name: magic-exporter\n")
        .append("spec:\n");
    for (String line : lines.subList(start, lines.size())) {
      out.append(line.isEmpty() ? "" : "  " + line).append('\n');
    }
    return out.toString();
  }

  private static String kubectl() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path p = Path.of(dir, "kubectl");
      if (Files.isExecutable(p)) {
        return p.toString();
      }
    }
    throw new AssertionError("kubectl not found on PATH: the Kubernetes manifests are rendered with "
        + "`kubectl kustomize`. `bash .ci/run` installs it (or: apt-get install kubectl)");
  }

  private static String run(List<String> cmd, Path dir) throws IOException, InterruptedException {
    Path err = Files.createTempFile("kubectl", ".err");
    try {
      Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectError(err.toFile()).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", cmd) + " finished").isTrue();
      assertThat(p.exitValue()).as(String.join(" ", cmd) + " failed:\n" + Files.readString(err)).isZero();
      return out;
    } finally {
      Files.delete(err);
    }
  }

  private static List<String> kinds(String overlay) {
    return RENDERED.get(overlay).stream().map(d -> d.path("kind").asText()).toList();
  }

  private static JsonNode one(List<JsonNode> docs, String kind) {
    List<JsonNode> found = docs.stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
    assertThat(found).as("exactly one " + kind).hasSize(1);
    return found.get(0);
  }

  private static JsonNode exporterContainer(List<JsonNode> docs) {
    for (JsonNode c : one(docs, "StatefulSet").path("spec").path("template").path("spec").path("containers")) {
      if (c.path("name").asText().equals("magic-exporter")) {
        return c;
      }
    }
    throw new AssertionError("no magic-exporter container");
  }

  private static Map<String, JsonNode> env(JsonNode container) {
    Map<String, JsonNode> out = new HashMap<>();
    for (Iterator<JsonNode> it = container.path("env").elements(); it.hasNext(); ) {
      JsonNode e = it.next();
      assertThat(out.put(e.path("name").asText(), e)).as("env " + e.path("name").asText() + " set once").isNull();
    }
    return out;
  }
}
