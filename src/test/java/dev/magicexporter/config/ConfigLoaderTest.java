package dev.magicexporter.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  private static final String TOKEN = "s3cr3t-token-value-987654321";

  @TempDir Path tmp;

  private Map<String, String> env(String... kv) {
    Map<String, String> m = new HashMap<>();
    m.put("MAGIC_EXPORTER_STATE_DIR", tmp.resolve("state").toString());
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  private ConfigLoader.Result load(Map<String, String> env) {
    return ConfigLoader.load(ConfigLoader.CommandLine.none(), env);
  }

  @Test
  void sdkVariablesProvideCredentialsAndAccounts() {
    ConfigLoader.Result r = load(env("CLOUDFLARE_API_TOKEN", TOKEN, "CLOUDFLARE_ACCOUNT_ID", "aaa111, bbb222"));
    assertThat(r.problems()).isEmpty();
    assertThat(r.config().cloudflare().accounts()).extracting(ExporterConfig.Account::id).containsExactly("aaa111", "bbb222");
    assertThat(r.config().cloudflare().accounts().get(0).apiToken()).isEqualTo(TOKEN);
    assertThat(r.config().cloudflare().baseUrl()).isEqualTo("https://api.cloudflare.com/client/v4");
    assertThat(r.config().listenPort()).isEqualTo(ConfigKeys.DEFAULT_LISTEN_PORT);
  }

  @Test
  void legacyKeyAndEmail() {
    ConfigLoader.Result r = load(env("CLOUDFLARE_API_KEY", "k3y", "CLOUDFLARE_EMAIL", "ops@example.com",
        "CLOUDFLARE_ACCOUNT_ID", "abc"));
    assertThat(r.problems()).isEmpty();
    ExporterConfig.Account a = r.config().cloudflare().accounts().get(0);
    assertThat(a.apiToken()).isNull();
    assertThat(a.apiKey()).isEqualTo("k3y");
    assertThat(a.email()).isEqualTo("ops@example.com");
  }

  @Test
  void productVariablesOverrideEverything() {
    ConfigLoader.Result r = load(env("CLOUDFLARE_API_TOKEN", TOKEN, "CLOUDFLARE_ACCOUNT_ID", "abc",
        "MAGIC_EXPORTER_LISTEN_ADDRESS", "127.0.0.1", "MAGIC_EXPORTER_LISTEN_PORT", "9999",
        "MAGIC_EXPORTER_POLL_INTERVAL", "2s", "MAGIC_EXPORTER_CLOUDFLARE_BASE_URL", "http://localhost:1/client/v4/",
        "CLOUDFLARE_BASE_URL", "http://ignored:2", "MAGIC_EXPORTER_CONNECTORS_SNAPSHOT_STRATEGY", "LIST",
        "MAGIC_EXPORTER_ADMIN_PORT", "0"));
    assertThat(r.problems()).isEmpty();
    assertThat(r.config().listenAddress()).isEqualTo("127.0.0.1");
    assertThat(r.config().listenPort()).isEqualTo(9999);
    assertThat(r.config().pollInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(r.config().cloudflare().baseUrl()).isEqualTo("http://localhost:1/client/v4");
    assertThat(r.config().connectors().snapshotStrategy()).isEqualTo(ExporterConfig.SnapshotStrategy.LIST);
  }

  @Test
  void fileValuesAreReadAndEnvironmentWins() throws IOException {
    Path f = tmp.resolve("c.yaml");
    Files.writeString(f, """
        poll_interval: 5m
        connectors:
          events_lookback: 2h
        cloudflare:
          account_ids: [one, two]
        admin:
          port: 12000
        """);
    ConfigLoader.Result r = ConfigLoader.load(new ConfigLoader.CommandLine(f, false, null, null),
        env("CLOUDFLARE_API_TOKEN", TOKEN, "MAGIC_EXPORTER_POLL_INTERVAL", "30s"));
    assertThat(r.problems()).isEmpty();
    assertThat(r.config().pollInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(r.config().connectors().eventsLookback()).isEqualTo(Duration.ofHours(2));
    assertThat(r.config().cloudflare().accounts()).hasSize(2);
    assertThat(r.config().admin().port()).isEqualTo(12000);
  }

  @Test
  void everyProblemIsListedWithKeyValueAndExpectation() throws IOException {
    Path f = tmp.resolve("bad.yaml");
    Files.writeString(f, """
        poll_intervall: 5m
        listen_port: 70000
        cloudflare:
          max_retries: lots
        """);
    ConfigLoader.Result r = ConfigLoader.load(new ConfigLoader.CommandLine(f, false, null, null),
        env("MAGIC_EXPORTER_POLL_INTERVAL", "soon", "MAGIC_EXPORTER_ADMIN_ENABLED", "maybe"));
    List<String> lines = r.problems().stream().map(ConfigProblem::toString).toList();
    assertThat(r.ok()).isFalse();
    assertThat(lines).anySatisfy(l -> assertThat(l).contains("poll_intervall").contains("did you mean poll_interval?"));
    assertThat(lines).anySatisfy(l -> assertThat(l).contains("listen_port").contains("'70000'").contains("TCP port"));
    assertThat(lines).anySatisfy(l -> assertThat(l).contains("cloudflare.max_retries").contains("'lots'"));
    assertThat(lines).anySatisfy(l -> assertThat(l).contains("poll_interval").contains("MAGIC_EXPORTER_POLL_INTERVAL")
        .contains("'soon'").contains("duration"));
    assertThat(lines).anySatisfy(l -> assertThat(l).contains("admin.enabled").contains("true or false"));
    assertThat(lines).anySatisfy(l -> assertThat(l).contains("cloudflare.api_token").contains("--demo"));
    assertThat(lines).anySatisfy(l -> assertThat(l).contains("cloudflare.account_ids"));
  }

  @Test
  void missingCredentialIsFineInDemoMode() {
    ConfigLoader.Result r = ConfigLoader.load(new ConfigLoader.CommandLine(null, true, null, null), env());
    assertThat(r.problems()).isEmpty();
    assertThat(r.config().demo()).isTrue();
  }

  @Test
  void secretsNeverAppearInProblemsOrToString() {
    ConfigLoader.Result r = load(env("CLOUDFLARE_API_TOKEN", TOKEN, "CLOUDFLARE_ACCOUNT_ID", "bad id!",
        "MAGIC_EXPORTER_ADMIN_TOKEN", TOKEN + "x", "MAGIC_EXPORTER_ADMIN_READ_TOKEN", TOKEN + "x"));
    assertThat(r.problems()).isNotEmpty();
    assertThat(r.problems().toString()).doesNotContain(TOKEN);
    ConfigLoader.Result ok = load(env("CLOUDFLARE_API_TOKEN", TOKEN, "CLOUDFLARE_ACCOUNT_ID", "abc",
        "MAGIC_EXPORTER_ADMIN_TOKEN", TOKEN + "x"));
    assertThat(ok.config().toString()).doesNotContain(TOKEN);
  }

  @Test
  void nonLoopbackAdminNeedsAToken() {
    ConfigLoader.Result r = load(env("CLOUDFLARE_API_TOKEN", TOKEN, "CLOUDFLARE_ACCOUNT_ID", "abc",
        "MAGIC_EXPORTER_ADMIN_ADDRESS", "0.0.0.0"));
    assertThat(r.problems()).singleElement().satisfies(p -> assertThat(p.key()).isEqualTo("admin.address"));
    ConfigLoader.Result withToken = load(env("CLOUDFLARE_API_TOKEN", TOKEN, "CLOUDFLARE_ACCOUNT_ID", "abc",
        "MAGIC_EXPORTER_ADMIN_ADDRESS", "0.0.0.0", "MAGIC_EXPORTER_ADMIN_TOKEN", "admintoken"));
    assertThat(withToken.problems()).isEmpty();
  }

  @Test
  void unwritableStateDirectoryIsAProblem() throws IOException {
    Path file = tmp.resolve("not-a-dir");
    Files.writeString(file, "x");
    Map<String, String> e = env("CLOUDFLARE_API_TOKEN", TOKEN, "CLOUDFLARE_ACCOUNT_ID", "abc");
    e.put("MAGIC_EXPORTER_STATE_DIR", file.resolve("sub").toString());
    ConfigLoader.Result r = load(e);
    assertThat(r.problems()).singleElement().satisfies(p -> {
      assertThat(p.key()).isEqualTo("state_dir");
      assertThat(p.expected()).contains("writable directory");
    });
  }

  @Test
  void kubernetesServiceVariablesOnlyWarn() {
    ConfigLoader.Result r = load(env("CLOUDFLARE_API_TOKEN", TOKEN, "CLOUDFLARE_ACCOUNT_ID", "abc",
        "MAGIC_EXPORTER_PORT", "tcp://10.0.0.1:10071", "MAGIC_EXPORTER_SERVICE_HOST", "10.0.0.1"));
    assertThat(r.problems()).isEmpty();
    assertThat(r.warnings()).hasSize(2);
  }

  @Test
  void shardFromStatefulSetPodName() {
    ConfigLoader.Result r = load(env("CLOUDFLARE_API_TOKEN", TOKEN, "CLOUDFLARE_ACCOUNT_ID", "abc",
        "MAGIC_EXPORTER_TOTAL_SHARDS", "4", "HOSTNAME", "magic-exporter-3"));
    assertThat(r.problems()).isEmpty();
    assertThat(r.config().sharding()).isEqualTo(new ExporterConfig.Sharding(3, 4));
    ConfigLoader.Result tooBig = ConfigLoader.load(new ConfigLoader.CommandLine(null, true, 4, 4), env());
    assertThat(tooBig.problems()).singleElement().satisfies(p -> assertThat(p.key()).isEqualTo("shard"));
  }

  @Test
  void accountsWithNamesAndCredentialsOfTheirOwn() {
    ConfigLoader.Result r = load(env("CLOUDFLARE_API_TOKEN", TOKEN, "CLOUDFLARE_ACCOUNT_ID", "aaa",
        "CF_TOKEN_PROD", "prod-token-value-1234", "MAGIC_EXPORTER_CLOUDFLARE_ACCOUNTS", "bbb:prod@CF_TOKEN_PROD,ccc:lab"));
    assertThat(r.problems()).isEmpty();
    List<ExporterConfig.Account> a = r.config().cloudflare().accounts();
    assertThat(a).extracting(ExporterConfig.Account::id).containsExactly("aaa", "bbb", "ccc");
    assertThat(a).extracting(ExporterConfig.Account::name).containsExactly(null, "prod", "lab");
    assertThat(a).extracting(ExporterConfig.Account::apiToken).containsExactly(TOKEN, "prod-token-value-1234", TOKEN);
  }

  @Test
  void accountsWithOwnTokensNeedNoDefaultCredential() {
    ConfigLoader.Result r = load(env("CF_T", "only-token-0000", "MAGIC_EXPORTER_CLOUDFLARE_ACCOUNTS", "bbb:prod@CF_T"));
    assertThat(r.problems()).isEmpty();
  }

  @Test
  void badAccountEntriesAreProblems() {
    ConfigLoader.Result r = load(env("CLOUDFLARE_API_TOKEN", TOKEN, "CLOUDFLARE_ACCOUNT_ID", "aaa",
        "MAGIC_EXPORTER_CLOUDFLARE_ACCOUNTS", "aaa:dup,bad id,ddd@MISSING_VAR"));
    assertThat(r.problems()).extracting(ConfigProblem::toString)
        .anySatisfy(l -> assertThat(l).contains("each account listed once"))
        .anySatisfy(l -> assertThat(l).contains("'bad id'"))
        .anySatisfy(l -> assertThat(l).contains("MISSING_VAR"));
  }

  @Test
  void durations() {
    assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(Durations.parse("2d")).isEqualTo(Duration.ofDays(2));
    assertThat(Durations.parse("5")).isNull();
    assertThat(Durations.parse("5 m")).isNull();
    assertThat(Durations.parse("-5s")).isNull();
    assertThat(Durations.format(Duration.ofMinutes(5))).isEqualTo("5m");
    assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
  }
}
