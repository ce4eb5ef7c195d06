package dev.magicexporter.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Grafana dashboard JSON file as the tests see it: its template variables and every Prometheus
 * query of its panels (rows' nested panels included), with Grafana's variable interpolation.
 */
public record GrafanaDashboard(Path file, JsonNode json) {
  /** A panel's query. */
  public record PanelQuery(String dashboard, int panelId, String panel, String refId, String expr, boolean instant) {
    @Override
    public String toString() {
      return dashboard + " / " + panel + " (panel " + panelId + ") / " + refId;
    }
  }

  /** A query variable backed by {@code label_values(...)}. */
  public record Variable(String name, String query, boolean multi) {}

  /** {@code label_values(selector, label)} or {@code label_values(label)}. */
  public record LabelValues(String selector, String label) {
    private static final Pattern FORM = Pattern.compile("^\\s*label_values\\(\\s*(?:(.+),\\s*)?(\\w+)\\s*\\)\\s*$",
        Pattern.DOTALL);

    public static LabelValues parse(String query) {
      Matcher m = FORM.matcher(query);
      if (!m.matches()) {
        throw new IllegalArgumentException("not a label_values(...) query: " + query);
      }
      return new LabelValues(m.group(1), m.group(2));
    }
  }

  /** Values for Grafana's built-in interval variables when a query is run outside Grafana. */
  public static final Map<String, String> BUILT_INS = Map.of(
      "__rate_interval", "1m",
      "__interval", "1m",
      "__interval_ms", "60000",
      "__range", "5m",
      "__range_s", "300",
      "__range_ms", "300000");

  private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::\\w+)?}|\\[\\[(\\w+)]]|\\$(\\w+)");

  /** Every {@code *.json} in {@code dir} (not recursive), sorted by file name. */
  public static List<GrafanaDashboard> loadAll(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted()
          .map(f -> new GrafanaDashboard(f, ProjectFiles.json(f))).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String uid() {
    return json.path("uid").asText();
  }

  public String title() {
    return json.path("title").asText();
  }

  /** Panels in document order, each row's nested panels after the row. */
  public List<JsonNode> panels() {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode p : json.path("panels")) {
      out.add(p);
      for (JsonNode nested : p.path("panels")) {
        out.add(nested);
      }
    }
    return out;
  }

  public List<JsonNode> templateVariables() {
    List<JsonNode> out = new ArrayList<>();
    json.path("templating").path("list").forEach(out::add);
    return out;
  }

  /** The query variables, in order (a variable may use the ones before it). */
  public List<Variable> queryVariables() {
    List<Variable> out = new ArrayList<>();
    for (JsonNode v : templateVariables()) {
      if (!"query".equals(v.path("type").asText())) {
        continue;
      }
      JsonNode q = v.path("query");
      String query = q.isObject() ? q.path("query").asText() : q.asText();
      out.add(new Variable(v.path("name").asText(), query, v.path("multi").asBoolean() || v.path("includeAll").asBoolean()));
    }
    return out;
  }

  public List<PanelQuery> queries() {
    List<PanelQuery> out = new ArrayList<>();
    for (JsonNode p : panels()) {
      for (JsonNode t : p.path("targets")) {
        if (t.hasNonNull("expr")) {
          out.add(new PanelQuery(title(), p.path("id").asInt(), p.path("title").asText(), t.path("refId").asText(),
              t.path("expr").asText(), t.path("instant").asBoolean() && !t.path("range").asBoolean()));
        }
      }
    }
    return out;
  }

  /**
   * Replaces {@code $name}, {@code ${name}}, {@code ${name:format}} and {@code [[name]]} with the given
   * values or {@link #BUILT_INS}; fails on a variable that has neither.
   */
  public static String interpolate(String text, Map<String, String> values) {
    Matcher m = VARIABLE.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
      String value = values.containsKey(name) ? values.get(name) : BUILT_INS.get(name);
      if (value == null) {
        throw new IllegalArgumentException("unknown variable $" + name + " in: " + text);
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(value));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /**
   * A multi-value selection as Grafana sends it to Prometheus: the values, each escaped for a RE2
   * regular expression inside a PromQL string, joined with {@code |}.
   */
  public static String regexOf(List<String> values) {
    List<String> escaped = values.stream()
        .map(v -> v.replaceAll("([\\\\.+*?()|\\[\\]{}^$])", "\\\\\\\\$1")).toList();
    return escaped.size() == 1 ? escaped.get(0) : "(" + String.join("|", escaped) + ")";
  }
}
