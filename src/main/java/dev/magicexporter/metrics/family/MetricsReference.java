package dev.magicexporter.metrics.family;

import java.util.List;

/**
 * Generates the Markdown metrics reference from family tables, so that the docs and the exposed
 * families cannot disagree. The output is deterministic (table order, then family order).
 */
public final class MetricsReference {
  private MetricsReference() {}

  /** The whole reference document. {@code regenerate} tells readers how to rebuild it. */
  public static String markdown(List<FamilyTable<?>> tables, String regenerate) {
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
    return sb.toString();
  }

  private static String cell(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }

  private static String anchor(String title) {
    return title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9 -]", "").replace(' ', '-');
  }
}
