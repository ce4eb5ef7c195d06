package dev.magicexporter.config;

import java.util.List;

/**
 * Renders {@link ConfigKeys} as the commented default {@code config/exporter.yaml} and as the
 * README's configuration table, so neither can drift from the keys the loader reads.
 */
public final class ConfigReference {
  private ConfigReference() {}

  public static String yaml() {
    StringBuilder sb = new StringBuilder();
    sb.append("""
        # magic-exporter configuration: every key with its default value.
        # Generated from dev.magicexporter.config.ConfigKeys; a test keeps this file in step.
        #
        # Every key can be overridden by an environment variable MAGIC_EXPORTER_<KEY> in upper
        # snake case (dots become underscores: admin.port -> MAGIC_EXPORTER_ADMIN_PORT).
        # The environment wins over this file. Secrets (tokens, keys) belong in the environment;
        # a secret set to an empty or blank value is an error (leave it unset to go without).
        # Durations: 500ms, 30s, 5m, 1h, 1d (and sums such as 1h30m).
        """);
    String section = "";
    for (ConfigKey k : ConfigKeys.ALL) {
      int dot = k.name().indexOf('.');
      String sec = dot < 0 ? "" : k.name().substring(0, dot);
      String leaf = dot < 0 ? k.name() : k.name().substring(dot + 1);
      if (!sec.equals(section)) {
        sb.append('\n');
        if (!sec.isEmpty()) {
          sb.append(sec).append(":\n");
        }
        section = sec;
      } else {
        sb.append('\n');
      }
      String indent = sec.isEmpty() ? "" : "  ";
      for (String line : wrap(k.doc(), 96 - indent.length())) {
        sb.append(indent).append("# ").append(line).append('\n');
      }
      sb.append(indent).append("# ").append(envLine(k)).append('\n');
      String value = yamlValue(k);
      sb.append(indent).append(leaf).append(':').append(value.isEmpty() ? "" : " " + value).append('\n');
    }
    return sb.toString();
  }

  /** A markdown table: key, environment variables, default, meaning. */
  public static String markdown() {
    StringBuilder sb = new StringBuilder("| key | environment | default | meaning |\n|---|---|---|---|\n");
    for (ConfigKey k : ConfigKeys.ALL) {
      String env = "`" + k.envName() + "`" + (k.aliases().isEmpty() ? "" : ", `" + String.join("`, `", k.aliases()) + "`");
      String def = k.defaultValue().isEmpty() ? "(none)" : "`" + k.defaultValue() + "`";
      sb.append("| `").append(k.name()).append("` | ").append(env).append(" | ").append(def).append(" | ")
          .append(k.doc().replace("|", "\\|")).append(" Expected: ").append(k.expected()).append(". |\n");
    }
    return sb.toString();
  }

  private static String envLine(ConfigKey k) {
    String s = "env " + k.envName();
    if (!k.aliases().isEmpty()) {
      s += " or " + String.join(", ", k.aliases());
    }
    if (k.type() == ConfigKey.Type.CHOICE) {
      s += "; one of " + String.join(", ", k.choices());
    }
    return s + (k.secret() ? "; secret" : "");
  }

  private static String yamlValue(ConfigKey k) {
    String v = k.defaultValue();
    if (k.type() == ConfigKey.Type.LIST) {
      return v.isEmpty() ? "[]" : "[" + v + "]";
    }
    if (v.isEmpty()) {
      // A credential left empty: YAML null, unset (an empty or blank credential is an error).
      return k.secret() ? "" : "\"\"";
    }
    return v;
  }

  private static List<String> wrap(String text, int width) {
    java.util.ArrayList<String> lines = new java.util.ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }
}
