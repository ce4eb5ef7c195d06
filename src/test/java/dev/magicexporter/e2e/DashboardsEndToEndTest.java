package dev.magicexporter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.magicexporter.app.Daemon;
import dev.magicexporter.config.ConfigLoader;
import dev.magicexporter.deploy.GrafanaDashboard;
import dev.magicexporter.deploy.GrafanaDashboard.LabelValues;
import dev.magicexporter.deploy.GrafanaDashboard.PanelQuery;
import dev.magicexporter.deploy.GrafanaDashboard.Variable;
import dev.magicexporter.deploy.ProjectFiles;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped dashboards and alert rules against the real thing: the daemon in demo mode
 * (in-process, simulator included) scraped by a real Prometheus on loopback with the alert rules
 * loaded. Every panel query of every dashboard, with its template variables filled from their
 * label_values queries, must parse and return data; every alert rule must load and evaluate
 * cleanly; every metric name the rules and dashboards use must exist.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardsEndToEndTest {
  private static final String JOB = "magic-exporter";
  private static final Duration SCRAPE_INTERVAL = Duration.ofSeconds(2);
  /**
   * How long the estate may take to show up in Prometheus (first scrape, first polls, two samples
   * for rate()), counted once from the start for all tests, so that a broken build fails in about
   * a minute rather than a minute per test.
   */
  private static final Duration DATA_WITHIN = Duration.ofSeconds(60);
  /**
   * Counters the client creates at their first occurrence (their endpoint label makes creating
   * them all up front costly), so a healthy demo run may not have them yet. The rules and
   * dashboards that read them must cope with their absence (the panels use "or vector(0)").
   */
  private static final Set<String> CREATED_ON_FIRST_USE = Set.of(
      "cloudflare_exporter_api_errors_total", "cloudflare_exporter_api_retries_total");
  private static final Pattern METRIC_NAME = Pattern.compile("\\b((?:cloudflare|jvm|process)_[a-zA-Z0-9_]+)\\b");

  /**
   * Stands in for a variable whose query found nothing, so that the panels are still evaluated
   * and the one broken variable is reported once rather than as every panel's failure.
   */
  private static final String ANY = ".*";
  /** At most this many combinations of single-value variable choices are tried per dashboard. */
  private static final int MAX_SELECTIONS = 10;

  private Vertx vertx;
  private Daemon daemon;
  private PrometheusServer prometheus;
  private List<GrafanaDashboard> dashboards;
  private final HttpClient http = HttpClient.newHttpClient();
  private long deadline;

  @BeforeAll
  void start(@TempDir Path tmp) throws Exception {
    dashboards = GrafanaDashboard.loadAll(ProjectFiles.path("dashboards"));
    assertThat(dashboards).as("dashboards/*.json").isNotEmpty();

    Map<String, String> env = new LinkedHashMap<>();
    env.put("MAGIC_EXPORTER_LISTEN_ADDRESS", "127.0.0.1");
    env.put("MAGIC_EXPORTER_LISTEN_PORT", "0");
    env.put("MAGIC_EXPORTER_ADMIN_PORT", Integer.toString(PrometheusServer.freePort()));
    env.put("MAGIC_EXPORTER_STATE_DIR", tmp.resolve("state").toString());
    env.put("MAGIC_EXPORTER_POLL_INTERVAL", "2s");
    env.put("MAGIC_EXPORTER_CONNECTORS_DISCOVERY_INTERVAL", "5s");
    env.put("MAGIC_EXPORTER_SOURCES_TUNNELS_INTERVAL", "2s");
    env.put("MAGIC_EXPORTER_SOURCES_PCAPS_INTERVAL", "2s");
    env.put("MAGIC_EXPORTER_SOURCES_SERVICES_INTERVAL", "2s");
    env.put("MAGIC_EXPORTER_SOURCES_INVENTORY_INTERVAL", "2s");
    // GraphQL analytics: polled often, per-data-center series on so that their panel has data too.
    env.put("MAGIC_EXPORTER_ANALYTICS_INTERVAL", "10s");
    env.put("MAGIC_EXPORTER_ANALYTICS_DATA_CENTER_SERIES", "true");
    // The short intervals above would spend the default 1,200-request budget in a few minutes.
    env.put("MAGIC_EXPORTER_CLOUDFLARE_BUDGET_REQUESTS", "100000");
    ConfigLoader.Result loaded = ConfigLoader.load(new ConfigLoader.CommandLine(null, true, null, null), env);
    assertThat(loaded.problems()).as("demo configuration problems").isEmpty();

    vertx = Vertx.vertx();
    daemon = new Daemon(vertx, loaded.config());
    daemon.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

    String config = """
        global:
          scrape_interval: %1$ds
          evaluation_interval: %1$ds
        rule_files:
          - "%2$s"
        scrape_configs:
          - job_name: %3$s
            static_configs:
              - targets: ["127.0.0.1:%4$d"]
        """.formatted(SCRAPE_INTERVAL.toSeconds(), ProjectFiles.path("config/magic-exporter-alerts.yml"), JOB,
        daemon.metricsPort());
    prometheus = PrometheusServer.start(Files.createDirectories(tmp.resolve("prometheus")), config,
        Duration.ofSeconds(30));
    deadline = System.nanoTime() + DATA_WITHIN.toNanos();
  }

  @AfterAll
  void stop() throws Exception {
    if (prometheus != null) {
      prometheus.close();
    }
    if (daemon != null) {
      daemon.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void prometheusScrapesTheExporter() throws Exception {
    JsonNode up = awaitNonEmpty("up{job=\"" + JOB + "\"} == 1");
    assertThat(up.path("result")).as("up == 1\n" + prometheus.logTail()).isNotEmpty();
    assertThat(awaitNonEmpty("cloudflare_connector_up").path("result")).as("cloudflare_connector_up").isNotEmpty();
  }

  @TestFactory
  Stream<DynamicTest> everyPanelQueryReturnsData() throws Exception {
    Map<String, String> problems = awaitPanels();
    List<DynamicTest> tests = new ArrayList<>();
    for (GrafanaDashboard d : dashboards) {
      for (Variable v : d.queryVariables()) {
        String key = variableKey(d, v);
        tests.add(DynamicTest.dynamicTest(key, () -> assertOk(key, problems)));
      }
      for (PanelQuery q : d.queries()) {
        String key = q.toString();
        tests.add(DynamicTest.dynamicTest(key, () -> assertOk(key, problems)));
      }
    }
    return tests.stream();
  }

  @Test
  void everyAlertRuleLoadsAndEvaluates() throws Exception {
    JsonNode file = ProjectFiles.yaml(ProjectFiles.path("config/magic-exporter-alerts.yml"));
    Set<String> expected = new TreeSet<>();
    file.path("groups").forEach(g -> g.path("rules").forEach(r -> expected.add(r.path("alert").asText())));

    Map<String, String> health;
    do {
      health = ruleHealth();
      if (health.keySet().equals(expected) && health.values().stream().allMatch("ok"::equals)) {
        return;
      }
      Thread.sleep(1000);
    } while (System.nanoTime() < deadline);
    assertThat(health.keySet()).as("rules Prometheus loaded").isEqualTo(expected);
    assertThat(health).as("rule health (ok = evaluated without error)").allSatisfy((name, h) ->
        assertThat(h).as(name).isEqualTo("ok"));
  }

  @Test
  void everyMetricNameInRulesAndDashboardsExists() throws Exception {
    awaitPanels();
    Set<String> used = new TreeSet<>();
    for (GrafanaDashboard d : dashboards) {
      d.queries().forEach(q -> used.addAll(metricNames(q.expr())));
      d.queryVariables().forEach(v -> used.addAll(metricNames(v.query())));
    }
    JsonNode rules = ProjectFiles.yaml(ProjectFiles.path("config/magic-exporter-alerts.yml"));
    rules.path("groups").forEach(g -> g.path("rules").forEach(r -> used.addAll(metricNames(r.path("expr").asText()))));
    Set<String> exported = new TreeSet<>(prometheus.labelValues("__name__", null));
    Set<String> missing = new TreeSet<>(used);
    missing.removeAll(exported);
    missing.removeAll(CREATED_ON_FIRST_USE);
    assertThat(missing).as("metric names used by the rules or dashboards that the demo does not export "
        + "(a typo, or a family that is never created)").isEmpty();
  }

  @Test
  void kubernetesProbePathsAnswer() throws Exception {
    awaitNonEmpty("cloudflare_connector_up");
    Set<String> paths = new TreeSet<>();
    // The exporter's probes are set in the kustomize base; the overlays add none of their own to it.
    for (String file : List.of("config/kubernetes/base/statefulset.yaml")) {
      for (JsonNode doc : ProjectFiles.yamlDocuments(ProjectFiles.path(file))) {
        doc.findValues("httpGet").forEach(g -> paths.add(g.path("path").asText()));
      }
    }
    assertThat(paths).isNotEmpty();
    for (String path : paths) {
      int status;
      do {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + daemon.metricsPort() + path)).build(), HttpResponse.BodyHandlers.ofString());
        status = r.statusCode();
        if (status != 200) {
          Thread.sleep(500);
        }
      } while (status != 200 && System.nanoTime() < deadline);
      assertThat(status).as("GET " + path).isEqualTo(200);
    }
  }

  // ---------------------------------------------------------------------------------------------

  private Map<String, String> panelProblems;

  /** Evaluates every variable and panel query until all have data or the deadline passes; the problems left. */
  private synchronized Map<String, String> awaitPanels() throws Exception {
    if (panelProblems != null) {
      return panelProblems;
    }
    Map<String, String> problems;
    do {
      problems = evaluateAll();
      if (problems.isEmpty()) {
        break;
      }
      Thread.sleep(SCRAPE_INTERVAL.toMillis());
    } while (System.nanoTime() < deadline);
    panelProblems = problems;
    return problems;
  }

  /**
   * One round over every dashboard. A single-value variable (the connector of the connector
   * dashboard) is tried with each of its values, as a user would pick them: objects differ (a
   * virtual connector has no temperature sensors), so a panel passes when it shows data for some
   * selection. A query that does not parse fails whatever the selection.
   */
  private Map<String, String> evaluateAll() throws InterruptedException {
    Map<String, String> problems = new TreeMap<>();
    for (GrafanaDashboard d : dashboards) {
      List<Map<String, String>> selections = selections(d, problems);
      Map<String, String> failures = new TreeMap<>();
      Set<String> passed = new TreeSet<>();
      for (Map<String, String> values : selections) {
        for (PanelQuery q : d.queries()) {
          String problem = evaluate(q, values);
          if (problem == null) {
            passed.add(q.toString());
          } else {
            failures.putIfAbsent(q.toString(), problem);
          }
        }
      }
      failures.keySet().removeAll(passed);
      failures.forEach((key, problem) -> problems.put(key, selections.size() == 1 ? problem
          : problem + "\n(and no data for any of the " + selections.size() + " selections of the variables)"));
    }
    return problems;
  }

  /** The variable selections to try: multi-value variables with all their values, single-value ones each in turn. */
  private List<Map<String, String>> selections(GrafanaDashboard d, Map<String, String> problems)
      throws InterruptedException {
    List<Map<String, String>> selections = List.of(Map.of());
    for (Variable v : d.queryVariables()) {
      List<Map<String, String>> next = new ArrayList<>();
      String problem = null;
      for (Map<String, String> partial : selections) {
        List<String> choices;
        try {
          LabelValues lv = LabelValues.parse(GrafanaDashboard.interpolate(v.query(), partial));
          List<String> found = prometheus.labelValues(lv.label(), lv.selector());
          if (found.isEmpty()) {
            problem = "no values for " + lv;
            choices = List.of(ANY);
          } else {
            choices = v.multi() ? List.of(GrafanaDashboard.regexOf(found)) : found;
          }
        } catch (IOException | IllegalArgumentException e) {
          problem = e.getMessage();
          choices = List.of(ANY);
        }
        for (String choice : choices) {
          if (next.size() < MAX_SELECTIONS) {
            Map<String, String> values = new LinkedHashMap<>(partial);
            values.put(v.name(), choice);
            next.add(values);
          }
        }
      }
      if (problem != null) {
        problems.put(variableKey(d, v), problem);
      }
      selections = next;
    }
    return selections;
  }

  /** Why {@code q} shows nothing for these variable values, or null when it shows data. */
  private String evaluate(PanelQuery q, Map<String, String> values) throws InterruptedException {
    String expr = null;
    try {
      expr = GrafanaDashboard.interpolate(q.expr(), values);
      JsonNode data = q.instant() ? prometheus.query(expr)
          : prometheus.queryRange(expr, Duration.ofMinutes(1), SCRAPE_INTERVAL);
      return hasNumber(data) ? null : "no data (or only NaN) for\n" + expr;
    } catch (IOException | IllegalArgumentException e) {
      return e.getMessage() + "\n" + (expr != null ? expr : q.expr());
    }
  }

  /** True when the result holds at least one sample that is a number (not NaN). */
  private static boolean hasNumber(JsonNode data) {
    JsonNode result = data.path("result");
    if ("scalar".equals(data.path("resultType").asText())) {
      return !result.path(1).asText().equals("NaN");
    }
    for (JsonNode series : result) {
      if (series.has("value") && !series.path("value").path(1).asText().equals("NaN")) {
        return true;
      }
      for (JsonNode point : series.path("values")) {
        if (!point.path(1).asText().equals("NaN")) {
          return true;
        }
      }
    }
    return false;
  }

  private static String variableKey(GrafanaDashboard d, Variable v) {
    return d.title() + " / variable $" + v.name();
  }

  private static void assertOk(String key, Map<String, String> problems) {
    String problem = problems.get(key);
    if (problem != null) {
      fail(key + ": " + problem);
    }
  }

  private static Set<String> metricNames(String expr) {
    Set<String> out = new TreeSet<>();
    Matcher m = METRIC_NAME.matcher(expr);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private Map<String, String> ruleHealth() throws IOException, InterruptedException {
    Map<String, String> health = new TreeMap<>();
    for (JsonNode g : prometheus.api("/api/v1/rules", Map.of()).path("groups")) {
      for (JsonNode r : g.path("rules")) {
        String h = r.path("health").asText();
        health.put(r.path("name").asText(), "ok".equals(h) ? h : h + " " + r.path("lastError").asText());
      }
    }
    return health;
  }

  private JsonNode awaitNonEmpty(String expr) throws Exception {
    JsonNode data;
    do {
      data = prometheus.query(expr);
      if (!data.path("result").isEmpty()) {
        return data;
      }
      Thread.sleep(500);
    } while (System.nanoTime() < deadline);
    return data;
  }
}
