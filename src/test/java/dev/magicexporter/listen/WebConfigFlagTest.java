package dev.magicexporter.listen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magicexporter.app.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --web.config.file}, its config key and variable: a bad file is a configuration error, exit 2. */
class WebConfigFlagTest {
  private static int run(Map<String, String> env, ByteArrayOutputStream err, String... args) {
    return Main.run(args, env, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true,
        StandardCharsets.UTF_8));
  }

  @Test
  void aBadFileFailsCheckConfigWithExit2WhicheverWayItIsGiven(@TempDir Path tmp) throws Exception {
    Path bad = tmp.resolve("web.yml");
    Files.writeString(bad, "basic_auth_users: {prometheus: plain-text-password}\n");
    Map<String, String> env = Map.of("MAGIC_EXPORTER_STATE_DIR", tmp.resolve("state").toString());
    for (String[] args : new String[][] {{"--demo", "--check-config", "--web.config.file", bad.toString()},
        {"--demo", "--check-config", "--web.config.file=" + bad}}) {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      assertThat(run(env, err, args)).isEqualTo(Main.EXIT_USAGE);
      assertThat(err.toString(StandardCharsets.UTF_8)).contains("web_config_file")
          .contains("basic_auth_users.prometheus is not a bcrypt hash").doesNotContain("plain-text-password");
    }
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Map<String, String> viaEnv = Map.of("MAGIC_EXPORTER_STATE_DIR", tmp.resolve("state").toString(),
        "MAGIC_EXPORTER_WEB_CONFIG_FILE", tmp.resolve("missing.yml").toString());
    assertThat(run(viaEnv, err, "--demo", "--check-config")).isEqualTo(Main.EXIT_USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot read the web config file");
  }

  @Test
  void aGoodFilePasses(@TempDir Path tmp) throws Exception {
    Path good = tmp.resolve("web.yml");
    Files.writeString(good, "basic_auth_users: {prometheus: '" + WebConfigTest.ABC_HASH + "'}\n");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertThat(run(Map.of("MAGIC_EXPORTER_STATE_DIR", tmp.resolve("state").toString()), err,
        "--demo", "--check-config", "--web.config.file", good.toString())).as(err.toString()).isEqualTo(Main.EXIT_OK);
  }
}
