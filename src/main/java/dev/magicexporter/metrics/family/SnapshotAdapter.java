package dev.magicexporter.metrics.family;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;

/** Builds client_java snapshots from a {@link FamilyCollector}; see its Javadoc for when to use. */
final class SnapshotAdapter<T> implements MultiCollector {
  private final FamilyCollector<T> collector;

  SnapshotAdapter(FamilyCollector<T> collector) {
    this.collector = collector;
  }

  @Override
  public MetricSnapshots collect() {
    List<Row<T>> rows = collector.rows();
    MetricSnapshots.Builder out = MetricSnapshots.builder();
    for (Family<T> f : collector.table().families()) {
      Collecting sink = new Collecting(f);
      for (Row<T> row : rows) {
        sink.common = row.labels();
        f.extractor().extract(row.object(), sink);
      }
      if (!sink.labels.isEmpty()) {
        out.metricSnapshot(sink.build());
      }
    }
    return out.build();
  }

  @Override
  public List<String> getPrometheusNames() {
    List<String> names = new ArrayList<>();
    for (Family<T> f : collector.table().families()) {
      names.add(baseName(f));
    }
    return names;
  }

  static String baseName(Family<?> f) {
    String n = f.name();
    return switch (f.type()) {
      case COUNTER -> n.substring(0, n.length() - "_total".length());
      case INFO -> n.substring(0, n.length() - "_info".length());
      default -> n;
    };
  }

  private static final class Collecting implements SampleSink {
    private final Family<?> family;
    private final String[] ownNames;
    private final List<Labels> labels = new ArrayList<>();
    private final List<Double> values = new ArrayList<>();
    private LabelValues common;

    Collecting(Family<?> family) {
      this.family = family;
      this.ownNames = family.labelNames().toArray(String[]::new);
    }

    private void add(String[] own, double raw) {
      if (Double.isNaN(raw)) {
        return;
      }
      int c = common.size();
      String[] names = new String[c + own.length];
      String[] vals = new String[c + own.length];
      for (int i = 0; i < c; i++) {
        names[i] = common.names().get(i);
        vals[i] = common.value(i);
      }
      for (int i = 0; i < own.length; i++) {
        names[c + i] = ownNames[i];
        vals[c + i] = own[i] == null ? "" : own[i];
      }
      labels.add(Labels.of(names, vals));
      values.add(family.conversion().apply(raw));
    }

    @Override
    public void sample(double raw) {
      add(new String[0], raw);
    }

    @Override
    public void sample(String l1, double raw) {
      add(new String[] {l1}, raw);
    }

    @Override
    public void sample(String l1, String l2, double raw) {
      add(new String[] {l1, l2}, raw);
    }

    @Override
    public void sample(String[] l, double raw) {
      add(l.clone(), raw);
    }

    MetricSnapshot build() {
      String name = baseName(family);
      switch (family.type()) {
        case COUNTER -> {
          CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(family.help());
          for (int i = 0; i < labels.size(); i++) {
            b.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                .labels(labels.get(i)).value(values.get(i)).build());
          }
          return b.build();
        }
        case INFO -> {
          InfoSnapshot.Builder b = InfoSnapshot.builder().name(name).help(family.help());
          for (Labels l : labels) {
            b.dataPoint(InfoSnapshot.InfoDataPointSnapshot.builder().labels(l).build());
          }
          return b.build();
        }
        default -> {
          GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(family.help());
          for (int i = 0; i < labels.size(); i++) {
            b.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                .labels(labels.get(i)).value(values.get(i)).build());
          }
          return b.build();
        }
      }
    }
  }
}
