package dev.magicexporter.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.magicexporter.config.ConfigKey.Type;
import dev.magicexporter.config.ExporterConfig.Account;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
  private static final Pattern POD_ORDINAL = Pattern.compile(".*-(\\d+)$");

  /** The outcome: a config when {@code problems} is empty; warnings are worth logging. */
  public record Result(ExporterConfig config, List<ConfigProblem> problems, List<String> warnings) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  /** Command-line settings that override everything else. */
  public record CommandLine(Path configFile, boolean demo, Integer shard, Integer totalShards) {
    public static CommandLine none() {
      return new CommandLine(null, false, null, null);
    }
  }

  private record Raw(String text, String source) {}

  private final Map<String, String> env;
  private final Map<String, Raw> values = new LinkedHashMap<>();
  private final List<ConfigProblem> problems = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();

  private ConfigLoader(Map<String, String> env) {
    this.env = env;
  }

  public static Result load(CommandLine cli, Map<String, String> env) {
    return new ConfigLoader(env).run(cli);
  }

  private Result run(CommandLine cli) {
    if (cli.configFile() != null) {
      readFile(cli.configFile());
    }
    readEnvironment();
    if (cli.shard() != null) {
      values.put("shard", new Raw(cli.shard().toString(), "--shard"));
    }
    if (cli.totalShards() != null) {
      values.put("total_shards", new Raw(cli.totalShards().toString(), "--total-shards"));
    }
    ExporterConfig cfg = build(cli.demo());
    return new Result(problems.isEmpty() ? cfg : null, List.copyOf(problems), List.copyOf(warnings));
  }

  private void readFile(Path file) {
    String src = "file " + file;
    if (!Files.isRegularFile(file)) {
      problems.add(new ConfigProblem("--config", null, file.toString(), "an existing YAML file"));
      return;
    }
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    } catch (IOException e) {
      String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().split("\n")[0];
      problems.add(new ConfigProblem("--config", src, null, "valid YAML (" + msg + ")"));
      return;
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return;
    }
    if (!root.isObject()) {
      problems.add(new ConfigProblem("--config", src, null, "a YAML mapping of keys at the top level"));
      return;
    }
    flatten("", root, src);
  }

  private void flatten(String prefix, JsonNode node, String src) {
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = prefix + e.getKey();
      JsonNode v = e.getValue();
      ConfigKey known = ConfigKeys.byName().get(key);
      if (v.isObject() && known == null) {
        flatten(key + ".", v, src);
        continue;
      }
      if (known == null) {
        problems.add(new ConfigProblem(key, src, null, "a known key" + suggestion(key)));
        continue;
      }
      String text;
      if (v.isNull()) {
        continue;
      } else if (v.isArray()) {
        List<String> parts = new ArrayList<>();
        v.forEach(x -> parts.add(x.asText()));
        text = String.join(",", parts);
      } else if (v.isValueNode()) {
        text = v.asText();
      } else {
        problems.add(new ConfigProblem(key, src, null, known.expected()));
        continue;
      }
      values.put(key, new Raw(text, src));
    }
  }

  private static String suggestion(String unknown) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : ConfigKeys.byName().keySet()) {
      int d = distance(unknown, k);
      if (d < bestDistance) {
        bestDistance = d;
        best = k;
      }
    }
    return best != null && bestDistance <= 3 ? " (did you mean " + best + "?)" : "";
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private void readEnvironment() {
    java.util.Set<String> knownEnv = new java.util.HashSet<>();
    for (ConfigKey k : ConfigKeys.ALL) {
      knownEnv.add(k.envName());
      // SDK names first, so that the product's own name wins when both are set.
      for (String alias : k.aliases()) {
        String v = env.get(alias);
        if (v != null && !v.isEmpty()) {
          values.put(k.name(), new Raw(v, "environment " + alias));
        }
      }
      String v = env.get(k.envName());
      if (v != null) {
        values.put(k.name(), new Raw(v, "environment " + k.envName()));
      }
    }
    for (String name : env.keySet()) {
      // Kubernetes injects MAGIC_EXPORTER_PORT, MAGIC_EXPORTER_SERVICE_HOST ... for a Service of
      // that name: warn instead of refusing to start.
      if (name.startsWith("MAGIC_EXPORTER_") && !knownEnv.contains(name)) {
        warnings.add("ignoring unknown environment variable " + name + suggestion(
            name.substring("MAGIC_EXPORTER_".length()).toLowerCase(Locale.ROOT)));
      }
    }
  }

  // ---- typed reads -------------------------------------------------------------------------

  private Raw raw(String key) {
    Raw r = values.get(key);
    return r != null ? r : new Raw(ConfigKeys.get(key).defaultValue(), null);
  }

  private void bad(ConfigKey k, Raw r) {
    String shown = k.secret() ? "<redacted>" : r.text();
    problems.add(new ConfigProblem(k.name(), r.source() == null ? "default" : r.source(), shown, k.expected()));
  }

  private String str(String key) {
    ConfigKey k = ConfigKeys.get(key);
    Raw r = raw(key);
    String v = r.text() == null ? "" : r.text().trim();
    if (k.type() == Type.CHOICE) {
      for (String c : k.choices()) {
        if (c.equalsIgnoreCase(v)) {
          return c;
        }
      }
      bad(k, r);
      return k.defaultValue();
    }
    if (k.type() == Type.URL) {
      try {
        URI u = new URI(v);
        if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
          bad(k, r);
        }
      } catch (Exception e) {
        bad(k, r);
      }
      return v.endsWith("/") ? v.substring(0, v.length() - 1) : v;
    }
    return v;
  }

  private String optional(String key) {
    String v = str(key);
    return v.isEmpty() ? null : v;
  }

  private int integer(String key) {
    ConfigKey k = ConfigKeys.get(key);
    Raw r = raw(key);
    try {
      long v = Long.parseLong(r.text().trim());
      double lo = k.type() == Type.PORT ? 0 : k.min();
      double hi = k.type() == Type.PORT ? 65535 : k.max();
      if (v < lo || v > hi || v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
        bad(k, r);
        return Integer.parseInt(k.defaultValue());
      }
      return (int) v;
    } catch (NumberFormatException | NullPointerException e) {
      bad(k, r);
      return Integer.parseInt(k.defaultValue());
    }
  }

  private boolean bool(String key) {
    ConfigKey k = ConfigKeys.get(key);
    Raw r = raw(key);
    String v = r.text() == null ? "" : r.text().trim().toLowerCase(Locale.ROOT);
    switch (v) {
      case "true", "yes", "on", "1" -> {
        return true;
      }
      case "false", "no", "off", "0" -> {
        return false;
      }
      default -> {
        bad(k, r);
        return Boolean.parseBoolean(k.defaultValue());
      }
    }
  }

  private Duration duration(String key) {
    ConfigKey k = ConfigKeys.get(key);
    Raw r = raw(key);
    Duration d = Durations.parse(r.text());
    if (d == null || d.toMillis() / 1000.0 < k.min() || d.toMillis() / 1000.0 > k.max()) {
      bad(k, r);
      return Durations.parse(k.defaultValue());
    }
    return d;
  }

  private double ratio(String key) {
    ConfigKey k = ConfigKeys.get(key);
    Raw r = raw(key);
    try {
      double v = Double.parseDouble(r.text().trim());
      if (!(v >= 0 && v <= 1)) {
        bad(k, r);
        return Double.parseDouble(k.defaultValue());
      }
      return v;
    } catch (NumberFormatException | NullPointerException e) {
      bad(k, r);
      return Double.parseDouble(k.defaultValue());
    }
  }

  private List<String> list(String key) {
    String v = raw(key).text();
    if (v == null || v.isBlank()) {
      return List.of();
    }
    return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
  }

  // ---- assembly and cross-key rules ---------------------------------------------------------

  private ExporterConfig build(boolean demo) {
    String listenAddress = str("listen_address");
    int listenPort = integer("listen_port");
    Path stateDir = Path.of(str("state_dir").isEmpty() ? "./state" : str("state_dir"));
    Duration pollInterval = duration("poll_interval");
    String logLevel = str("log_level");

    String baseUrl = str("cloudflare.base_url");
    String token = optional("cloudflare.api_token");
    String key = optional("cloudflare.api_key");
    String email = optional("cloudflare.email");
    List<Account> accounts = accounts(token, key, email);
    boolean needsDefaultCredential = accounts.stream().anyMatch(a -> a.apiToken() == null && a.apiKey() == null);
    if (!demo) {
      if ((accounts.isEmpty() || needsDefaultCredential) && token == null && (key == null || email == null)) {
        problems.add(new ConfigProblem("cloudflare.api_token", "CLOUDFLARE_API_TOKEN", null,
            "a Cloudflare API token (CLOUDFLARE_API_TOKEN), or CLOUDFLARE_API_KEY with CLOUDFLARE_EMAIL;"
                + " or run with --demo to use the built-in simulator"));
      }
      if (accounts.isEmpty()) {
        problems.add(new ConfigProblem("cloudflare.account_ids", "CLOUDFLARE_ACCOUNT_ID", null,
            "at least one account id (CLOUDFLARE_ACCOUNT_ID, comma-separated for several)"));
      }
    }
    accounts = accounts.stream().map(a -> a.apiToken() != null || a.apiKey() != null ? a
        : new Account(a.id(), a.name(), token, token == null ? key : null, token == null ? email : null)).toList();
    Duration initial = duration("cloudflare.retry_initial_backoff");
    Duration max = duration("cloudflare.retry_max_backoff");
    if (max.compareTo(initial) < 0) {
      problems.add(new ConfigProblem("cloudflare.retry_max_backoff", raw("cloudflare.retry_max_backoff").source(),
          Durations.format(max), "at least cloudflare.retry_initial_backoff (" + Durations.format(initial) + ")"));
    }
    ExporterConfig.Cloudflare cf = new ExporterConfig.Cloudflare(baseUrl, accounts,
        duration("cloudflare.request_timeout"), integer("cloudflare.max_retries"), initial, max,
        integer("cloudflare.budget_requests"), duration("cloudflare.budget_window"),
        ratio("cloudflare.admin_budget_share"));

    ExporterConfig.Connectors connectors = new ExporterConfig.Connectors(
        duration("connectors.discovery_interval"),
        ExporterConfig.SnapshotStrategy.valueOf(str("connectors.snapshot_strategy").toUpperCase(Locale.ROOT)),
        duration("connectors.events_lookback"), bool("connectors.dhcp_lease_series"),
        duration("connectors.checkpoint_grace_period"));

    ExporterConfig.Sources sources = new ExporterConfig.Sources(duration("sources.tunnels_interval"),
        duration("sources.pcaps_interval"), duration("sources.services_interval"),
        duration("sources.inventory_interval"), integer("sources.services_per_page"),
        integer("sources.sites_per_cycle"), bool("sources.route_series"));

    String adminAddress = str("admin.address");
    String adminToken = optional("admin.token");
    String readToken = optional("admin.read_token");
    boolean adminEnabled = bool("admin.enabled");
    if (adminEnabled && adminToken == null && readToken == null && !isLoopback(adminAddress)) {
      problems.add(new ConfigProblem("admin.address", raw("admin.address").source(), adminAddress,
          "a loopback address (127.0.0.1, ::1) unless admin.token or admin.read_token is set"));
    }
    if (adminToken != null && adminToken.equals(readToken)) {
      problems.add(new ConfigProblem("admin.read_token", raw("admin.read_token").source(), "<redacted>",
          "a token different from admin.token"));
    }
    ExporterConfig.Admin admin = new ExporterConfig.Admin(adminEnabled, adminAddress, integer("admin.port"),
        adminToken, readToken, duration("admin.cache_ttl"));
    if (adminEnabled && admin.port() != 0 && admin.port() == listenPort) {
      problems.add(new ConfigProblem("admin.port", raw("admin.port").source(), Integer.toString(admin.port()),
          "a port different from listen_port"));
    }

    ExporterConfig.Demo demoWorld = new ExporterConfig.Demo(integer("demo.connectors"), integer("demo.seed"));
    int total = integer("total_shards");
    int shard = shardOrdinal();
    if (shard >= total) {
      problems.add(new ConfigProblem("shard", raw("shard").source(), Integer.toString(shard),
          "a shard ordinal below total_shards (" + total + ")"));
    }
    checkStateDir(stateDir);
    return new ExporterConfig(listenAddress, listenPort, stateDir, pollInterval, demo, cf, connectors, sources,
        admin, demoWorld, new ExporterConfig.Sharding(shard, total), logLevel, listeners());
  }

  private ExporterConfig.Listeners listeners() {
    return new ExporterConfig.Listeners(integer("listen_max_connections"), duration("listen_idle_timeout"),
        integer("admin.max_connections"), duration("admin.idle_timeout"), duration("admin.body_timeout"),
        integer("admin.max_buffered_bytes"), list("admin.allowed_hosts"));
  }

  /**
   * The accounts of {@code cloudflare.account_ids} (default credential, no name) and of
   * {@code cloudflare.accounts} ({@code ID[:NAME][@TOKEN_VARIABLE]}); credentials are filled in
   * later for those without their own. An account listed twice is a problem.
   */
  private List<Account> accounts(String token, String key, String email) {
    List<Account> out = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    Raw idsRaw = raw("cloudflare.account_ids");
    for (String id : list("cloudflare.account_ids")) {
      if (!ACCOUNT_ID.matcher(id).matches()) {
        problems.add(new ConfigProblem("cloudflare.account_ids", idsRaw.source(), id,
            "account ids of 1 to 32 letters and digits (as in the dashboard URL)"));
      } else if (seen.add(id)) {
        out.add(new Account(id, null, null, null, null));
      }
    }
    Raw raw = raw("cloudflare.accounts");
    for (String entry : list("cloudflare.accounts")) {
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
    if (values.containsKey("shard")) {
      return integer("shard");
    }
    if (values.containsKey("total_shards")) {
      String host = env.getOrDefault("POD_NAME", env.get("HOSTNAME"));
      if (host != null) {
        Matcher m = POD_ORDINAL.matcher(host);
        if (m.matches()) {
          return Integer.parseInt(m.group(1));
        }
      }
    }
    return integer("shard");
  }

  /** The same check the checkpoint store relies on: a durably written and renamed file. */
  private void checkStateDir(Path dir) {
    Raw r = raw("state_dir");
    dev.magicexporter.state.CheckpointStore.checkStateDir(dir).ifPresent(why -> problems.add(new ConfigProblem(
        "state_dir", r.source() == null ? "default" : r.source(), dir.toString(), "a writable directory (" + why + ")")));
  }

  private static boolean isLoopback(String address) {
    if (address.equalsIgnoreCase("localhost")) {
      return true;
    }
    try {
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
