package dev.magicexporter.metrics.family;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes families straight to a scrape's output stream in Prometheus text or OpenMetrics format,
 * without building client_java {@code MetricSnapshots}: at hundreds of thousands of series those
 * objects (labels, data points, sorting) cost more than the text itself. One writer serves one
 * scrape; call {@link #finish()} at the end (it does not write OpenMetrics' {@code # EOF}, the
 * endpoint does, after every collector has written).
 *
 * <p>Sample lines are the same in both formats; only the HELP and TYPE lines differ. A writer
 * made with {@link #samplesOnly} writes no HELP and TYPE lines, so the sample text it renders
 * can be cached once for both formats and the header added from {@link #header}.
 */
public final class FamilyWriter {
  private final TextFormat format;
  private final boolean headers;
  private final ExpositionBuffer buf;
  private final RowSink sink = new RowSink();
  private long samples;

  public FamilyWriter(TextFormat format, OutputStream out) {
    this(format, out, true);
  }

  private FamilyWriter(TextFormat format, OutputStream out, boolean headers) {
    this.format = format;
    this.headers = headers;
    this.buf = new ExpositionBuffer(out, 32 * 1024);
  }

  /** A writer of sample lines only, valid in both formats. */
  public static FamilyWriter samplesOnly(OutputStream out) {
    return new FamilyWriter(TextFormat.PROMETHEUS, out, false);
  }

  /** The HELP and TYPE lines of {@code family} in {@code format}, as UTF-8. */
  public static byte[] header(Family<?> family, TextFormat format) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(256);
    FamilyWriter w = new FamilyWriter(format, out);
    w.sink.start(family, null);
    w.sink.header();
    w.finish();
    return out.toByteArray();
  }

  public TextFormat format() {
    return format;
  }

  /** Samples written so far. */
  public long samples() {
    return samples;
  }

  /** Writes one family over all rows; HELP and TYPE only if at least one sample exists. */
  public <T> void write(Family<T> family, List<Row<T>> rows) {
    write(family, rows, null);
  }

  /**
   * Writes one family over all rows, leaving out the own labels whose entry in {@code keep} is
   * false ({@code keep} null: every label). The caller decides once per family which labels may
   * go (see {@code metrics.filter.MetricFilter}); here it is one array lookup per label.
   */
  public <T> void write(Family<T> family, List<Row<T>> rows, boolean[] keep) {
    sink.start(family, keep);
    for (int i = 0; i < rows.size(); i++) {
      Row<T> row = rows.get(i);
      sink.row(row.labels());
      family.extractor().extract(row.object(), sink);
    }
  }

  /** Writes every family of the table over all rows. */
  public <T> void write(FamilyTable<T> table, List<Row<T>> rows) {
    for (Family<T> f : table.families()) {
      write(f, rows);
    }
  }

  /** Flushes buffered text to the stream. */
  public void finish() {
    buf.flush();
  }

  /** Renders samples of the current family and row. */
  private final class RowSink implements SampleSink {
    private Family<?> family;
    private byte[] name;
    private byte[][] ownLabelFirst;
    private byte[][] ownLabelNext;
    private Conversion conversion;
    private boolean headerWritten;
    private boolean[] keep;
    private LabelValues common;

    void start(Family<?> f, boolean[] keepOwn) {
      family = f;
      keep = keepOwn;
      name = f.name().getBytes(StandardCharsets.UTF_8);
      List<String> own = f.labelNames();
      ownLabelFirst = new byte[own.size()][];
      ownLabelNext = new byte[own.size()][];
      for (int i = 0; i < own.size(); i++) {
        ownLabelFirst[i] = (own.get(i) + "=\"").getBytes(StandardCharsets.UTF_8);
        ownLabelNext[i] = ("," + own.get(i) + "=\"").getBytes(StandardCharsets.UTF_8);
      }
      conversion = f.conversion();
      headerWritten = !headers;
    }

    void row(LabelValues labels) {
      common = labels;
    }

    void header() {
      headerWritten = true;
      String n = family.name();
      if (format == TextFormat.OPENMETRICS) {
        String base = switch (family.type()) {
          case COUNTER -> n.substring(0, n.length() - "_total".length());
          case INFO -> n.substring(0, n.length() - "_info".length());
          default -> n;
        };
        String type = switch (family.type()) {
          case COUNTER -> "counter";
          case INFO -> "info";
          default -> "gauge";
        };
        buf.ascii("# TYPE ").ascii(base).ascii(' ').ascii(type).ascii('\n');
        buf.ascii("# HELP ").ascii(base).ascii(' ').help(family.help(), true).ascii('\n');
      } else {
        String type = family.type() == FamilyType.COUNTER ? "counter" : "gauge";
        buf.ascii("# HELP ").ascii(n).ascii(' ').help(family.help(), false).ascii('\n');
        buf.ascii("# TYPE ").ascii(n).ascii(' ').ascii(type).ascii('\n');
      }
    }

    /** Writes the name and common labels; returns whether a label was written. */
    private boolean begin() {
      if (!headerWritten) {
        header();
      }
      samples++;
      buf.bytes(name);
      byte[] c = common.encoded();
      if (c.length > 0) {
        buf.ascii('{').bytes(c);
        return true;
      }
      return false;
    }

    private boolean label(int i, boolean any, String value) {
      if (keep != null && !keep[i]) {
        return any;
      }
      if (!any) {
        buf.ascii('{');
      }
      buf.bytes(any ? ownLabelNext[i] : ownLabelFirst[i]).escaped(value == null ? "" : value).ascii('"');
      return true;
    }

    private void end(boolean any, double raw) {
      if (any) {
        buf.ascii('}');
      }
      buf.ascii(' ').number(conversion.apply(raw)).ascii('\n');
    }

    private void arity(int n) {
      if (n != ownLabelFirst.length) {
        throw new IllegalStateException(family.name() + " has " + ownLabelFirst.length
            + " own labels but its extractor passed " + n);
      }
    }

    @Override
    public void sample(double raw) {
      if (Double.isNaN(raw)) {
        return;
      }
      arity(0);
      end(begin(), raw);
    }

    @Override
    public void sample(String l1, double raw) {
      if (Double.isNaN(raw)) {
        return;
      }
      arity(1);
      boolean any = begin();
      any = label(0, any, l1);
      end(any, raw);
    }

    @Override
    public void sample(String l1, String l2, double raw) {
      if (Double.isNaN(raw)) {
        return;
      }
      arity(2);
      boolean any = begin();
      any = label(0, any, l1);
      any = label(1, any, l2);
      end(any, raw);
    }

    @Override
    public void sample(String[] labels, double raw) {
      if (Double.isNaN(raw)) {
        return;
      }
      arity(labels.length);
      boolean any = begin();
      for (int i = 0; i < labels.length; i++) {
        any = label(i, any, labels[i]);
      }
      end(any, raw);
    }
  }
}
