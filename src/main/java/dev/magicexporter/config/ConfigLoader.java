package dev.magicexporter.config;

import dev.magicexporter.config.ExporterConfig.Account;
import dev.magicexporter.listen.WebConfig;
import dev.magicexporter.state.StateDirectory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds an {@link ExporterConfig} from defaults, an optional YAML file and the environment (in
 * that order of precedence, the environment last), and lists every problem at once instead of
 * stopping at the first. Secret values never appear in a problem.
 */
public final class ConfigLoader {
  private static final Pattern ACCOUNT_ID = Pattern.compile("[A-Za-z0-9]{1,32}");
  private static final Pattern ACCOUNT_ENTRY =
      Pattern.compile("([A-Za-z0-9]{1,32})(?::([^@:,]{1,64}))?(?:@([A-Za-z_][A-Za-z0-9_]*))?");
  private static final Pattern POD_ORDINAL = Pattern.compile(".*-(\\d{1,9})$");

  /** The outcome: a config when {@code problems} is empty; warnings are worth logging. */
  public record Result(ExporterConfig config, List<ConfigProblem> problems, List<String> warnings) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  /** Command-line settings that override everything else. */
  public record CommandLine(Path configFile, boolean demo, Integer shard, Integer totalShards, Path webConfigFile) {
    public CommandLine(Path configFile, boolean demo, Integer shard, Integer totalShards) {
      this(configFile, demo, shard, totalShards, null);
    }

    public static CommandLine none() {
      return new CommandLine(null, false, null, null);
    }
  }

  private final Map<String, String> env;
  private final Map<String, RawValue> values = new LinkedHashMap<>();
  private final List<ConfigProblem> problems = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private final ConfigValues v = new ConfigValues(values, problems);

  private ConfigLoader(Map<String, String> env) {
    this.env = env;
  }

  /**
   * Loads and checks the configuration. Changes nothing on disk: the state directory is only
   * checked (see {@link StateDirectory#check}); the daemon creates it when it starts.
   */
  public static Result load(CommandLine cli, Map<String, String> env) {
    return new ConfigLoader(env).run(cli);
  }

  private Result run(CommandLine cli) {
    if (cli.configFile() != null) {
      YamlConfigFile.read(cli.configFile(), values, problems);
    }
    readEnvironment();
    if (cli.shard() != null) {
      values.put("shard", new RawValue(cli.shard().toString(), "--shard"));
    }
    if (cli.totalShards() != null) {
      values.put("total_shards", new RawValue(cli.totalShards().toString(), "--total-shards"));
    }
    if (cli.webConfigFile() != null) {
      values.put("web_config_file", new RawValue(cli.webConfigFile().toString(), "--web.config.file"));
    }
    ExporterConfig cfg = build(cli.demo());
    return new Result(problems.isEmpty() ? cfg : null, List.copyOf(problems), List.copyOf(warnings));
  }

  private void readEnvironment() {
    Set<String> knownEnv = new HashSet<>();
    for (ConfigKey k : ConfigKeys.ALL) {
      knownEnv.add(k.envName());
      // SDK names first, so that the product's own name wins when both are set.
      for (String alias : k.aliases()) {
        String value = env.get(alias);
        if (value != null && !value.isEmpty()) {
          values.put(k.name(), new RawValue(value, "environment " + alias));
        }
      }
      String value = env.get(k.envName());
      if (value != null) {
        values.put(k.name(), new RawValue(value, "environment " + k.envName()));
      }
    }
    for (String name : env.keySet()) {
      // Kubernetes injects MAGIC_EXPORTER_PORT, MAGIC_EXPORTER_SERVICE_HOST ... for a Service of
      // that name: warn instead of refusing to start.
      if (name.startsWith("MAGIC_EXPORTER_") && !knownEnv.contains(name)) {
        warnings.add("ignoring unknown environment variable " + name + KeySuggestions.forKey(
            name.substring("MAGIC_EXPORTER_".length()).toLowerCase(Locale.ROOT)));
      }
    }
  }

  // ---- assembly and cross-key rules ---------------------------------------------------------

  private ExporterConfig build(boolean demo) {
    String listenAddress = v.str("listen_address");
    int listenPort = v.integer("listen_port");
    Path stateDir = v.path("state_dir");
    Duration pollInterval = v.duration("poll_interval");
    String logLevel = v.str("log_level");

    String baseUrl = v.str("cloudflare.base_url");
    String token = v.credential("cloudflare.api_token");
    String key = v.credential("cloudflare.api_key");
    String email = v.optional("cloudflare.email");
    List<Account> accounts = accounts(token, key, email);
    boolean needsDefaultCredential = accounts.stream().anyMatch(a -> a.apiToken() == null && a.apiKey() == null);
    if (!demo) {
      if ((accounts.isEmpty() || needsDefaultCredential) && token == null && (key == null || email == null)) {
        problems.add(new ConfigProblem("cloudflare.api_token", sourceOr("cloudflare.api_token", "CLOUDFLARE_API_TOKEN"), null,
            "a Cloudflare API token (CLOUDFLARE_API_TOKEN), or CLOUDFLARE_API_KEY with CLOUDFLARE_EMAIL;"
                + " or run with --demo to use the built-in simulator"));
      }
      if (accounts.isEmpty()) {
        problems.add(new ConfigProblem("cloudflare.account_ids", sourceOr("cloudflare.account_ids", "CLOUDFLARE_ACCOUNT_ID"), null,
            "at least one account id (CLOUDFLARE_ACCOUNT_ID, comma-separated for several)"));
      }
    }
    accounts = accounts.stream().map(a -> a.apiToken() != null || a.apiKey() != null ? a
        : new Account(a.id(), a.name(), token, token == null ? key : null, token == null ? email : null)).toList();
    Duration initial = v.duration("cloudflare.retry_initial_backoff");
    Duration max = v.duration("cloudflare.retry_max_backoff");
    if (max.compareTo(initial) < 0) {
      problems.add(new ConfigProblem("cloudflare.retry_max_backoff", v.raw("cloudflare.retry_max_backoff").source(),
          Durations.format(max), "at least cloudflare.retry_initial_backoff (" + Durations.format(initial) + ")"));
    }
    ExporterConfig.Cloudflare cf = new ExporterConfig.Cloudflare(baseUrl, accounts,
        v.duration("cloudflare.request_timeout"), v.integer("cloudflare.max_retries"), initial, max,
        v.integer("cloudflare.budget_requests"), v.duration("cloudflare.budget_window"),
        v.ratio("cloudflare.admin_budget_share"));

    ExporterConfig.Connectors connectors = new ExporterConfig.Connectors(
        v.duration("connectors.discovery_interval"),
        ExporterConfig.SnapshotStrategy.valueOf(v.str("connectors.snapshot_strategy").toUpperCase(Locale.ROOT)),
        v.duration("connectors.events_lookback"), v.bool("connectors.dhcp_lease_series"),
        v.duration("connectors.checkpoint_grace_period"));

    ExporterConfig.Sources sources = new ExporterConfig.Sources(v.duration("sources.tunnels_interval"),
        v.duration("sources.pcaps_interval"), v.duration("sources.services_interval"),
        v.duration("sources.inventory_interval"), v.integer("sources.services_per_page"),
        v.integer("sources.sites_per_cycle"), v.bool("sources.route_series"));
    ExporterConfig.Analytics analytics = new ExporterConfig.Analytics(v.bool("analytics.enabled"),
        v.duration("analytics.interval"), v.duration("analytics.delay"), v.duration("analytics.initial_lookback"),
        v.duration("analytics.max_window"), v.integer("analytics.limit"), v.bool("analytics.data_center_series"),
        v.integer("analytics.budget_queries"), v.duration("analytics.budget_window"));

    String adminAddress = v.str("admin.address");
    String adminToken = v.credential("admin.token");
    String readToken = v.credential("admin.read_token");
    boolean adminEnabled = v.bool("admin.enabled");
    if (adminEnabled && adminToken == null && readToken == null && !Addresses.isLoopback(adminAddress)) {
      problems.add(new ConfigProblem("admin.address", v.raw("admin.address").source(), adminAddress,
          "a loopback address (127.0.0.1, ::1) unless admin.token or admin.read_token is set"));
    }
    if (adminToken != null && adminToken.equals(readToken)) {
      problems.add(new ConfigProblem("admin.read_token", v.raw("admin.read_token").source(), "<redacted>",
          "a token different from admin.token"));
    }
    ExporterConfig.Admin admin = new ExporterConfig.Admin(adminEnabled, adminAddress, v.integer("admin.port"),
        adminToken, readToken, v.duration("admin.cache_ttl"), v.bool("admin.strict_fields"));
    if (adminEnabled && admin.port() != 0 && admin.port() == listenPort) {
      problems.add(new ConfigProblem("admin.port", v.raw("admin.port").source(), Integer.toString(admin.port()),
          "a port different from listen_port"));
    }

    ExporterConfig.Demo demoWorld = new ExporterConfig.Demo(v.integer("demo.connectors"), v.integer("demo.seed"));
    int total = v.integer("total_shards");
    int shard = shardOrdinal();
    if (shard >= total) {
      problems.add(new ConfigProblem("shard", v.raw("shard").source(), Integer.toString(shard),
          "a shard ordinal below total_shards (" + total + ")"));
    }
    double budgetShare = v.ratio("cloudflare.budget_share");
    if (budgetShare == 0) {
      problems.add(new ConfigProblem("cloudflare.budget_share", v.raw("cloudflare.budget_share").source(), "0",
          "a share above 0 (the exporter needs some of the budget)"));
      budgetShare = Double.parseDouble(ConfigKeys.get("cloudflare.budget_share").defaultValue());
    }
    ExporterConfig.BudgetPolicy budget = new ExporterConfig.BudgetPolicy(budgetShare,
        v.ratio("cloudflare.shard_budget_share"), v.integer("cloudflare.max_in_flight"));
    checkStateDir(stateDir);
    return new ExporterConfig(listenAddress, listenPort, stateDir, pollInterval, demo, cf, connectors, sources,
        analytics, admin, demoWorld, new ExporterConfig.Sharding(shard, total), logLevel, metricFilters(), listeners(),
        budget);
  }

  /** {@code metrics.*}: each pattern must compile, and the allow and deny lists exclude each other. */
  private ExporterConfig.MetricFilters metricFilters() {
    List<String> allow = v.list("metrics.allowlist");
    List<String> deny = v.list("metrics.denylist");
    for (String key : List.of("metrics.allowlist", "metrics.denylist")) {
      for (String p : v.list(key)) {
        try {
          java.util.regex.Pattern.compile(p);
        } catch (java.util.regex.PatternSyntaxException e) {
          problems.add(new ConfigProblem(key, v.raw(key).source(), p, "regular expressions (" + e.getDescription() + ")"));
        }
      }
    }
    if (!allow.isEmpty() && !deny.isEmpty()) {
      problems.add(new ConfigProblem("metrics.denylist", v.raw("metrics.denylist").source(), String.join(",", deny),
          "empty when metrics.allowlist is set (the lists are mutually exclusive, as in kube-state-metrics)"));
    }
    List<String> labels = v.list("metrics.label_denylist");
    for (String l : labels) {
      if (!l.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
        problems.add(new ConfigProblem("metrics.label_denylist", v.raw("metrics.label_denylist").source(), l,
            "label names ([a-zA-Z_][a-zA-Z0-9_]*)"));
      }
    }
    return new ExporterConfig.MetricFilters(allow, deny, labels);
  }


  private ExporterConfig.Listeners listeners() {
    String file = v.optional("web_config_file");
    Path webConfigFile = null;
    WebConfig webConfig = null;
    if (file != null) {
      // Read and checked now: a bad file is a config error, for --check-config too.
      try {
        webConfigFile = Path.of(file);
        webConfig = WebConfig.load(webConfigFile);
      } catch (WebConfig.Invalid | java.nio.file.InvalidPathException e) {
        v.problem("web_config_file", file, "a valid exporter-toolkit web config file: " + e.getMessage());
      }
    }
    return new ExporterConfig.Listeners(v.integer("listen_max_connections"), v.duration("listen_idle_timeout"),
        v.integer("admin.max_connections"), v.duration("admin.idle_timeout"), v.duration("admin.body_timeout"),
        v.integer("admin.max_buffered_bytes"), v.list("admin.allowed_hosts"), webConfigFile, webConfig);
  }

  /**
   * The accounts of {@code cloudflare.account_ids} (default credential, no name) and of
   * {@code cloudflare.accounts} ({@code ID[:NAME][@TOKEN_VARIABLE]}); credentials are filled in
   * later for those without their own. An account listed twice is a problem.
   */
  private List<Account> accounts(String token, String key, String email) {
    List<Account> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    RawValue idsRaw = v.raw("cloudflare.account_ids");
    for (String id : v.list("cloudflare.account_ids")) {
      if (!ACCOUNT_ID.matcher(id).matches()) {
        problems.add(new ConfigProblem("cloudflare.account_ids", idsRaw.source(), id,
            "account ids of 1 to 32 letters and digits (as in the dashboard URL)"));
      } else if (seen.add(id)) {
        out.add(new Account(id, null, null, null, null));
      }
    }
    RawValue raw = v.raw("cloudflare.accounts");
    for (String entry : v.list("cloudflare.accounts")) {
      Matcher m = ACCOUNT_ENTRY.matcher(entry);
      if (!m.matches()) {
        problems.add(new ConfigProblem("cloudflare.accounts", raw.source(), entry,
            "entries ID[:NAME][@TOKEN_VARIABLE], the id of 1 to 32 letters and digits"));
        continue;
      }
      String id = m.group(1);
      String name = m.group(2);
      String variable = m.group(3);
      if (!seen.add(id)) {
        problems.add(new ConfigProblem("cloudflare.accounts", raw.source(), id, "each account listed once"));
        continue;
      }
      String own = null;
      if (variable != null) {
        own = env.get(variable);
        if (own == null || own.isBlank()) {
          problems.add(new ConfigProblem("cloudflare.accounts", raw.source(), entry,
              "the environment variable " + variable + " to hold the API token of account " + id));
          continue;
        }
      }
      out.add(new Account(id, name, own == null ? null : own.trim(), null, null));
    }
    return List.copyOf(out);
  }

  /** An explicit shard wins; else a StatefulSet pod name (HOSTNAME "name-3") gives ordinal 3. */
  private int shardOrdinal() {
    if (v.given("shard")) {
      return v.integer("shard");
    }
    if (v.given("total_shards")) {
      String host = env.getOrDefault("POD_NAME", env.get("HOSTNAME"));
      if (host != null) {
        Matcher m = POD_ORDINAL.matcher(host);
        if (m.matches()) {
          return Integer.parseInt(m.group(1));
        }
      }
    }
    return v.integer("shard");
  }

  /** Where the key's value came from, or {@code unset} when it was not given at all. */
  private String sourceOr(String key, String unset) {
    return v.given(key) ? v.raw(key).source() : unset;
  }

  /** Checks, without creating anything, that the daemon will be able to create and write it. */
  private void checkStateDir(Path dir) {
    StateDirectory.check(dir).ifPresent(why -> v.problem("state_dir", dir.toString(), "a writable directory (" + why + ")"));
  }
}
