package dev.magicexporter.metrics.self;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.regex.Pattern;

/**
 * One of the daemon's own metrics ({@code cloudflare_exporter_*}), declared once: the name as
 * Prometheus shows it, its type, its labels in order, its help. The code that records it gets its
 * Micrometer meter from here, passing the label values in the declared order, so the name, the
 * help and the label names of the exposition are those of the declaration, and the metrics
 * reference ({@code docs/metrics.md}) lists every declaration ({@link SelfMetricTable}).
 *
 * <p>Micrometer's Prometheus naming keeps these names as they are: a counter's {@code _total}, a
 * timer's {@code _seconds} and a gauge's unit are part of the declared name, and no base unit is
 * set on the meter (it would be appended again).
 *
 * @param name the family name as exposed, e.g. {@code cloudflare_exporter_api_requests_total}
 * @param type how it is recorded and exposed
 * @param labels the label names, in the order the recording code passes their values
 * @param help one line of help text
 */
public record SelfMetric(String name, Type type, List<String> labels, String help) {
  /** How a self-metric is recorded and exposed. */
  public enum Type {
    COUNTER("counter"),
    GAUGE("gauge"),
    /** A Micrometer timer without buckets: {@code _count}, {@code _sum} and a {@code _max} gauge. */
    SUMMARY("summary"),
    /** A Micrometer timer with buckets: {@code _bucket}, {@code _count}, {@code _sum} and {@code _max}. */
    HISTOGRAM("histogram"),
    /** One series of value 1 whose labels describe the daemon (client_java's Info). */
    INFO("info");

    private final String docName;

    Type(String docName) {
      this.docName = docName;
    }

    public String docName() {
      return docName;
    }
  }

  /** Prefix of every self-metric. */
  public static final String PREFIX = "cloudflare_exporter_";
  /** The exporter's own names; {@code cloudflare_account_info} (its configuration) is the one other. */
  private static final Pattern NAME = Pattern.compile("cloudflare_exporter_[a-z0-9_]+|cloudflare_account_info");
  private static final Pattern LABEL = Pattern.compile("[a-z][a-z0-9_]*");

  public SelfMetric {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("a self-metric is named cloudflare_exporter_<snake_case>: " + name);
    }
    if (help == null || help.isBlank()) {
      throw new IllegalArgumentException(name + ": help text is required");
    }
    labels = List.copyOf(labels);
    for (String l : labels) {
      if (!LABEL.matcher(l).matches()) {
        throw new IllegalArgumentException(name + ": invalid label name " + l);
      }
    }
    if ((type == Type.COUNTER) != name.endsWith("_total")) {
      throw new IllegalArgumentException(name + ": counters, and only counters, end in _total");
    }
    if ((type == Type.INFO) != name.endsWith("_info")) {
      throw new IllegalArgumentException(name + ": info metrics, and only they, end in _info");
    }
    if ((type == Type.SUMMARY || type == Type.HISTOGRAM) && !name.endsWith("_seconds")) {
      throw new IllegalArgumentException(name + ": timers measure seconds and end in _seconds");
    }
  }

  public static SelfMetric counter(String name, String help, String... labels) {
    return new SelfMetric(name, Type.COUNTER, List.of(labels), help);
  }

  public static SelfMetric gauge(String name, String help, String... labels) {
    return new SelfMetric(name, Type.GAUGE, List.of(labels), help);
  }

  public static SelfMetric summary(String name, String help, String... labels) {
    return new SelfMetric(name, Type.SUMMARY, List.of(labels), help);
  }

  public static SelfMetric histogram(String name, String help, String... labels) {
    return new SelfMetric(name, Type.HISTOGRAM, List.of(labels), help);
  }

  public static SelfMetric info(String name, String help, String... labels) {
    return new SelfMetric(name, Type.INFO, List.of(labels), help);
  }

  /** The tags of one series: {@code labelValues} in the declared label order. */
  public Tags tags(String... labelValues) {
    if (labelValues.length != labels.size()) {
      throw new IllegalArgumentException(name + " has labels " + labels + ", given " + labelValues.length + " values");
    }
    Tags t = Tags.empty();
    for (int i = 0; i < labelValues.length; i++) {
      t = t.and(labels.get(i), labelValues[i]);
    }
    return t;
  }

  /** The counter of one series, registered (or found) in {@code registry}. */
  public Counter counter(MeterRegistry registry, String... labelValues) {
    require(Type.COUNTER);
    return Counter.builder(name).description(help).tags(tags(labelValues)).register(registry);
  }

  /** A counter whose value {@code f} reads from {@code obj} at scrape time. */
  public <T> FunctionCounter functionCounter(MeterRegistry registry, T obj, ToDoubleFunction<T> f,
      String... labelValues) {
    require(Type.COUNTER);
    return FunctionCounter.builder(name, obj, f).description(help).tags(tags(labelValues)).register(registry);
  }

  /** A gauge whose value {@code f} reads from {@code obj} (held weakly, as Micrometer does) at scrape time. */
  public <T> Gauge gauge(MeterRegistry registry, T obj, ToDoubleFunction<T> f, String... labelValues) {
    return gaugeBuilder(obj, f, labelValues).register(registry);
  }

  /** The gauge's builder, for options such as {@code strongReference}. */
  public <T> Gauge.Builder<T> gaugeBuilder(T obj, ToDoubleFunction<T> f, String... labelValues) {
    require(Type.GAUGE);
    return Gauge.builder(name, obj, f).description(help).tags(tags(labelValues));
  }

  /** The timer of one series; a {@link Type#HISTOGRAM} is given its buckets by the caller, on the builder. */
  public Timer.Builder timerBuilder(String... labelValues) {
    if (type != Type.SUMMARY && type != Type.HISTOGRAM) {
      throw new IllegalStateException(name + " is a " + type.docName() + ", not a timer");
    }
    return Timer.builder(name).description(help).tags(tags(labelValues));
  }

  /** A timer without buckets, registered (or found) in {@code registry}. */
  public Timer timer(MeterRegistry registry, String... labelValues) {
    require(Type.SUMMARY);
    return timerBuilder(labelValues).register(registry);
  }

  /**
   * An info metric, registered in client_java's registry (behind Micrometer's), because Micrometer
   * drops the {@code _info} suffix of gauge names. client_java appends the suffix itself.
   */
  public Info info(PrometheusRegistry registry) {
    require(Type.INFO);
    return Info.builder().name(name.substring(0, name.length() - "_info".length())).help(help)
        .labelNames(labels.toArray(String[]::new)).register(registry);
  }

  /** The names this family's samples and companion families carry in the exposition. */
  public List<String> exposedNames() {
    return switch (type) {
      case SUMMARY -> List.of(name, name + "_max");
      case HISTOGRAM -> List.of(name, name + "_max");
      default -> List.of(name);
    };
  }

  private void require(Type t) {
    if (type != t) {
      throw new IllegalStateException(name + " is a " + type.docName() + ", not a " + t.docName());
    }
  }
}
