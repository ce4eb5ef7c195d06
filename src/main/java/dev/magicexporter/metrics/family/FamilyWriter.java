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
 */
public final class FamilyWriter {
  private final TextFormat format;
  private final ExpositionBuffer buf;
  private final RowSink sink = new RowSink();

  public FamilyWriter(TextFormat format, OutputStream out) {
    this.format = format;
    this.buf = new ExpositionBuffer(out, 32 * 1024);
  }

  public TextFormat format() {
    return format;
  }

  /** Writes one family over all rows; HELP and TYPE only if at least one sample exists. */
  public <T> void write(Family<T> family, List<Row<T>> rows) {
    sink.start(family);
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
    private LabelValues common;

    void start(Family<?> f) {
      family = f;
      name = f.name().getBytes(StandardCharsets.UTF_8);
      List<String> own = f.labelNames();
      ownLabelFirst = new byte[own.size()][];
      ownLabelNext = new byte[own.size()][];
      for (int i = 0; i < own.size(); i++) {
        ownLabelFirst[i] = (own.get(i) + "=\"").getBytes(StandardCharsets.UTF_8);
        ownLabelNext[i] = ("," + own.get(i) + "=\"").getBytes(StandardCharsets.UTF_8);
      }
      conversion = f.conversion();
      headerWritten = false;
    }

    void row(LabelValues labels) {
      common = labels;
    }

    private void header() {
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
      buf.bytes(name);
      byte[] c = common.encoded();
      if (c.length > 0) {
        buf.ascii('{').bytes(c);
        return true;
      }
      return false;
    }

    private boolean label(int i, boolean any, String value) {
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
