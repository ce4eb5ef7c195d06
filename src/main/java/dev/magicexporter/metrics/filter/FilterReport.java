package dev.magicexporter.metrics.filter;

import dev.magicexporter.metrics.family.Family;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What a {@link MetricFilter} does to the families of this daemon, for the start-up log and
 * {@code /status}: one rule per configured pattern or label, with the families it affects.
 *
 * @param rules in configuration order
 */
public record FilterReport(List<Rule> rules) {
  /**
   * @param list {@code allowlist}, {@code denylist} or {@code label_denylist}
   * @param value the pattern or label name
   * @param effect what it does, e.g. "excludes 3 families" or "dropped from 2 families"
   * @param families the families concerned (excluded, kept, or losing the label)
   * @param refused for a label: families where it stays because removing it could merge series
   */
  public record Rule(String list, String value, String effect, List<String> families, List<String> refused) {}

  /** The report of {@code filter} over the object families and the registry's family names. */
  public static FilterReport of(MetricFilter filter, List<Family<?>> families, List<String> registryNames) {
    TreeSet<String> names = new TreeSet<>(registryNames);
    families.forEach(f -> names.add(f.name()));
    List<Rule> rules = new ArrayList<>();
    boolean allow = !filter.allowlist().isEmpty();
    for (String p : allow ? filter.allowlist() : filter.denylist()) {
      java.util.regex.Pattern re = java.util.regex.Pattern.compile(p);
      List<String> matched = names.stream().filter(n -> re.matcher(n).find()).toList();
      rules.add(new Rule(allow ? "allowlist" : "denylist", p,
          (allow ? "keeps " : "excludes ") + matched.size() + " families", matched, List.of()));
    }
    if (allow) {
      List<String> excluded = names.stream().filter(n -> !filter.includes(n)).toList();
      rules.add(new Rule("allowlist", "(no pattern matched)", "excludes " + excluded.size() + " families",
          excluded, List.of()));
    }
    for (String label : filter.labelDenylist()) {
      List<String> dropped = new ArrayList<>();
      List<String> refused = new ArrayList<>();
      for (Family<?> f : families) {
        if (f.labelNames().contains(label) && filter.includes(f.name())) {
          (f.droppableLabels().contains(label) ? dropped : refused).add(f.name());
        }
      }
      String effect = "dropped from " + dropped.size() + " families";
      if (!refused.isEmpty()) {
        effect += "; kept in " + refused.size() + " where removing it could merge series";
      }
      if (dropped.isEmpty() && refused.isEmpty()) {
        effect = "no exposed family has this label";
      }
      rules.add(new Rule("label_denylist", label, effect, dropped, refused));
    }
    return new FilterReport(List.copyOf(rules));
  }

  /** One line per rule, for the start-up log. */
  public List<String> lines() {
    List<String> out = new ArrayList<>();
    for (Rule r : rules) {
      String s = "metric filter " + r.list() + " '" + r.value() + "': " + r.effect();
      if (!r.refused().isEmpty()) {
        s += " (" + String.join(", ", r.refused()) + ")";
      }
      out.add(s);
    }
    return out;
  }

  /** The rules as JSON-ready maps (keys {@code list, value, effect, families, refused}). */
  public List<Map<String, Object>> asMaps() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Rule r : rules) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("list", r.list());
      m.put("value", r.value());
      m.put("effect", r.effect());
      m.put("families", r.families());
      m.put("refused", r.refused());
      out.add(m);
    }
    return out;
  }
}
