package dev.magicexporter.metrics;

import dev.magicexporter.metrics.family.FamilyCollector;
import dev.magicexporter.metrics.family.FamilyWriter;
import dev.magicexporter.metrics.family.TextFormat;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Renders the whole registry for one scrape, choosing Prometheus text or OpenMetrics from the
 * {@code Accept} header, then appends the {@link FamilyCollector}s registered on {@link Metrics}
 * in the same format. Reads only in-memory state.
 *
 * <p>Only the two text formats are offered: family collectors write text directly, so a client
 * asking for protobuf gets the Prometheus text format (Prometheus falls back to it by design).
 */
public final class MetricsEndpoint {
  private static final byte[] EOF = "# EOF\n".getBytes(StandardCharsets.US_ASCII);

  private final Metrics metrics;
  private final ExpositionFormats formats = ExpositionFormats.init();

  public MetricsEndpoint(Metrics metrics) {
    this.metrics = metrics;
  }

  /** The writer for this Accept header; its {@code getContentType()} goes on the response. */
  public ExpositionFormatWriter writerFor(String accept) {
    ExpositionFormatWriter w = formats.findWriter(accept);
    if (w instanceof OpenMetricsTextFormatWriter || w instanceof PrometheusTextFormatWriter) {
      return w;
    }
    return formats.getPrometheusTextFormatWriter();
  }

  public void scrape(ExpositionFormatWriter writer, OutputStream out) throws IOException {
    MetricSnapshots snapshots = metrics.prometheusRegistry().scrape();
    boolean openMetrics = writer instanceof OpenMetricsTextFormatWriter;
    if (!openMetrics) {
      writer.write(out, snapshots);
    } else {
      // client_java closes OpenMetrics with "# EOF"; the families must come before it.
      ByteArrayOutputStream registryText = new ByteArrayOutputStream(64 * 1024);
      writer.write(registryText, snapshots);
      byte[] b = registryText.toByteArray();
      int len = b.length;
      if (endsWith(b, EOF)) {
        len -= EOF.length;
      }
      out.write(b, 0, len);
    }
    FamilyWriter families = new FamilyWriter(openMetrics ? TextFormat.OPENMETRICS : TextFormat.PROMETHEUS, out);
    try {
      for (FamilyCollector<?> c : metrics.familyCollectors()) {
        c.write(families);
      }
      families.finish();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    if (openMetrics) {
      out.write(EOF);
    }
  }

  private static boolean endsWith(byte[] b, byte[] suffix) {
    if (b.length < suffix.length) {
      return false;
    }
    for (int i = 0; i < suffix.length; i++) {
      if (b[b.length - suffix.length + i] != suffix[i]) {
        return false;
      }
    }
    return true;
  }
}
