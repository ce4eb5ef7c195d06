package dev.magicexporter.metrics;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Renders the whole registry for one scrape, choosing Prometheus text or OpenMetrics from the
 * {@code Accept} header. Reads only in-memory state.
 */
public final class MetricsEndpoint {
  private final Metrics metrics;
  private final ExpositionFormats formats = ExpositionFormats.init();

  public MetricsEndpoint(Metrics metrics) {
    this.metrics = metrics;
  }

  /** The writer for this Accept header; its {@code getContentType()} goes on the response. */
  public ExpositionFormatWriter writerFor(String accept) {
    return formats.findWriter(accept);
  }

  public void scrape(ExpositionFormatWriter writer, OutputStream out) throws IOException {
    MetricSnapshots snapshots = metrics.prometheusRegistry().scrape();
    writer.write(out, snapshots);
  }
}
