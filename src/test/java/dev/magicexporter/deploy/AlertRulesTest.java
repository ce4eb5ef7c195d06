package dev.magicexporter.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.magicexporter.metrics.Promtool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The alert rules pass promtool's checks and unit tests, and the unit tests cover every alert both
 * firing and not firing. Fails (never skips) without promtool.
 */
class AlertRulesTest {
  private static final Path RULES = ProjectFiles.path("config/magic-exporter-alerts.yml");
  private static final Path TESTS = ProjectFiles.path("config/magic-exporter-alerts.test.yml");
  private static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");

  @Test
  void promtoolCheckRulesPasses() throws Exception {
    assertPromtool("check", "rules", RULES.toString());
  }

  @Test
  void promtoolUnitTestsPass() throws Exception {
    assertPromtool("test", "rules", TESTS.toString());
  }

  @Test
  void everyAlertIsTestedFiringAndNotFiring() {
    Set<String> alerts = alertNames();
    Set<String> firing = new TreeSet<>();
    Set<String> silent = new TreeSet<>();
    for (JsonNode test : ProjectFiles.yaml(TESTS).path("tests")) {
      for (JsonNode t : test.path("alert_rule_test")) {
        String name = t.path("alertname").asText();
        (t.path("exp_alerts").isEmpty() ? silent : firing).add(name);
      }
    }
    assertThat(firing).as("alerts with a firing case in " + TESTS.getFileName()).containsAll(alerts);
    assertThat(silent).as("alerts with a not-firing case in " + TESTS.getFileName()).containsAll(alerts);
    assertThat(ProjectFiles.yaml(TESTS).path("rule_files").get(0).asText()).isEqualTo(RULES.getFileName().toString());
  }

  @Test
  void everyAlertHasSeverityAndTheAnnotationsOnCallNeeds() {
    List<String> problems = new ArrayList<>();
    for (JsonNode group : ProjectFiles.yaml(RULES).path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        String name = rule.path("alert").asText();
        if (!SEVERITIES.contains(rule.path("labels").path("severity").asText())) {
          problems.add(name + ": severity must be one of " + SEVERITIES);
        }
        for (String a : List.of("summary", "description", "runbook")) {
          if (rule.path("annotations").path(a).asText().isBlank()) {
            problems.add(name + ": no " + a + " annotation");
          }
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  private static Set<String> alertNames() {
    Set<String> names = new TreeSet<>();
    for (JsonNode group : ProjectFiles.yaml(RULES).path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        assertThat(rule.has("alert")).as("only alerting rules in " + RULES.getFileName()).isTrue();
        assertThat(names.add(rule.path("alert").asText())).as("unique alert name " + rule.path("alert")).isTrue();
      }
    }
    return names;
  }

  private static void assertPromtool(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Promtool.binary().toString());
    cmd.addAll(List.of(args));
    // Run from config/ as a user would: rule_files in the test file are relative to it.
    Process p = new ProcessBuilder(cmd).directory(RULES.getParent().toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
    assertThat(p.exitValue()).as("promtool " + String.join(" ", args) + "\n" + out).isZero();
  }
}
