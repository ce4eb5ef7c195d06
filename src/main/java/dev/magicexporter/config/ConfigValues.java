package dev.magicexporter.config;

import dev.magicexporter.config.ConfigKey.Type;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Typed reads of the raw values (or the key's default): each read checks the value against the
 * key's type and range, records a {@link ConfigProblem} for a bad one and returns the default
 * instead, so that every problem is listed at once. Never throws for any text; secret values are
 * shown as {@code <redacted>}.
 */
final class ConfigValues {
  private final Map<String, RawValue> values;
  private final List<ConfigProblem> problems;

  ConfigValues(Map<String, RawValue> values, List<ConfigProblem> problems) {
    this.values = values;
    this.problems = problems;
  }

  RawValue raw(String key) {
    RawValue r = values.get(key);
    return r != null ? r : new RawValue(ConfigKeys.get(key).defaultValue(), null);
  }

  /** True when the key was given (file, environment or command line), not defaulted. */
  boolean given(String key) {
    return values.containsKey(key);
  }

  void problem(String key, String value, String expected) {
    problems.add(new ConfigProblem(key, raw(key).sourceOrDefault(), value, expected));
  }

  private void bad(ConfigKey k, RawValue r) {
    bad(k, r, k.expected());
  }

  private void bad(ConfigKey k, RawValue r, String expected) {
    problems.add(new ConfigProblem(k.name(), r.sourceOrDefault(), k.secret() ? "<redacted>" : r.text(), expected));
  }

  String str(String key) {
    ConfigKey k = ConfigKeys.get(key);
    RawValue r = raw(key);
    String v = r.text() == null ? "" : r.text().trim();
    if (k.type() == Type.CHOICE) {
      for (String c : k.choices()) {
        if (c.equalsIgnoreCase(v)) {
          return c;
        }
      }
      bad(k, r);
      return k.defaultValue();
    }
    if (k.type() == Type.URL) {
      try {
        URI u = new URI(v);
        if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
          bad(k, r);
        }
      } catch (Exception e) {
        bad(k, r);
      }
      return v.endsWith("/") ? v.substring(0, v.length() - 1) : v;
    }
    if (k.type() == Type.ADDRESS && !Addresses.valid(v)) {
      bad(k, r);
      return k.defaultValue();
    }
    return v;
  }

  /** A file system path; an empty value means the default. */
  Path path(String key) {
    ConfigKey k = ConfigKeys.get(key);
    String v = str(key);
    try {
      return Path.of(v.isEmpty() ? k.defaultValue() : v);
    } catch (InvalidPathException e) {
      bad(k, raw(key), k.expected() + " (" + e.getReason() + ")");
      return Path.of(k.defaultValue());
    }
  }

  /** The trimmed value, or null when it is empty (unset). */
  String optional(String key) {
    String v = str(key);
    return v.isEmpty() ? null : v;
  }

  /**
   * A credential: null when not given; a given value that is empty or only whitespace is a
   * problem (a {@code MAGIC_EXPORTER_ADMIN_TOKEN="   "} must not leave the admin API open).
   */
  String credential(String key) {
    RawValue r = values.get(key);
    if (r == null) {
      return null;
    }
    String v = r.text() == null ? "" : r.text().strip();
    if (v.isEmpty()) {
      bad(ConfigKeys.get(key), r, "a non-blank value (leave the key unset to go without it)");
      return null;
    }
    return v;
  }

  int integer(String key) {
    ConfigKey k = ConfigKeys.get(key);
    RawValue r = raw(key);
    try {
      long v = Long.parseLong(r.text().trim());
      double lo = k.type() == Type.PORT ? 0 : k.min();
      double hi = k.type() == Type.PORT ? 65535 : k.max();
      if (v >= lo && v <= hi && v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
        return (int) v;
      }
    } catch (NumberFormatException | NullPointerException e) {
      // bad below
    }
    bad(k, r);
    return Integer.parseInt(k.defaultValue());
  }

  boolean bool(String key) {
    ConfigKey k = ConfigKeys.get(key);
    RawValue r = raw(key);
    String v = r.text() == null ? "" : r.text().trim().toLowerCase(Locale.ROOT);
    switch (v) {
      case "true", "yes", "on", "1" -> {
        return true;
      }
      case "false", "no", "off", "0" -> {
        return false;
      }
      default -> {
        bad(k, r);
        return Boolean.parseBoolean(k.defaultValue());
      }
    }
  }

  Duration duration(String key) {
    ConfigKey k = ConfigKeys.get(key);
    RawValue r = raw(key);
    Duration d = Durations.parse(r.text());
    if (d == null || Durations.seconds(d) < k.min() || Durations.seconds(d) > k.max()) {
      bad(k, r);
      return Durations.parse(k.defaultValue());
    }
    return d;
  }

  double ratio(String key) {
    ConfigKey k = ConfigKeys.get(key);
    RawValue r = raw(key);
    String v = r.text() == null ? "" : r.text().trim();
    // Decimal numbers only: Double.parseDouble would also take "0x1p-2", "0.5d" and "NaN".
    if (v.matches("\\+?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?")) {
      double d = Double.parseDouble(v);
      if (d >= 0 && d <= 1) {
        return d;
      }
    }
    bad(k, r);
    return Double.parseDouble(k.defaultValue());
  }

  List<String> list(String key) {
    String v = raw(key).text();
    if (v == null || v.isBlank()) {
      return List.of();
    }
    return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
  }
}
