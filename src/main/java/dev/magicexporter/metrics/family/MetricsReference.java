package dev.magicexporter.metrics.family;

import dev.magicexporter.metrics.self.SelfMetric;
import dev.magicexporter.metrics.self.SelfMetricTable;
import java.util.List;

/**
 * Generates the Markdown metrics reference from family tables, so that the docs and the exposed
 * families cannot disagree. The output is deterministic (table order, then family order).
 */
public final class MetricsReference {
  private MetricsReference() {}

  /** The reference of object families only. */
  public static String markdown(List<FamilyTable<?>> tables, String regenerate) {
    return markdown(tables, List.of(), regenerate);
  }

  /**
   * The whole reference document: the object families, then the daemon's own metrics.
   * {@code regenerate} tells readers how to rebuild it.
   */
  public static String markdown(List<FamilyTable<?>> tables, List<SelfMetricTable> self, String regenerate) {
    StringBuilder sb = new StringBuilder();
    sb.append("# Metrics reference\n\n");
    sb.append("Generated from the metric family tables; do not edit by hand. To regenerate: ")
        .append(regenerate).append("\n\n");
    sb.append("Types: `counter` (cumulative, name ends in `_total`), `gauge`, `info` (one series of value 1 ")
        .append("whose labels describe the object; a gauge in the Prometheus text format), `stateset` ")
        .append("(one-hot enumeration: one series per state, 1 for the current state; exposed as a gauge). ")
        .append("A field absent from the API response produces no series, never a 0. Labels marked \\* ")
        .append("can be left out with `metrics.label_denylist` (removing them merges no series).\n\n");
    sb.append("## Contents\n\n");
    for (FamilyTable<?> t : tables) {
      sb.append("- [").append(t.title()).append("](#").append(anchor(t.title())).append(") (")
          .append(t.families().size()).append(" families)\n");
    }
    for (SelfMetricTable t : self) {
      sb.append("- [").append(t.title()).append("](#").append(anchor(t.title())).append(") (")
          .append(t.metrics().size()).append(" families, the exporter's own)\n");
    }
    for (FamilyTable<?> t : tables) {
      sb.append("\n## ").append(t.title()).append("\n\n");
      sb.append(t.description().strip()).append("\n\n");
      sb.append("Common labels on every series of this section: ");
      if (t.commonLabels().isEmpty()) {
        sb.append("none");
      } else {
        for (int i = 0; i < t.commonLabels().size(); i++) {
          sb.append(i > 0 ? ", " : "").append('`').append(t.commonLabels().get(i)).append('`');
        }
      }
      sb.append(".\n\n");
      sb.append("| Metric | Type | Labels | Source | Conversion | Description |\n");
      sb.append("|---|---|---|---|---|---|\n");
      for (Family<?> f : t.families()) {
        sb.append("| `").append(f.name()).append("` | ").append(f.type().docName()).append(" | ");
        for (int i = 0; i < f.labelNames().size(); i++) {
          String l = f.labelNames().get(i);
          sb.append(i > 0 ? ", " : "").append('`').append(l).append('`')
              .append(f.droppableLabels().contains(l) ? "\\*" : "");
        }
        sb.append(" | ").append(f.source().isEmpty() ? "" : "`" + cell(f.source()) + "`");
        sb.append(" | ").append(cell(f.conversion().doc()));
        sb.append(" | ").append(cell(f.help())).append(" |\n");
      }
    }
    for (SelfMetricTable t : self) {
      selfTable(sb, t);
    }
    return sb.toString();
  }

  private static void selfTable(StringBuilder sb, SelfMetricTable t) {
    sb.append("\n## ").append(t.title()).append("\n\n");
    sb.append(t.description().strip()).append(" The exporter's own metrics (`").append(SelfMetric.PREFIX)
        .append("*`); a summary or histogram also exposes `<name>_max`, the largest value of the last minutes.\n\n");
    sb.append("| Metric | Type | Labels | Description |\n");
    sb.append("|---|---|---|---|\n");
    for (SelfMetric m : t.metrics()) {
      sb.append("| `").append(m.name()).append("` | ").append(m.type().docName()).append(" | ");
      for (int i = 0; i < m.labels().size(); i++) {
        sb.append(i > 0 ? ", " : "").append('`').append(m.labels().get(i)).append('`');
      }
      sb.append(" | ").append(cell(m.help())).append(" |\n");
    }
  }

  private static String cell(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }

  private static String anchor(String title) {
    return title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9 -]", "").replace(' ', '-');
  }
}
