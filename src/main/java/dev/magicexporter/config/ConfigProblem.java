package dev.magicexporter.config;

/**
 * One thing wrong with the configuration: the key, where the bad value came from, the value
 * (already redacted for secrets) and what was expected.
 */
public record ConfigProblem(String key, String source, String value, String expected) {
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(key);
    if (source != null) {
      sb.append(" (").append(source).append(')');
    }
    if (value != null) {
      sb.append(": got '").append(value).append('\'');
    }
    return sb.append("; expected ").append(expected).toString();
  }
}
