package dev.magicexporter.config;

/**
 * A configuration value as given, before it is typed: its text and where it came from
 * ({@code file c.yaml}, {@code environment MAGIC_EXPORTER_ADMIN_PORT}, {@code --shard}); a null
 * source means the built-in default.
 */
record RawValue(String text, String source) {
  String sourceOrDefault() {
    return source == null ? "default" : source;
  }
}
