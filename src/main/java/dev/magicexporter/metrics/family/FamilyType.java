package dev.magicexporter.metrics.family;

/**
 * The kind of a metric family, as Prometheus users see it. {@link #STATESET} is written as a
 * gauge with a state label (kube-state-metrics style, one series per state, value 1 for the
 * current state and 0 for the others) in both text formats, because OpenMetrics' own stateset
 * type would force the label name to equal the metric name.
 */
public enum FamilyType {
  /** An instantaneous value that can go up and down. */
  GAUGE("gauge"),
  /** A cumulative value; the family name ends in {@code _total}. */
  COUNTER("counter"),
  /** Descriptive strings as labels on one series of value 1; the name ends in {@code _info}. */
  INFO("info"),
  /** An enumeration, one-hot over a {@code state}-like label. */
  STATESET("stateset");

  private final String docName;

  FamilyType(String docName) {
    this.docName = docName;
  }

  /** The name used in the metrics reference. */
  public String docName() {
    return docName;
  }
}
