package dev.magicexporter.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --check-config}: exit 2 with the problems listed for any bad value, and no side effects. */
class CheckConfigTest {
  @TempDir Path tmp;

  private record Run(int status, String out, String err) {}

  private Run run(Map<String, String> env) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(new String[] {"--demo", "--check-config"}, env,
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private Map<String, String> env(String... kv) {
    Map<String, String> m = new HashMap<>();
    m.put("MAGIC_EXPORTER_STATE_DIR", tmp.resolve("fresh/state").toString());
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void checkingChangesNothingOnDisk() {
    Run r = run(env());
    assertThat(r.status()).as(r.err()).isEqualTo(Main.EXIT_OK);
    assertThat(r.out()).contains("configuration ok");
    assertThat(tmp.resolve("fresh")).doesNotExist();
  }

  @ParameterizedTest
  @ValueSource(strings = {"99999999999999999999s", "9999999999999999d", "1e3s", "-1s", "60"})
  void anOverflowingDurationIsAListedProblemWithExitTwo(String value) {
    Run r = run(env("MAGIC_EXPORTER_POLL_INTERVAL", value));
    assertThat(r.status()).isEqualTo(Main.EXIT_USAGE);
    assertThat(r.err()).contains("invalid configuration (1 problem)").contains("poll_interval")
        .contains("'" + value + "'").doesNotContain("Exception");
  }

  @Test
  void blankAdminTokenAndBadListenAddressAreExitTwo() {
    Run r = run(env("MAGIC_EXPORTER_ADMIN_TOKEN", "   ", "MAGIC_EXPORTER_LISTEN_ADDRESS", "999.1.1.1"));
    assertThat(r.status()).isEqualTo(Main.EXIT_USAGE);
    assertThat(r.err()).contains("admin.token").contains("non-blank").contains("listen_address").contains("999.1.1.1");
  }
}
