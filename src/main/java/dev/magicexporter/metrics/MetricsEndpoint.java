package dev.magicexporter.metrics;

import dev.magicexporter.metrics.family.FamilyCollector;
import dev.magicexporter.metrics.family.FamilyWriter;
import dev.magicexporter.metrics.family.TextFormat;
import dev.magicexporter.metrics.filter.FilterReport;
import dev.magicexporter.metrics.filter.MetricFilter;
import dev.magicexporter.metrics.scrape.ScrapeCache;
import dev.magicexporter.metrics.scrape.Selection;
import dev.magicexporter.metrics.self.SelfMetrics;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders the whole registry for one scrape, choosing Prometheus text or OpenMetrics from the
 * {@code Accept} header, then appends the {@link FamilyCollector}s registered on {@link Metrics}
 * in the same format, all through the {@link MetricFilter}. Reads only in-memory state.
 *
 * <p>Two ways to the same content:
 *
 * <ul>
 *   <li>{@link #scrapeGzip} (clients that accept gzip: every Prometheus) writes the collectors'
 *       families as gzip members kept by the {@link ScrapeCache}, rendered and compressed once per
 *       change of their objects, for both text formats (sample lines are the same in both; only
 *       the HELP/TYPE members differ). The registry's own metrics and live families are
 *       compressed on each scrape.
 *   <li>{@link #scrape} (no compression: curl, tests) renders everything live. Decompressing the
 *       cache would cost more than rendering: the writer produces text several times faster than
 *       inflate can restore it, and plain scrapes are rare.
 * </ul>
 *
 * <p>Only the two text formats are offered: family collectors write text directly, so a client
 * asking for protobuf gets the Prometheus text format (Prometheus falls back to it by design).
 */
public final class MetricsEndpoint {
  private static final byte[] EOF = "# EOF\n".getBytes(StandardCharsets.US_ASCII);

  private final Metrics metrics;
  private final MetricFilter filter;
  private final ExpositionFormats formats = ExpositionFormats.init();
  private final ScrapeCache cache = new ScrapeCache();
  private final Map<FamilyCollector<?>, Selection<?>> selections = new ConcurrentHashMap<>();

  public MetricsEndpoint(Metrics metrics) {
    this(metrics, MetricFilter.NONE);
  }

  public MetricsEndpoint(Metrics metrics, MetricFilter filter) {
    this.metrics = metrics;
    this.filter = filter;
    SelfMetrics.SCRAPE_CACHE_BYTES.gauge(metrics.registry(), cache, c -> c.stats().bytes());
    SelfMetrics.SCRAPE_CACHE_RENDERED.functionCounter(metrics.registry(), cache, c -> c.stats().renderedBytes());
    SelfMetrics.SCRAPE_CACHE_COMPRESSED.functionCounter(metrics.registry(), cache, c -> c.stats().compressedBytes());
  }

  /** The writer for this Accept header; its {@code getContentType()} goes on the response. */
  public ExpositionFormatWriter writerFor(String accept) {
    ExpositionFormatWriter w = formats.findWriter(accept);
    if (w instanceof OpenMetricsTextFormatWriter || w instanceof PrometheusTextFormatWriter) {
      return w;
    }
    return formats.getPrometheusTextFormatWriter();
  }

  /**
   * Whether an {@code Accept-Encoding} header accepts gzip ({@code gzip}, {@code x-gzip} or
   * {@code *} with a non-zero quality).
   */
  public static boolean acceptsGzip(String acceptEncoding) {
    if (acceptEncoding == null) {
      return false;
    }
    for (String item : acceptEncoding.split(",")) {
      String[] parts = item.split(";");
      String coding = parts[0].strip().toLowerCase(Locale.ROOT);
      if (!coding.equals("gzip") && !coding.equals("x-gzip") && !coding.equals("*")) {
        continue;
      }
      double q = 1;
      for (int i = 1; i < parts.length; i++) {
        String p = parts[i].strip().toLowerCase(Locale.ROOT);
        if (p.startsWith("q=")) {
          try {
            q = Double.parseDouble(p.substring(2));
          } catch (NumberFormatException e) {
            q = 0;
          }
        }
      }
      if (q > 0) {
        return true;
      }
    }
    return false;
  }

  /** The filter every scrape goes through. */
  public MetricFilter filter() {
    return filter;
  }

  /** What the filter does to the registered families and the registry's metrics. */
  public FilterReport filterReport() {
    List<dev.magicexporter.metrics.family.Family<?>> families = new ArrayList<>();
    for (FamilyCollector<?> c : metrics.familyCollectors()) {
      families.addAll(c.table().families());
    }
    List<String> registry = new ArrayList<>();
    for (MetricSnapshot s : metrics.prometheusRegistry().scrape()) {
      registry.add(familyName(s));
    }
    return FilterReport.of(filter, families, registry);
  }

  /** What the scrape cache holds and has done. */
  public ScrapeCache.Stats cacheStats() {
    return cache.stats();
  }

  /** An uncompressed scrape, rendered live. */
  public void scrape(ExpositionFormatWriter writer, OutputStream out) throws IOException {
    boolean openMetrics = writer instanceof OpenMetricsTextFormatWriter;
    writeRegistry(writer, out);
    FamilyWriter families = new FamilyWriter(openMetrics ? TextFormat.OPENMETRICS : TextFormat.PROMETHEUS, out);
    try {
      for (Selection<?> s : selections()) {
        write(families, s);
      }
      families.finish();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    if (openMetrics) {
      out.write(EOF);
    }
  }

  /**
   * A gzip scrape: a sequence of gzip members (send it with {@code Content-Encoding: gzip} and do
   * not compress it again) whose text is what {@link #scrape} writes, family by family.
   */
  public void scrapeGzip(ExpositionFormatWriter writer, OutputStream out) throws IOException {
    boolean openMetrics = writer instanceof OpenMetricsTextFormatWriter;
    cache.writeGzip(selections(), openMetrics ? TextFormat.OPENMETRICS : TextFormat.PROMETHEUS,
        gz -> writeRegistry(writer, gz), gz -> {
          if (openMetrics) {
            gz.write(EOF);
          }
        }, out);
  }

  private static <T> void write(FamilyWriter w, Selection<T> s) {
    var rows = s.collector().rows();
    for (int i = 0; i < s.families().size(); i++) {
      w.write(s.families().get(i), rows, s.keep(i));
    }
  }

  private List<Selection<?>> selections() {
    List<FamilyCollector<?>> collectors = metrics.familyCollectors();
    List<Selection<?>> out = new ArrayList<>(collectors.size());
    for (FamilyCollector<?> c : collectors) {
      out.add(selections.computeIfAbsent(c, k -> Selection.of(k, filter)));
    }
    if (selections.size() > collectors.size()) {
      selections.keySet().retainAll(collectors);
    }
    return out;
  }

  private void writeRegistry(ExpositionFormatWriter writer, OutputStream out) throws IOException {
    MetricSnapshots snapshots = filtered(metrics.prometheusRegistry().scrape());
    if (!(writer instanceof OpenMetricsTextFormatWriter)) {
      writer.write(out, snapshots);
      return;
    }
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

  private MetricSnapshots filtered(MetricSnapshots all) {
    if (filter.allowlist().isEmpty() && filter.denylist().isEmpty()) {
      return all;
    }
    List<MetricSnapshot> kept = new ArrayList<>(all.size());
    for (MetricSnapshot s : all) {
      if (filter.includes(familyName(s))) {
        kept.add(s);
      }
    }
    return new MetricSnapshots(kept);
  }

  /** The name on the family's {@code # TYPE} line in the Prometheus text format. */
  static String familyName(MetricSnapshot s) {
    String name = s.getMetadata().getPrometheusName();
    if (s instanceof io.prometheus.metrics.model.snapshots.CounterSnapshot) {
      return name + "_total";
    }
    if (s instanceof io.prometheus.metrics.model.snapshots.InfoSnapshot) {
      return name + "_info";
    }
    return name;
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
