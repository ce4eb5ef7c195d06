package dev.magicexporter.metrics.family;

import io.prometheus.metrics.model.registry.MultiCollector;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * Renders one {@link FamilyTable} over the rows a store holds at scrape time. {@code rows} must
 * return the current immutable rows quickly and without I/O (e.g. the values of a concurrent map
 * of rows swapped in by a poller); they are read once per scrape so that every family of the
 * table sees the same set of objects.
 *
 * <p>Register it with {@code Metrics.register(FamilyCollector)}: the metrics endpoint writes it
 * straight to the scrape response. {@link #asMultiCollector()} offers the same series as
 * client_java snapshots for code that needs a {@code PrometheusRegistry}.
 */
public final class FamilyCollector<T> {
  private final FamilyTable<T> table;
  private final Supplier<? extends Collection<Row<T>>> rows;

  public FamilyCollector(FamilyTable<T> table, Supplier<? extends Collection<Row<T>>> rows) {
    this.table = table;
    this.rows = rows;
  }

  public FamilyTable<T> table() {
    return table;
  }

  /** The rows as of now, as a list that no later store update changes. */
  public List<Row<T>> rows() {
    Collection<Row<T>> r = rows.get();
    if (r instanceof List<Row<T>> l) {
      return l;
    }
    return new ArrayList<>(r);
  }

  /** Writes every family of the table to the scrape. */
  public void write(FamilyWriter writer) {
    writer.write(table, rows());
  }

  /** The same series as client_java snapshots (slower; for registries and cross-checks). */
  public MultiCollector asMultiCollector() {
    return new SnapshotAdapter<>(this);
  }
}
