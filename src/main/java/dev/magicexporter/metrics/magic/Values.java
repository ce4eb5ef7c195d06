package dev.magicexporter.metrics.magic;

/** Raw-value helpers for extractors: absent is NaN, which writes no series. */
final class Values {
  private Values() {}

  static double of(Number n) {
    return n == null ? Double.NaN : n.doubleValue();
  }

  static double of(Boolean b) {
    return b == null ? Double.NaN : b ? 1 : 0;
  }

  /** A decimal string (site coordinates); NaN when absent or not a number. */
  static double parse(String s) {
    if (s == null || s.isBlank()) {
      return Double.NaN;
    }
    try {
      double v = Double.parseDouble(s.trim());
      return Double.isFinite(v) ? v : Double.NaN;
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  static String join(java.util.List<String> values) {
    return values == null ? "" : String.join(",", values);
  }
}
