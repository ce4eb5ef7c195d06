package dev.magicexporter.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The committed config/exporter.yaml is generated from ConfigKeys. To refresh it after changing a
 * key: {@code ./mvnw -q test -Dtest=ConfigReferenceTest -Dregenerate=true} (README's table too).
 */
class ConfigReferenceTest {
  private static final Path YAML = Path.of("config/exporter.yaml");
  private static final String START = "<!-- config-reference:start";
  private static final String END = "<!-- config-reference:end -->";

  @Test
  void committedDefaultConfigMatchesTheKeyTable() throws Exception {
    String expected = ConfigReference.yaml();
    if (Boolean.getBoolean("regenerate")) {
      Files.writeString(YAML, expected);
    }
    assertThat(Files.readString(YAML))
        .as("config/exporter.yaml is stale; regenerate with -Dregenerate=true")
        .isEqualTo(expected);
  }

  @Test
  void defaultConfigFileLoadsToTheBuiltInDefaults() {
    Map<String, String> env = Map.of("CLOUDFLARE_API_TOKEN", "t0k3n-value-123456", "CLOUDFLARE_ACCOUNT_ID", "abc123",
        "MAGIC_EXPORTER_STATE_DIR", System.getProperty("java.io.tmpdir") + "/me-ref-state");
    ConfigLoader.Result fromFile = ConfigLoader.load(new ConfigLoader.CommandLine(YAML, false, null, null), env);
    ConfigLoader.Result builtIn = ConfigLoader.load(ConfigLoader.CommandLine.none(), env);
    assertThat(fromFile.problems()).isEmpty();
    assertThat(fromFile.config()).isEqualTo(builtIn.config());
  }

  @Test
  void readmeConfigurationTableMatchesTheKeyTable() throws Exception {
    Path readme = Path.of("README.md");
    String text = Files.readString(readme);
    int start = text.indexOf(START);
    int end = text.indexOf(END);
    assertThat(start).as("README has the config reference markers").isNotNegative();
    assertThat(end).isGreaterThan(start);
    int bodyStart = text.indexOf('\n', start) + 1;
    String expected = ConfigReference.markdown();
    if (Boolean.getBoolean("regenerate")) {
      text = text.substring(0, bodyStart) + expected + text.substring(end);
      Files.writeString(readme, text);
      end = text.indexOf(END);
    }
    assertThat(text.substring(bodyStart, end))
        .as("README's configuration table is stale; regenerate with -Dregenerate=true")
        .isEqualTo(expected);
    for (ConfigKey k : ConfigKeys.ALL) {
      assertThat(expected).contains("`" + k.name() + "`").contains(k.envName());
    }
  }
}
