package dev.magicexporter.config;

import java.util.List;
import java.util.Locale;

/**
 * One configuration key: its dotted YAML name ({@code admin.port}), type, default, the sentence
 * that documents it, and the environment variables that override it. The environment name is
 * always {@code MAGIC_EXPORTER_} plus the key in upper snake case ({@code MAGIC_EXPORTER_ADMIN_PORT});
 * {@code aliases} are extra names, such as the official SDKs' {@code CLOUDFLARE_API_TOKEN}.
 */
public record ConfigKey(
    String name,
    Type type,
    String defaultValue,
    String doc,
    List<String> aliases,
    boolean secret,
    List<String> choices,
    double min,
    double max) {

  /** How a value is read and checked. */
  public enum Type {
    STRING("a string"),
    INT("a whole number"),
    PORT("a TCP port 0..65535"),
    BOOL("true or false"),
    DURATION("a duration such as 500ms, 30s, 5m, 1h"),
    RATIO("a number between 0 and 1"),
    LIST("a comma-separated list or a YAML list"),
    CHOICE("one of the listed values"),
    PATH("a file system path"),
    URL("an http:// or https:// URL"),
    ADDRESS("an IP address or a host name");

    final String expected;

    Type(String expected) {
      this.expected = expected;
    }
  }

  public String envName() {
    return "MAGIC_EXPORTER_" + name.replace('.', '_').toUpperCase(Locale.ROOT);
  }

  /** What a valid value looks like, for error messages and the reference. */
  public String expected() {
    String base = type == Type.CHOICE ? "one of " + String.join(", ", choices)
        : secret ? "a non-blank string, or unset" : type.expected;
    boolean bounded = (type == Type.INT || type == Type.DURATION) && (min > Double.NEGATIVE_INFINITY || max < Double.POSITIVE_INFINITY);
    if (!bounded) {
      return base;
    }
    String unit = type == Type.DURATION ? " s" : "";
    if (max == Double.POSITIVE_INFINITY) {
      return base + ", at least " + fmt(min) + unit;
    }
    return base + " from " + fmt(min) + " to " + fmt(max) + unit;
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  static ConfigKey of(String name, Type type, String def, String doc) {
    return new ConfigKey(name, type, def, doc, List.of(), false, List.of(),
        Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
  }

  ConfigKey withAliases(String... envNames) {
    return new ConfigKey(name, type, defaultValue, doc, List.of(envNames), secret, choices, min, max);
  }

  ConfigKey asSecret() {
    return new ConfigKey(name, type, defaultValue, doc, aliases, true, choices, min, max);
  }

  ConfigKey oneOf(String... values) {
    return new ConfigKey(name, Type.CHOICE, defaultValue, doc, aliases, secret, List.of(values), min, max);
  }

  ConfigKey range(double lo, double hi) {
    return new ConfigKey(name, type, defaultValue, doc, aliases, secret, choices, lo, hi);
  }
}
