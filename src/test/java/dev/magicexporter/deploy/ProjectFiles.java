package dev.magicexporter.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files shipped next to the code (config/, dashboards/, Dockerfile), found from the Maven
 * project directory, and read as YAML or JSON trees for tests.
 */
public final class ProjectFiles {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final ObjectMapper JSON = new ObjectMapper();

  private ProjectFiles() {}

  /** The project directory: Maven's {@code basedir}, else the nearest directory with a pom.xml. */
  public static Path root() {
    String basedir = System.getProperty("basedir");
    Path dir = (basedir != null ? Path.of(basedir) : Path.of("")).toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("config"))) {
        return p;
      }
    }
    throw new AssertionError("no project directory (pom.xml and config/) above " + dir);
  }

  public static Path path(String relative) {
    return root().resolve(relative);
  }

  /** One YAML document. */
  public static JsonNode yaml(Path file) {
    try {
      return YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse " + file, e);
    }
  }

  /** One YAML document given as text. */
  public static JsonNode yaml(String text) {
    try {
      return YAML.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse YAML text", e);
    }
  }

  /** Every document of a multi-document YAML file ("---" separated), empty documents left out. */
  public static List<JsonNode> yamlDocuments(Path file) {
    List<JsonNode> docs = new ArrayList<>();
    try (var parser = new YAMLFactory().createParser(file.toFile())) {
      var it = YAML.readValues(parser, JsonNode.class);
      while (it.hasNext()) {
        JsonNode doc = it.next();
        if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
          docs.add(doc);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse " + file, e);
    }
    return docs;
  }

  public static JsonNode json(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse " + file, e);
    }
  }
}
