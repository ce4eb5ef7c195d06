package dev.magicexporter.metrics.family;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * All metric families of one kind of object (connectors, connector snapshots, tunnels, ...), with
 * the common labels that one wrapper adds to every series of the table. One table is one section
 * of the generated metrics reference.
 *
 * @param title section title in the metrics reference
 * @param description what the objects are and where they come from (one paragraph of Markdown)
 * @param commonLabels labels that every series of the table carries first, e.g.
 *     {@code account_id, connector_id}
 * @param families the families, in exposition order
 */
public record FamilyTable<T>(String title, String description, List<String> commonLabels, List<Family<T>> families) {
  public FamilyTable {
    commonLabels = List.copyOf(commonLabels);
    families = List.copyOf(families);
    Set<String> names = new HashSet<>();
    for (Family<T> f : families) {
      if (!names.add(f.name())) {
        throw new IllegalArgumentException(title + ": family " + f.name() + " appears twice");
      }
      for (String l : f.labelNames()) {
        if (commonLabels.contains(l)) {
          throw new IllegalArgumentException(f.name() + ": label " + l + " is already a common label");
        }
      }
    }
  }

  /** Common label values for one object of this table. */
  public LabelValues labels(String... values) {
    return LabelValues.of(commonLabels, values);
  }

  /** A row of this table. */
  public Row<T> row(T object, String... commonLabelValues) {
    return new Row<>(labels(commonLabelValues), object);
  }
}
