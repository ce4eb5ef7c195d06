package dev.magicexporter.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Values that a lenient reading would silently turn into something else (#13, #14 items 6 and 8). */
class ConfigEdgesTest {
  private static final String TOKEN = "s3cr3t-token-value-987654321";

  @TempDir Path tmp;

  private Map<String, String> env(String... kv) {
    Map<String, String> m = new HashMap<>();
    m.put("MAGIC_EXPORTER_STATE_DIR", tmp.resolve("state").toString());
    m.put("CLOUDFLARE_API_TOKEN", TOKEN);
    m.put("CLOUDFLARE_ACCOUNT_ID", "abc123");
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  private ConfigLoader.Result load(Map<String, String> env) {
    return ConfigLoader.load(ConfigLoader.CommandLine.none(), env);
  }

  private ConfigLoader.Result loadFile(String yaml) throws IOException {
    Path f = tmp.resolve("c.yaml");
    Files.writeString(f, yaml);
    return ConfigLoader.load(new ConfigLoader.CommandLine(f, false, null, null), env());
  }

  @ParameterizedTest
  @ValueSource(strings = {"MAGIC_EXPORTER_ADMIN_TOKEN", "MAGIC_EXPORTER_ADMIN_READ_TOKEN",
      "MAGIC_EXPORTER_CLOUDFLARE_API_TOKEN", "MAGIC_EXPORTER_CLOUDFLARE_API_KEY", "CLOUDFLARE_API_TOKEN"})
  void blankCredentialsAreProblemsNotAnOpenApi(String variable) {
    for (String blank : List.of("   ", "\t", " \n ", "\u2003")) {
      ConfigLoader.Result r = load(env(variable, blank));
      assertThat(r.ok()).as("%s=%s", variable, blank.codePoints().boxed().toList()).isFalse();
      assertThat(r.problems()).anySatisfy(p -> {
        assertThat(p.source()).contains(variable);
        assertThat(p.value()).isEqualTo("<redacted>");
        assertThat(p.expected()).contains("non-blank");
      });
    }
    if (variable.startsWith("MAGIC_EXPORTER_")) {
      assertThat(load(env(variable, "")).ok()).as("%s set but empty", variable).isFalse();
    }
  }

  @Test
  void blankCredentialInTheFileIsAProblemAndTheShippedEmptyKeysAreUnset() throws IOException {
    ConfigLoader.Result r = loadFile("admin:\n  token: \"  \"\n");
    assertThat(r.problems()).singleElement().satisfies(p -> assertThat(p.key()).isEqualTo("admin.token"));
    assertThat(loadFile("admin:\n  token:\n  read_token: ~\n").problems()).isEmpty();
  }

  @Test
  void aYamlListWhereOneValueIsExpectedIsAProblem() throws IOException {
    ConfigLoader.Result r = loadFile("admin:\n  token: [A, b]\n  read_token:\n    x: y\n");
    List<String> lines = r.problems().stream().map(ConfigProblem::toString).toList();
    assertThat(r.ok()).isFalse();
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("admin.token").contains("not a YAML list"));
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("admin.read_token").contains("not a YAML mapping"));
    assertThat(lines.toString()).doesNotContain("A,b");
    assertThat(loadFile("cloudflare:\n  account_ids: [[a], b]\n").problems())
        .anySatisfy(p -> assertThat(p.expected()).contains("plain values"));
    assertThat(loadFile("cloudflare:\n  account_ids: [abc, def]\n").problems()).isEmpty();
  }

  @Test
  void duplicateKeysAreProblems() throws IOException {
    ConfigLoader.Result blocks = loadFile("""
        cloudflare:
          account_ids: [abc]
        poll_interval: 30s
        cloudflare:
          max_retries: 3
        """);
    assertThat(blocks.problems()).singleElement().satisfies(p -> {
      assertThat(p.key()).isEqualTo("--config");
      assertThat(p.expected()).contains("each key once").contains("cloudflare").contains("line 4");
    });
    assertThat(loadFile("admin:\n  port: 1\n  port: 2\n").problems())
        .singleElement().satisfies(p -> assertThat(p.expected()).contains("'port'"));
    assertThat(loadFile("admin.port: 12000\nadmin:\n  port: 12001\n").problems())
        .singleElement().satisfies(p -> assertThat(p.toString()).startsWith("admin.port").contains("twice"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"999.1.1.1", "1.2.3", "1.2.3.4.5", "256.0.0.0", "010.0.0.1", "", " ", "a..b",
      "-host", "host-", "exa mple.com", "host_name", "1.2.3.4:80", "::g", "[::1]", "http://x", "ünï.example",
      "1.2.3.4 ", "a.b.123"})
  void invalidListenAddressesAreProblems(String address) {
    ConfigLoader.Result r = load(env("MAGIC_EXPORTER_LISTEN_ADDRESS", address, "MAGIC_EXPORTER_ADMIN_ADDRESS", address));
    // " 1.2.3.4 " is trimmed like every value, so that one is fine
    if (address.strip().equals("1.2.3.4")) {
      assertThat(r.problems()).extracting(ConfigProblem::key).doesNotContain("listen_address");
      return;
    }
    assertThat(r.problems()).extracting(ConfigProblem::key).contains("listen_address", "admin.address");
    assertThat(r.problems()).filteredOn(p -> p.key().equals("listen_address"))
        .allSatisfy(p -> assertThat(p.expected()).contains("IP address or a host name"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.0.0.0", "127.0.0.1", "10.1.2.3", "::", "::1", "fe80::1", "::ffff:10.0.0.1",
      "localhost", "metrics.example.com", "exporter-0.exporter.monitoring.svc.cluster.local", "host.", "a1"})
  void validListenAddressesPassWithoutALookup(String address) {
    assertThat(load(env("MAGIC_EXPORTER_LISTEN_ADDRESS", address)).problems()).isEmpty();
  }

  @Test
  void loopbackIsDecidedFromTheTextAlone() {
    assertThat(Addresses.isLoopback("localhost")).isTrue();
    assertThat(Addresses.isLoopback("127.0.0.2")).isTrue();
    assertThat(Addresses.isLoopback("::1")).isTrue();
    assertThat(Addresses.isLoopback("0.0.0.0")).isFalse();
    // a name that may well resolve to loopback still needs a token: deciding would need DNS
    assertThat(Addresses.isLoopback("ip6-localhost")).isFalse();
    assertThat(load(env("MAGIC_EXPORTER_ADMIN_ADDRESS", "admin.example.com")).problems())
        .singleElement().satisfies(p -> assertThat(p.key()).isEqualTo("admin.address"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"99999999999999999999s", "9999999999999999d", "9223372036854775807ms9223372036854775807ms",
      "106751991167301d", "99999999999999999999999999999999h"})
  void durationsTooLargeAreProblems(String value) {
    ConfigLoader.Result r = load(env("MAGIC_EXPORTER_POLL_INTERVAL", value));
    assertThat(r.problems()).singleElement().satisfies(p -> {
      assertThat(p.key()).isEqualTo("poll_interval");
      assertThat(p.value()).isEqualTo(value);
    });
  }

  @Test
  void checkingTheConfigurationCreatesNoStateDirectory() throws IOException {
    Path state = tmp.resolve("not/yet/there");
    ConfigLoader.Result r = load(env("MAGIC_EXPORTER_STATE_DIR", state.toString()));
    assertThat(r.problems()).isEmpty();
    assertThat(tmp.resolve("not")).doesNotExist();
    Path file = Files.writeString(tmp.resolve("plain-file"), "x");
    assertThat(load(env("MAGIC_EXPORTER_STATE_DIR", file.resolve("state").toString())).problems())
        .singleElement().satisfies(p -> assertThat(p.expected()).contains("is not a directory"));
  }
}
