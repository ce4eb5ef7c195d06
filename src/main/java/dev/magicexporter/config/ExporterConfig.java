package dev.magicexporter.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The validated configuration. Built only by {@link ConfigLoader} from {@code exporter.yaml} plus
 * {@code MAGIC_EXPORTER_*} and {@code CLOUDFLARE_*} environment variables; every key is listed,
 * typed and documented once in {@link ConfigKeys}.
 */
public record ExporterConfig(
    String listenAddress,
    int listenPort,
    Path stateDir,
    Duration pollInterval,
    boolean demo,
    Cloudflare cloudflare,
    Connectors connectors,
    Sources sources,
    Analytics analytics,
    Admin admin,
    Demo demoWorld,
    Sharding sharding,
    String logLevel,
    MetricFilters metricFilters,
    Listeners listeners,
    BudgetPolicy budget) {

  /**
   * Which families and labels the metrics endpoint leaves out ({@code metrics.*}): patterns are
   * valid regular expressions and at most one of the two lists is set.
   */
  public record MetricFilters(List<String> allowlist, List<String> denylist, List<String> labelDenylist) {
    public MetricFilters {
      allowlist = List.copyOf(allowlist);
      denylist = List.copyOf(denylist);
      labelDenylist = List.copyOf(labelDenylist);
    }

    /** Nothing filtered. */
    public static MetricFilters none() {
      return new MetricFilters(List.of(), List.of(), List.of());
    }
  }

  /**
   * The defences of the two listeners against their peers (the admin API's address, port and
   * tokens are in {@link Admin}); {@code webConfigFile} and {@code webConfig} (as read at start)
   * are null without {@code web_config_file}.
   */
  public record Listeners(
      int metricsMaxConnections,
      Duration metricsIdleTimeout,
      int adminMaxConnections,
      Duration adminIdleTimeout,
      Duration adminBodyTimeout,
      long adminMaxBufferedBytes,
      List<String> adminAllowedHosts,
      Path webConfigFile,
      dev.magicexporter.listen.WebConfig webConfig) {}

  /** Where and as whom the daemon talks to Cloudflare. Secrets are never in {@code toString}. */
  public record Cloudflare(
      String baseUrl,
      List<Account> accounts,
      Duration requestTimeout,
      int maxRetries,
      Duration retryInitialBackoff,
      Duration retryMaxBackoff,
      int budgetRequests,
      Duration budgetWindow,
      double adminBudgetShare) {}

  /**
   * One account and the credential used for it. Accounts sharing a credential share its budget.
   *
   * @param name optional human name, exported as the {@code account_name} label
   */
  public record Account(String id, String name, String apiToken, String apiKey, String email) {
    @Override
    public String toString() {
      return "Account[id=" + id + ", name=" + name + ", credential=" + (apiToken != null ? "token" : "key") + "]";
    }
  }

  /** Connector telemetry. */
  public record Connectors(
      Duration discoveryInterval,
      SnapshotStrategy snapshotStrategy,
      Duration eventsLookback,
      boolean dhcpLeaseSeries,
      Duration checkpointGracePeriod) {}

  /** How the newest snapshot is found: one {@code latest} call, or paging the snapshot list. */
  public enum SnapshotStrategy { LATEST, LIST }

  /** Account-level sources, each on its own interval. */
  public record Sources(
      Duration tunnelsInterval,
      Duration pcapsInterval,
      Duration servicesInterval,
      Duration inventoryInterval,
      int servicesPerPage,
      int sitesPerCycle,
      boolean routeSeries) {}

  /** The GraphQL Analytics feeds (see {@code analytics.*} in {@link ConfigKeys}). */
  public record Analytics(
      boolean enabled,
      Duration interval,
      Duration delay,
      Duration initialLookback,
      Duration maxWindow,
      int limit,
      boolean dataCenterSeries,
      int budgetQueries,
      Duration budgetWindow) {}

  /**
   * The embedded admin API. A null token disables that role. {@code strictFields}: refuse body
   * fields the reference does not document instead of forwarding them with a warning.
   */
  public record Admin(
      boolean enabled, String address, int port, String token, String readToken, Duration cacheTtl,
      boolean strictFields) {
    @Override
    public String toString() {
      return "Admin[enabled=" + enabled + ", address=" + address + ", port=" + port
          + ", token=" + (token == null ? "unset" : "set") + ", readToken=" + (readToken == null ? "unset" : "set")
          + ", cacheTtl=" + cacheTtl + ", strictFields=" + strictFields + "]";
    }
  }

  /** The simulated world of {@code --demo}. */
  public record Demo(int connectors, long seed) {}

  /** kube-state-metrics style sharding: this replica polls the connectors hashed to {@code shard}. */
  public record Sharding(int shard, int totalShards) {}

  /**
   * How much of each credential's limit this replica plans to spend.
   *
   * @param share part of {@code cloudflare.budget_requests} the exporter plans to use, in (0, 1]
   * @param shardShare this replica's part of that; 0 means 1 / total_shards
   * @param maxInFlight poller requests of one credential in flight at once
   */
  public record BudgetPolicy(double share, double shardShare, int maxInFlight) {}
}
