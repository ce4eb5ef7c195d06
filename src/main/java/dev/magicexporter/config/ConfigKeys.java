package dev.magicexporter.config;

import static dev.magicexporter.config.ConfigKey.Type.ADDRESS;
import static dev.magicexporter.config.ConfigKey.Type.BOOL;
import static dev.magicexporter.config.ConfigKey.Type.DURATION;
import static dev.magicexporter.config.ConfigKey.Type.INT;
import static dev.magicexporter.config.ConfigKey.Type.LIST;
import static dev.magicexporter.config.ConfigKey.Type.PATH;
import static dev.magicexporter.config.ConfigKey.Type.PORT;
import static dev.magicexporter.config.ConfigKey.Type.RATIO;
import static dev.magicexporter.config.ConfigKey.Type.STRING;
import static dev.magicexporter.config.ConfigKey.Type.URL;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every configuration key of the daemon, once. The loader, the commented default
 * {@code config/exporter.yaml} and the README's reference are all derived from this table (a test
 * keeps the committed files in step).
 */
public final class ConfigKeys {
  /**
   * The metrics port. Prometheus' default port allocations list has no free port left in
   * 9100-9999; new exporters take ports above 10000, and these two were free there.
   */
  public static final int DEFAULT_LISTEN_PORT = 10071;

  public static final int DEFAULT_ADMIN_PORT = 10072;

  public static final List<ConfigKey> ALL = List.of(
      ConfigKey.of("listen_address", ADDRESS, "0.0.0.0",
          "Address of the metrics listener (/metrics, /healthz, /readyz)."),
      ConfigKey.of("listen_port", PORT, Integer.toString(DEFAULT_LISTEN_PORT),
          "Port of the metrics listener. 10071 lies past Prometheus' full 9100-9999 exporter range."),
      ConfigKey.of("listen_max_connections", INT, "256",
          "Open connections the metrics listener allows; at the cap a new one evicts the longest idle one. "
              + "Lowered at start if the caps of both listeners would leave under a quarter of the file "
              + "descriptor limit for checkpoints and API clients.").range(1, 100_000),
      ConfigKey.of("web_config_file", PATH, "",
          "Prometheus exporter-toolkit web config file (also --web.config.file): tls_server_config and "
              + "basic_auth_users for /metrics and the landing page; /healthz and /readyz stay open. "
              + "Checked for changes every 2 s."),
      ConfigKey.of("listen_idle_timeout", DURATION, "2m",
          "A metrics connection without traffic for this long is closed.").range(1, 86_400),
      ConfigKey.of("state_dir", PATH, "./state",
          "Directory for event checkpoints and counter totals; must be writable. Keep it on a volume."),
      ConfigKey.of("poll_interval", DURATION, "60s",
          "Time between two polls of each connector's snapshot and events.").range(1, 86_400),
      ConfigKey.of("log_level", STRING, "INFO", "Log level of the daemon: ERROR, WARN, INFO, DEBUG or TRACE.")
          .oneOf("ERROR", "WARN", "INFO", "DEBUG", "TRACE"),

      ConfigKey.of("cloudflare.base_url", URL, "https://api.cloudflare.com/client/v4",
          "Base URL of the Cloudflare v4 API.").withAliases("CLOUDFLARE_BASE_URL"),
      ConfigKey.of("cloudflare.account_ids", LIST, "",
          "Account ids to watch (comma-separated in the environment).").withAliases("CLOUDFLARE_ACCOUNT_ID"),
      ConfigKey.of("cloudflare.accounts", LIST, "",
          "Accounts with a name and, optionally, a credential of their own, as ID[:NAME][@TOKEN_VARIABLE]: "
              + "the token is read from the named environment variable, so each credential has its own "
              + "request budget; without @ the account uses the default credential below."),
      ConfigKey.of("cloudflare.api_token", STRING, "",
          "API token, sent as Bearer. Prefer the environment or a secret over the file.")
          .withAliases("CLOUDFLARE_API_TOKEN").asSecret(),
      ConfigKey.of("cloudflare.api_key", STRING, "",
          "Legacy global API key (X-Auth-Key); needs cloudflare.email. Use a token when you can.")
          .withAliases("CLOUDFLARE_API_KEY").asSecret(),
      ConfigKey.of("cloudflare.email", STRING, "",
          "E-mail of the legacy API key (X-Auth-Email).").withAliases("CLOUDFLARE_EMAIL"),
      ConfigKey.of("cloudflare.request_timeout", DURATION, "30s",
          "Timeout of one API request.").range(0.1, 600),
      ConfigKey.of("cloudflare.max_retries", INT, "2",
          "Retries of a failed request (408, 409, 429, 5xx, connection errors).").range(0, 10),
      ConfigKey.of("cloudflare.retry_initial_backoff", DURATION, "500ms",
          "First retry delay; doubles each retry, minus up to 25% jitter.").range(0, 60),
      ConfigKey.of("cloudflare.retry_max_backoff", DURATION, "8s",
          "Longest retry delay.").range(0, 600),
      ConfigKey.of("cloudflare.budget_requests", INT, "1200",
          "Requests a credential may make per budget window (Cloudflare's global limit per user or token, "
              + "shared with every other tool of that user).").range(1, 1_000_000),
      ConfigKey.of("cloudflare.budget_window", DURATION, "300s",
          "The budget window.").range(1, 86_400),
      ConfigKey.of("cloudflare.budget_share", RATIO, "0.5",
          "Part of budget_requests the exporter plans to use (more than 0); the rest is left to the dashboard, "
              + "Terraform and other tools of the same user. Logged at start."),
      ConfigKey.of("cloudflare.shard_budget_share", RATIO, "0",
          "This replica's part of the planned budget when replicas share a credential; 0 means 1/total_shards."),
      ConfigKey.of("cloudflare.admin_budget_share", RATIO, "0.1",
          "Share of the budget reserved for admin API calls."),
      ConfigKey.of("cloudflare.max_in_flight", INT, "4",
          "Poller requests of one credential sent at the same time; the first pass after a start bursts "
              + "this many at a time.").range(1, 64),

      ConfigKey.of("connectors.discovery_interval", DURATION, "5m",
          "Time between two listings of the accounts' connectors.").range(1, 86_400),
      ConfigKey.of("connectors.snapshot_strategy", STRING, "latest",
          "latest: one snapshots/latest request per cycle; list: page the snapshot list, count "
              + "every snapshot and detect gaps, then fetch only the newest.").oneOf("latest", "list"),
      ConfigKey.of("connectors.events_lookback", DURATION, "1h",
          "On first start, count events from this long ago.").range(0, 30 * 86_400),
      ConfigKey.of("connectors.dhcp_lease_series", BOOL, "false",
          "Export one series per DHCP lease (host names, MAC addresses: personal data). Off: a count per interface."),
      ConfigKey.of("connectors.checkpoint_grace_period", DURATION, "24h",
          "How long the checkpoint of a connector removed from the account is kept.").range(0, 365 * 86_400),

      ConfigKey.of("sources.tunnels_interval", DURATION, "60s",
          "Time between two polls of GRE and IPsec tunnels and interconnects.").range(1, 86_400),
      ConfigKey.of("sources.pcaps_interval", DURATION, "60s",
          "Time between two polls of packet captures and their buckets.").range(1, 86_400),
      ConfigKey.of("sources.services_interval", DURATION, "5m",
          "Time between two polls of Workers VPC connectivity services.").range(1, 86_400),
      ConfigKey.of("sources.inventory_interval", DURATION, "5m",
          "Time between two polls of sites, LANs, WANs, ACLs, apps, app configs and routes.").range(1, 86_400),
      ConfigKey.of("sources.services_per_page", INT, "100",
          "Page size when listing Workers VPC connectivity services.").range(1, 1000),
      ConfigKey.of("sources.sites_per_cycle", INT, "25",
          "Sites whose LANs, WANs, ACLs and app configs are refreshed per inventory cycle (4 requests each).")
          .range(1, 10_000),
      ConfigKey.of("sources.route_series", BOOL, "false",
          "Export one series per route (prefix, nexthop, priority, scope). Off: counts only."),

      ConfigKey.of("analytics.enabled", BOOL, "true",
          "Poll the GraphQL Analytics API per account (tunnel health per data center, SLOs, tunnel traffic, Magic "
              + "Firewall rules). The token needs Account Analytics Read."),
      ConfigKey.of("analytics.interval", DURATION, "60s",
          "Time between two analytics polls of each account (one request carries every dataset).").range(10, 86_400),
      ConfigKey.of("analytics.delay", DURATION, "5m",
          "Only minutes that ended at least this long ago are read: analytics arrive late, and a minute is "
              + "counted once, so it must be complete (Cloudflare's own exporter waits 300 s).").range(60, 86_400),
      ConfigKey.of("analytics.initial_lookback", DURATION, "1h",
          "On the first start (no checkpoint), count traffic, health checks and firewall hits from this long ago.")
          .range(0, 7 * 86_400),
      ConfigKey.of("analytics.max_window", DURATION, "1h",
          "Widest window one query counts; a longer gap (after downtime) is caught up in steps of this size.")
          .range(60, 86_400),
      ConfigKey.of("analytics.limit", INT, "10000",
          "Most groups a dataset may return per query (its limit argument); a window that fills it is split.")
          .range(1, 10_000),
      ConfigKey.of("analytics.data_center_series", BOOL, "false",
          "Export each tunnel's state per Cloudflare data center (tunnels x data centers series). Off: per tunnel "
              + "the worst and average state and the number of data centers in each state."),
      ConfigKey.of("analytics.budget_queries", INT, "300",
          "GraphQL queries (dataset nodes) allowed per budget window and credential: Cloudflare's GraphQL user "
              + "quota, on top of the REST request budget. At least 5: one request asks up to five datasets.")
          .range(5, 1_000_000),
      ConfigKey.of("analytics.budget_window", DURATION, "300s", "The GraphQL budget window.").range(1, 86_400),

      ConfigKey.of("metrics.allowlist", LIST, "",
          "Expose only the metric families whose name matches one of these regular expressions, matched "
              + "anywhere in the name as kube-state-metrics' --metric-allowlist (anchor with ^ and $; no commas). "
              + "Exclusive with metrics.denylist."),
      ConfigKey.of("metrics.denylist", LIST, "",
          "Do not expose the metric families whose name matches one of these regular expressions (as "
              + "kube-state-metrics' --metric-denylist). A filtered family costs nothing at scrape time."),
      ConfigKey.of("metrics.label_denylist", LIST, "",
          "Labels to leave out, e.g. serial_number, in the families that declare them droppable (removing "
              + "them merges no series); the families that keep them are listed in /status and the log."),

      ConfigKey.of("admin.enabled", BOOL, "true", "Start the admin API listener."),
      ConfigKey.of("admin.address", ADDRESS, "127.0.0.1",
          "Address of the admin API. A non-loopback address requires admin.token."),
      ConfigKey.of("admin.port", PORT, Integer.toString(DEFAULT_ADMIN_PORT), "Port of the admin API."),
      ConfigKey.of("admin.token", STRING, "", "Admin token for reads and writes.").asSecret(),
      ConfigKey.of("admin.read_token", STRING, "", "Admin token for reads only.").asSecret(),
      ConfigKey.of("admin.cache_ttl", DURATION, "5s",
          "How long admin GET answers are cached.").range(0, 3600),
      ConfigKey.of("admin.strict_fields", BOOL, "false",
          "Refuse (400) admin request body fields the API reference does not document. Off: they are "
              + "forwarded to Cloudflare with a warning in the answer's messages."),
      ConfigKey.of("admin.allowed_hosts", LIST, "",
          "Host header names the admin API answers to besides localhost, loopback and IP literals and the "
              + "bind address (against DNS rebinding); * accepts any."),
      ConfigKey.of("admin.max_connections", INT, "64",
          "Open connections the admin listener allows; at the cap a new one evicts the longest idle one.")
          .range(1, 100_000),
      ConfigKey.of("admin.idle_timeout", DURATION, "60s",
          "An admin connection without traffic for this long is closed.").range(1, 86_400),
      ConfigKey.of("admin.body_timeout", DURATION, "30s",
          "A request body must arrive whole within this (408 and the connection closed otherwise).")
          .range(1, 3600),
      ConfigKey.of("admin.max_buffered_bytes", INT, "16777216",
          "Request body bytes the admin API holds at once across all requests; a request over it gets 503 "
              + "before its body is read.").range(1_048_576, Integer.MAX_VALUE),

      ConfigKey.of("demo.connectors", INT, "3",
          "With --demo: connectors of the simulated account.").range(1, 10_000),
      ConfigKey.of("demo.seed", INT, "42", "With --demo: seed of the simulated world."),

      ConfigKey.of("shard", INT, "0",
          "This replica's shard ordinal (0-based). Derived from a StatefulSet pod name when unset there.")
          .range(0, 1_000),
      ConfigKey.of("total_shards", INT, "1", "Number of replicas sharing the connectors.").range(1, 1_000));

  private static final Map<String, ConfigKey> BY_NAME = new LinkedHashMap<>();

  static {
    for (ConfigKey k : ALL) {
      BY_NAME.put(k.name(), k);
    }
  }

  private ConfigKeys() {}

  public static ConfigKey get(String name) {
    ConfigKey k = BY_NAME.get(name);
    if (k == null) {
      throw new IllegalArgumentException("no config key " + name);
    }
    return k;
  }

  public static Map<String, ConfigKey> byName() {
    return BY_NAME;
  }
}
