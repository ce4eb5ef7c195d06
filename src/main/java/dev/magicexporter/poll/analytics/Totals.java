package dev.magicexporter.poll.analytics;

import dev.magicexporter.model.analytics.AnalyticsGroup;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Running totals per group: what counted windows add up to. */
final class Totals {
  private Totals() {}

  /** Orders groups by their dimension values, element by element. */
  static final Comparator<List<String>> KEY_ORDER = (a, b) -> {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = a.get(i).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  };

  /**
   * {@code totals} plus the sums of one window. An absent (NaN) or negative value adds nothing:
   * a counter never goes back. Groups that appear twice in the window are added up.
   */
  static List<AnalyticsGroup> add(List<AnalyticsGroup> totals, List<AnalyticsGroup> window, int values) {
    Map<List<String>, double[]> sums = new TreeMap<>(KEY_ORDER);
    for (AnalyticsGroup g : totals) {
      add(sums, g, values);
    }
    for (AnalyticsGroup g : window) {
      add(sums, g, values);
    }
    List<AnalyticsGroup> out = new ArrayList<>(sums.size());
    sums.forEach((k, v) -> out.add(new AnalyticsGroup(k, Arrays.stream(v).boxed().toList())));
    return out;
  }

  private static void add(Map<List<String>, double[]> sums, AnalyticsGroup g, int values) {
    double[] s = sums.computeIfAbsent(g.dimensions(), k -> new double[values]);
    for (int i = 0; i < values; i++) {
      double v = i < g.values().size() ? g.value(i) : Double.NaN;
      if (v > 0 && Double.isFinite(v)) {
        s[i] += v;
      }
    }
  }

  /** Groups ordered by their dimensions (gauges are published in this order). */
  static List<AnalyticsGroup> sorted(List<AnalyticsGroup> groups) {
    List<AnalyticsGroup> out = new ArrayList<>(groups);
    out.sort((a, b) -> KEY_ORDER.compare(a.dimensions(), b.dimensions()));
    return out;
  }
}
