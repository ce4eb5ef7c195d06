package dev.magicexporter.metrics.family;

/** The two text exposition formats the family renderer writes. */
public enum TextFormat {
  /** Prometheus text format 0.0.4. */
  PROMETHEUS("text/plain; version=0.0.4; charset=utf-8"),
  /** OpenMetrics 1.0 text; the endpoint closes the whole exposition with {@code # EOF}. */
  OPENMETRICS("application/openmetrics-text; version=1.0.0; charset=utf-8");

  private final String contentType;

  TextFormat(String contentType) {
    this.contentType = contentType;
  }

  public String contentType() {
    return contentType;
  }
}
