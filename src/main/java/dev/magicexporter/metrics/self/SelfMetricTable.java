package dev.magicexporter.metrics.self;

import java.util.List;

/**
 * A section of the metrics reference for the daemon's own metrics: what they are about and each
 * declaration, in reference order.
 */
public record SelfMetricTable(String title, String description, List<SelfMetric> metrics) {
  public SelfMetricTable {
    metrics = List.copyOf(metrics);
    if (metrics.isEmpty()) {
      throw new IllegalArgumentException(title + ": a table without metrics");
    }
  }

  public static SelfMetricTable of(String title, String description, SelfMetric... metrics) {
    return new SelfMetricTable(title, description, List.of(metrics));
  }
}
