package dev.magicexporter.metrics.family;

/**
 * One immutable object to render with its common label values. Stores keep rows (built once per
 * poll) so that a scrape allocates nothing per object.
 */
public record Row<T>(LabelValues labels, T object) {
  public Row {
    if (labels == null || object == null) {
      throw new IllegalArgumentException("a row needs labels and an object");
    }
  }
}
