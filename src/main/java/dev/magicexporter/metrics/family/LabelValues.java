package dev.magicexporter.metrics.family;

import java.util.Arrays;
import java.util.List;

/**
 * The common label values of one object (e.g. {@code account_id}, {@code connector_id}), with
 * their exposition text encoded once when the object is stored, so that a scrape copies bytes
 * instead of escaping the same ids for every family. Immutable.
 */
public final class LabelValues {
  /** No common labels. */
  public static final LabelValues NONE = new LabelValues(List.of(), new String[0]);

  private final List<String> names;
  private final String[] values;
  private final byte[] encoded;

  private LabelValues(List<String> names, String[] values) {
    this.names = names;
    this.values = values;
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(64);
    ExpositionBuffer b = new ExpositionBuffer(bytes, 256);
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        b.ascii(",");
      }
      b.ascii(names.get(i)).ascii("=\"").escaped(values[i]).ascii("\"");
    }
    b.flush();
    this.encoded = bytes.toByteArray();
  }

  /**
   * Values for {@code names} (the table's common label names, same order). A null value is
   * written as an empty label value, which Prometheus treats as an absent label.
   */
  public static LabelValues of(List<String> names, String... values) {
    if (names.size() != values.length) {
      throw new IllegalArgumentException("label names " + names + " but " + values.length + " values");
    }
    String[] v = new String[values.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = values[i] == null ? "" : values[i];
    }
    return new LabelValues(List.copyOf(names), v);
  }

  public List<String> names() {
    return names;
  }

  public String value(int i) {
    return values[i];
  }

  public int size() {
    return values.length;
  }

  /** {@code a="x",b="y"} as UTF-8, escaped for both text formats. */
  byte[] encoded() {
    return encoded;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LabelValues l && names.equals(l.names) && Arrays.equals(values, l.values);
  }

  @Override
  public int hashCode() {
    return names.hashCode() * 31 + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return new String(encoded, java.nio.charset.StandardCharsets.UTF_8);
  }
}
