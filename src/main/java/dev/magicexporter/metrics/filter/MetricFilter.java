package dev.magicexporter.metrics.filter;

import dev.magicexporter.metrics.family.Family;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which metric families a scrape exposes and which labels it leaves out, decided once per family
 * (never per sample): a filtered family is neither rendered nor cached.
 *
 * <ul>
 *   <li>Allow or deny list of family-name patterns, as kube-state-metrics' {@code
 *       --metric-allowlist} / {@code --metric-denylist}: regular expressions matched anywhere in
 *       the family name (write {@code ^name$} for an exact name), and the two lists are mutually
 *       exclusive. The family name is the one on the {@code # TYPE} line of the Prometheus text
 *       format, e.g. {@code cloudflare_connector_cpu_seconds_total}.
 *   <li>Label deny list: own labels of a family (never the object's identity labels such as
 *       {@code connector_id}) left out where that is safe, i.e. where the family declares the label
 *       droppable ({@link Family#droppableLabels()}: no two samples of one object differ only in it,
 *       so no series merge). Elsewhere the label stays and {@link FilterReport} says why.
 * </ul>
 */
public final class MetricFilter {
  /** Exposes everything. */
  public static final MetricFilter NONE = new MetricFilter(List.of(), List.of(), List.of());

  private final List<String> allow;
  private final List<String> deny;
  private final List<String> labelDeny;
  private final List<Pattern> patterns;
  private final Map<String, Boolean> decided = new ConcurrentHashMap<>();

  private MetricFilter(List<String> allow, List<String> deny, List<String> labelDeny) {
    this.allow = List.copyOf(allow);
    this.deny = List.copyOf(deny);
    this.labelDeny = List.copyOf(labelDeny);
    List<Pattern> p = new ArrayList<>();
    for (String s : allow.isEmpty() ? deny : allow) {
      p.add(Pattern.compile(s));
    }
    this.patterns = List.copyOf(p);
  }

  /**
   * @throws IllegalArgumentException with a message naming the list and the pattern when a
   *     pattern is not a valid regular expression, a label name is invalid, or both lists are set
   */
  public static MetricFilter of(List<String> allow, List<String> deny, List<String> labelDeny) {
    allow = clean(allow);
    deny = clean(deny);
    labelDeny = clean(labelDeny);
    if (!allow.isEmpty() && !deny.isEmpty()) {
      throw new IllegalArgumentException("metrics.allowlist and metrics.denylist are mutually exclusive "
          + "(as kube-state-metrics' flags): set one of them");
    }
    for (String s : allow.isEmpty() ? deny : allow) {
      try {
        Pattern.compile(s);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException((allow.isEmpty() ? "metrics.denylist" : "metrics.allowlist")
            + ": invalid regular expression '" + s + "': " + e.getDescription());
      }
    }
    for (String l : labelDeny) {
      if (!l.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
        throw new IllegalArgumentException("metrics.label_denylist: '" + l + "' is not a label name");
      }
    }
    return new MetricFilter(allow, deny, labelDeny);
  }

  private static List<String> clean(List<String> l) {
    return l == null ? List.of() : l.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  public List<String> allowlist() {
    return allow;
  }

  public List<String> denylist() {
    return deny;
  }

  public List<String> labelDenylist() {
    return labelDeny;
  }

  /** True when nothing is filtered. */
  public boolean isEmpty() {
    return allow.isEmpty() && deny.isEmpty() && labelDeny.isEmpty();
  }

  /** Whether the family of this name (as on its {@code # TYPE} line) is exposed; memoised per name. */
  public boolean includes(String familyName) {
    if (patterns.isEmpty()) {
      return true;
    }
    Boolean d = decided.get(familyName);
    if (d == null) {
      boolean matched = false;
      for (Pattern p : patterns) {
        if (p.matcher(familyName).find()) {
          matched = true;
          break;
        }
      }
      d = allow.isEmpty() != matched;
      decided.put(familyName, d);
    }
    return d;
  }

  /**
   * The own labels of {@code family} that are written (index as in {@link Family#labelNames()}),
   * or null when all are: a denied label goes only if the family declares it droppable.
   */
  public boolean[] keptLabels(Family<?> family) {
    boolean[] keep = null;
    List<String> own = family.labelNames();
    for (int i = 0; i < own.size(); i++) {
      if (labelDeny.contains(own.get(i)) && family.droppableLabels().contains(own.get(i))) {
        if (keep == null) {
          keep = new boolean[own.size()];
          java.util.Arrays.fill(keep, true);
        }
        keep[i] = false;
      }
    }
    return keep;
  }

  @Override
  public String toString() {
    if (isEmpty()) {
      return "no metric filter";
    }
    List<String> parts = new ArrayList<>();
    if (!allow.isEmpty()) {
      parts.add("allowlist " + allow);
    }
    if (!deny.isEmpty()) {
      parts.add("denylist " + deny);
    }
    if (!labelDeny.isEmpty()) {
      parts.add("label denylist " + labelDeny);
    }
    return String.join(", ", parts);
  }
}
