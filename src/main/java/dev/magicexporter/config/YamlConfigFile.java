package dev.magicexporter.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code exporter.yaml} into raw values by dotted key ({@code admin: {port: 1}} gives
 * {@code admin.port}). Strict where a lenient reading would silently change the meaning: a key
 * given twice (a second {@code cloudflare:} block would replace the first), a YAML list where a
 * single value is expected (a token list would become {@code A,b}), a mapping or a list of
 * mappings as a value, and unknown keys are all problems.
 */
final class YamlConfigFile {
  private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      // "token:" with nothing after it is unset, as YAML means it, not an empty string
      .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
      .build());

  private final String source;
  private final Map<String, RawValue> values;
  private final List<ConfigProblem> problems;

  private YamlConfigFile(Path file, Map<String, RawValue> values, List<ConfigProblem> problems) {
    this.source = "file " + file;
    this.values = values;
    this.problems = problems;
  }

  /** Adds the file's values to {@code values} and what is wrong with it to {@code problems}. */
  static void read(Path file, Map<String, RawValue> values, List<ConfigProblem> problems) {
    new YamlConfigFile(file, values, problems).read(file);
  }

  private void read(Path file) {
    if (!Files.isRegularFile(file)) {
      problems.add(new ConfigProblem("--config", null, file.toString(), "an existing YAML file"));
      return;
    }
    JsonNode root;
    try {
      root = YAML.readTree(file.toFile());
    } catch (StreamReadException e) {
      JsonLocation at = e.getLocation();
      String where = at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr();
      problems.add(new ConfigProblem("--config", source, null,
          "valid YAML with each key once (" + firstLine(e.getOriginalMessage()) + where + ")"));
      return;
    } catch (IOException | RuntimeException e) {
      problems.add(new ConfigProblem("--config", source, null, "valid YAML (" + firstLine(e.getMessage()) + ")"));
      return;
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return;
    }
    if (!root.isObject()) {
      problems.add(new ConfigProblem("--config", source, null, "a YAML mapping of keys at the top level"));
      return;
    }
    flatten("", root);
  }

  private static String firstLine(String message) {
    return message == null ? "unreadable" : message.split("\n")[0];
  }

  private void flatten(String prefix, JsonNode node) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = prefix + e.getKey();
      JsonNode v = e.getValue();
      ConfigKey known = ConfigKeys.byName().get(key);
      if (known == null && v.isObject()) {
        flatten(key + ".", v);
      } else if (known == null) {
        problems.add(new ConfigProblem(key, source, null, "a known key" + KeySuggestions.forKey(key)));
      } else if (values.containsKey(key)) {
        // admin.port at the top level and port under admin:
        problems.add(new ConfigProblem(key, source, null, "the key once (it is given twice)"));
      } else if (!v.isNull()) {
        String text = text(known, v);
        if (text != null) {
          values.put(key, new RawValue(text, source));
        }
      }
    }
  }

  /** The value as text, or null after recording why it cannot be one. */
  private String text(ConfigKey k, JsonNode v) {
    if (v.isValueNode()) {
      return v.asText();
    }
    if (v.isArray() && k.type() == ConfigKey.Type.LIST) {
      List<String> parts = new ArrayList<>();
      for (JsonNode x : v) {
        if (!x.isValueNode() || x.isNull()) {
          problems.add(new ConfigProblem(k.name(), source, null, "a list of plain values, not of lists or mappings"));
          return null;
        }
        parts.add(x.asText());
      }
      return String.join(",", parts);
    }
    String given = v.isArray() ? "a YAML list" : "a YAML mapping";
    problems.add(new ConfigProblem(k.name(), source, null, k.expected() + ", not " + given));
    return null;
  }
}
