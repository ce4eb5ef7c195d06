package dev.magicexporter.metrics.family;

/**
 * Receives the samples an {@link Extractor} finds in one object for one family. Label values are
 * given in the order of {@link Family#labelNames()} (the family's own labels, after the common
 * labels that the table adds). A NaN value means "absent" and produces no series, so an extractor
 * can pass an optional field through without checking it. Values are raw API values; the family's
 * {@link Conversion} is applied by the renderer.
 *
 * <p>The fixed-arity methods exist so that the hot scrape path allocates no label arrays.
 */
public interface SampleSink {
  /** A sample of a family without labels of its own. */
  void sample(double rawValue);

  /** A sample of a family with one label of its own. */
  void sample(String label1, double rawValue);

  /** A sample of a family with two labels of its own. */
  void sample(String label1, String label2, double rawValue);

  /** A sample of a family with any number of labels of its own. */
  void sample(String[] labels, double rawValue);
}
