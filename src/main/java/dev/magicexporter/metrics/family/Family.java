package dev.magicexporter.metrics.family;

import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.regex.Pattern;

/**
 * One metric family described as data: name, help, type, the labels it adds to the table's common
 * labels, where its value comes from in the API (for the metrics reference), the unit conversion
 * and the extractor that finds its samples in an object.
 *
 * <p>Names follow Prometheus conventions and are checked here: counters end in {@code _total},
 * info families in {@code _info}, other families end in neither.
 *
 * @param name full metric name as exposed, e.g. {@code cloudflare_connector_cpu_seconds_total}
 * @param help one line of help text
 * @param type the family type
 * @param labelNames the family's own labels, in the order the extractor passes their values
 * @param source the API field(s) the values come from, e.g. {@code cpu_time_{user,system}_ms}
 * @param conversion how raw values become base units
 * @param extractor finds the samples in one object
 * @param live true when the values change without the object changing (an age computed from the
 *     clock, a mutable counter): such a family is rendered on every scrape. Every other family is
 *     rendered once per new object and its compressed text reused by gzip scrapes (package
 *     {@code metrics.scrape}), which relies on row objects being immutable.
 * @param droppableLabels own labels that {@code metrics.label_denylist} may remove because no two
 *     samples of one object differ only in them (removing them merges no series); an info
 *     family's labels all are (one series per object)
 */
public record Family<T>(
    String name,
    String help,
    FamilyType type,
    List<String> labelNames,
    String source,
    Conversion conversion,
    Extractor<T> extractor,
    boolean live,
    List<String> droppableLabels) {

  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  public Family {
    if (name == null || !METRIC_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid metric name: " + name);
    }
    if (help == null || help.isBlank()) {
      throw new IllegalArgumentException(name + ": help text is required");
    }
    labelNames = List.copyOf(labelNames);
    for (String l : labelNames) {
      if (!LABEL_NAME.matcher(l).matches() || l.startsWith("__")) {
        throw new IllegalArgumentException(name + ": invalid label name " + l);
      }
    }
    if (labelNames.stream().distinct().count() != labelNames.size()) {
      throw new IllegalArgumentException(name + ": duplicate label names " + labelNames);
    }
    boolean total = name.endsWith("_total");
    if ((type == FamilyType.COUNTER) != total) {
      throw new IllegalArgumentException(name + ": counters, and only counters, end in _total");
    }
    if ((type == FamilyType.INFO) != name.endsWith("_info")) {
      throw new IllegalArgumentException(name + ": info families, and only they, end in _info");
    }
    if (type == FamilyType.STATESET && labelNames.isEmpty()) {
      throw new IllegalArgumentException(name + ": a state set needs its state label");
    }
    if (source == null) {
      source = "";
    }
    if (conversion == null) {
      conversion = Conversion.NONE;
    }
    if (extractor == null) {
      throw new IllegalArgumentException(name + ": extractor is required");
    }
    droppableLabels = droppableLabels == null ? List.of() : List.copyOf(droppableLabels);
    if (!labelNames.containsAll(droppableLabels)) {
      throw new IllegalArgumentException(name + ": droppable labels " + droppableLabels + " are not all own labels "
          + labelNames);
    }
  }

  /** A family of cached (immutable) objects without droppable labels. */
  public Family(String name, String help, FamilyType type, List<String> labelNames, String source,
      Conversion conversion, Extractor<T> extractor) {
    this(name, help, type, labelNames, source, conversion, extractor, false, List.of());
  }

  /** This family, rendered on every scrape because its values change without new data. */
  public Family<T> asLive() {
    return new Family<>(name, help, type, labelNames, source, conversion, extractor, true, droppableLabels);
  }

  /**
   * This family with {@code labels} declared droppable: the extractor never emits two samples of
   * one object that differ only in these labels (e.g. a MAC address beside the interface name).
   */
  public Family<T> withDroppable(String... labels) {
    return new Family<>(name, help, type, labelNames, source, conversion, extractor, live, List.of(labels));
  }

  /** A gauge without own labels whose raw value is {@code value(object)}; NaN = absent. */
  public static <T> Family<T> gauge(String name, String help, String source, Conversion conversion,
      ToDoubleFunction<T> value) {
    return new Family<>(name, help, FamilyType.GAUGE, List.of(), source, conversion,
        (o, out) -> out.sample(value.applyAsDouble(o)));
  }

  /** A counter without own labels whose raw value is {@code value(object)}; NaN = absent. */
  public static <T> Family<T> counter(String name, String help, String source, Conversion conversion,
      ToDoubleFunction<T> value) {
    return new Family<>(name, help, FamilyType.COUNTER, List.of(), source, conversion,
        (o, out) -> out.sample(value.applyAsDouble(o)));
  }

  /**
   * An info family: one series of value 1 per object whose own labels are
   * {@code values(object)} (same order as {@code labelNames}; a null entry is written as an empty
   * value). If {@code values} returns null the object has no info series. Its labels are
   * droppable: there is one series per object.
   */
  public static <T> Family<T> info(String name, String help, String source, List<String> labelNames,
      Function<T, String[]> values) {
    return new Family<T>(name, help, FamilyType.INFO, labelNames, source, Conversion.NONE, (o, out) -> {
      String[] v = values.apply(o);
      if (v != null) {
        out.sample(v, 1);
      }
    }).withDroppable(labelNames.toArray(String[]::new));
  }

  /**
   * A one-hot state set without other own labels: one series per known state, 1 for
   * {@code current(object)} and 0 for the others. A current state outside {@code states} (a
   * value the API added later) gets its own series of value 1, so it is visible rather than
   * lost; a null current state emits nothing.
   */
  public static <T> Family<T> stateSet(String name, String help, String source, String stateLabel,
      List<String> states, Function<T, String> current) {
    List<String> known = List.copyOf(states);
    return new Family<>(name, help, FamilyType.STATESET, List.of(stateLabel), source, Conversion.NONE,
        (o, out) -> StateSets.oneHot(known, current.apply(o), out));
  }
}
