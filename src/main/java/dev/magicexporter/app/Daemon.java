package dev.magicexporter.app;

import dev.magicexporter.admin.AdminOptions;
import dev.magicexporter.admin.AdminServer;
import dev.magicexporter.admin.ClientUpstream;
import dev.magicexporter.admin.DaemonStatus;
import dev.magicexporter.admin.StatusAdapters;
import dev.magicexporter.client.BudgetClock;
import dev.magicexporter.client.BudgetShare;
import dev.magicexporter.client.CloudflareApi;
import dev.magicexporter.listen.FdHeadroom;
import dev.magicexporter.listen.ListenerLimits;
import dev.magicexporter.listen.WebSecurity;
import dev.magicexporter.config.ExporterConfig;
import dev.magicexporter.metrics.ConnectorEventsCollector;
import dev.magicexporter.metrics.connector.ConnectorMetrics;
import dev.magicexporter.poll.ConnectorDiscoveryPoller;
import dev.magicexporter.poll.EventsPoller;
import dev.magicexporter.poll.EventsSettings;
import dev.magicexporter.poll.BudgetSchedule;
import dev.magicexporter.poll.ConnectorSchedule;
import dev.magicexporter.poll.ConnectorTrouble;
import dev.magicexporter.poll.Readiness;
import dev.magicexporter.poll.Pacer;
import dev.magicexporter.poll.SourceLoads;
import dev.magicexporter.client.RequestBudget;
import dev.magicexporter.client.graphql.GraphQlBudget;
import dev.magicexporter.poll.LatestSnapshotPlanner;
import dev.magicexporter.poll.ListSnapshotPlanner;
import dev.magicexporter.poll.SnapshotPlanner;
import dev.magicexporter.poll.SnapshotPoller;
import dev.magicexporter.state.CheckpointStore;
import dev.magicexporter.state.FutureCheckpoints;
import dev.magicexporter.store.ConnectorDirectory;
import dev.magicexporter.store.ConnectorStore;
import dev.magicexporter.store.SnapshotStore;
import dev.magicexporter.metrics.Metrics;
import dev.magicexporter.metrics.MetricsEndpoint;
import dev.magicexporter.metrics.filter.MetricFilter;
import dev.magicexporter.config.Durations;
import dev.magicexporter.metrics.analytics.AnalyticsCollectors;
import dev.magicexporter.metrics.magic.MagicCollectors;
import dev.magicexporter.model.analytics.AccountAnalytics;
import dev.magicexporter.poll.analytics.AnalyticsPoller;
import dev.magicexporter.poll.analytics.AnalyticsQuota;
import dev.magicexporter.poll.analytics.AnalyticsSettings;
import dev.magicexporter.state.AnalyticsCheckpointStore;
import dev.magicexporter.store.AccountStore;
import dev.magicexporter.poll.PollScheduler;
import dev.magicexporter.poll.source.AccountTarget;
import dev.magicexporter.poll.source.MagicPollers;
import dev.magicexporter.poll.source.SourceHealth;
import dev.magicexporter.sim.SimClock;
import dev.magicexporter.sim.SimOptions;
import dev.magicexporter.sim.Simulator;
import dev.magicexporter.store.MagicStores;
import dev.magicexporter.store.ShardAssignment;
import dev.magicexporter.metrics.self.SelfMetrics;
import io.prometheus.metrics.core.metrics.Info;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the daemon from a validated configuration: (in demo mode) the simulator, one API client
 * per credential, the pollers on the scheduler, the collectors, the metrics listener and the
 * admin API.
 */
public final class Daemon {
  private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);
  /** How often a quiet connector's progress (not its counts) is written to its checkpoint. */
  private static final Duration CHECKPOINT_FLUSH = Duration.ofMinutes(10);
  /** Connectors whose snapshots are fetched at the same time. */
  private static final int SNAPSHOT_CONCURRENCY = 8;

  private final Vertx vertx;
  private final ExporterConfig config;
  private final Metrics metrics = new Metrics();
  private final PollScheduler scheduler;
  private final ShardAssignment shard;
  /** Spreads the connector pollers' requests over their cycle; stopped first on shutdown. */
  private final Pacer pacer;
  private final ConnectorDirectory directory = new ConnectorDirectory();
  private final CheckpointStore checkpoints;
  private final Readiness readiness;
  private volatile boolean stopped;
  /** The account-level sources' stores; the analytics join their tunnels by name. */
  private final MagicStores tunnelStores = new MagicStores();
  private SourceHealth sourceHealth;
  private Simulator simulator;
  private AccountClients clients;
  private HttpEndpoints http;
  private MetricsEndpoint metricsEndpoint;
  private AdminServer admin;
  private String adminDeployment;

  public Daemon(Vertx vertx, ExporterConfig config) {
    this.vertx = vertx;
    this.config = config;
    this.scheduler = new PollScheduler(vertx, metrics);
    this.readiness = new Readiness(scheduler);
    this.pacer = Pacer.vertx(vertx);
    this.shard = new ShardAssignment(config.sharding().shard(), config.sharding().totalShards());
    // No I/O here: start() loads the checkpoint files on a worker thread before the pollers start.
    this.checkpoints = new CheckpointStore(vertx, config.stateDir(), Clock.systemUTC(),
        config.connectors().checkpointGracePeriod(), CHECKPOINT_FLUSH,
        new FutureCheckpoints(FutureCheckpoints.DEFAULT_TOLERANCE, config.connectors().eventsLookback()),
        directory, metrics.registry());
  }

  public Metrics metrics() {
    return metrics;
  }

  public PollScheduler scheduler() {
    return scheduler;
  }

  /** The simulator of demo mode, or null. */
  public Simulator simulator() {
    return simulator;
  }

  /** The metrics listener's port (useful when configured as 0). */
  public int metricsPort() {
    return http.actualPort();
  }

  /** The admin listener's port, or -1 when the admin API is off. */
  public int adminPort() {
    return admin == null ? -1 : admin.actualPort();
  }

  public Future<Void> start() {
    registerSelfInfo();
    // The checkpoints are in memory before anything can read or count them.
    return checkpoints.start().compose(loaded ->
        config.demo() ? startSimulator() : Future.succeededFuture(config.cloudflare())).compose(cf -> {
      ExporterConfig.BudgetPolicy policy = config.budget();
      BudgetShare share = BudgetShare.of(cf.budgetRequests(), cf.budgetWindow(), policy.share(), policy.shardShare(),
          shard.totalShards(), cf.adminBudgetShare(), policy.maxInFlight());
      clients = new AccountClients(vertx, cf, cf.baseUrl(), share, metrics.registry());
      sourceHealth = new SourceHealth(metrics.registry());
      registerAccounts(cf.accounts());
      wireConnectors();
      wireSources();
      return wireAnalytics();
    }).compose(v -> {
      ExporterConfig.MetricFilters f = config.metricFilters();
      metricsEndpoint = new MetricsEndpoint(metrics, MetricFilter.of(f.allowlist(), f.denylist(), f.labelDenylist()));
      metricsEndpoint.filterReport().lines().forEach(LOG::info);
      List<ListenerLimits> fitted = fittedListenerLimits();
      startAdmin(fitted.get(1));
      http = new HttpEndpoints(vertx, metricsEndpoint, this::notReadyReason, Version.get(), config.demo(),
          fitted.get(0), metrics.registry());
      ExporterConfig.Listeners l = config.listeners();
      if (l.webConfig() != null) {
        http.withSecurity(new WebSecurity(vertx, l.webConfigFile(), l.webConfig(), metrics.registry()));
      }
      return http.start(config.listenAddress(), config.listenPort());
    }).compose(server -> admin == null ? Future.succeededFuture(server)
        : vertx.deployVerticle(admin).map(id -> {
          adminDeployment = id;
          return server;
        })).map(server -> {
      LOG.info("magic-exporter {} serving metrics on " + (config.listeners().webConfig() != null
          && config.listeners().webConfig().tls() != null ? "https" : "http") + "://{}:{}/metrics ({} account(s), shard {} of {})",
          Version.get(), config.listenAddress(), server.actualPort(), clients.accountIds().size(),
          shard.shard(), shard.totalShards());
      scheduler.start();
      return null;
    });
  }

  private void registerSelfInfo() {
    SelfMetrics.BUILD_INFO.info(metrics.prometheusRegistry()).setLabelValues(Version.get(), System.getProperty("java.version"), Boolean.toString(config.demo()));
    SelfMetrics.SHARD.gauge(metrics.registry(), shard, ShardAssignment::shard);
    SelfMetrics.SHARDS.gauge(metrics.registry(), shard, ShardAssignment::totalShards);
  }

  /**
   * One {@code cloudflare_account_info{account_id, account_name}} series per account: the name is
   * joined in queries ({@code * on(account_id) group_left(account_name)}) instead of being copied
   * onto every object series.
   */
  private void registerAccounts(List<ExporterConfig.Account> accounts) {
    Info info = SelfMetrics.ACCOUNT_INFO.info(metrics.prometheusRegistry());
    for (ExporterConfig.Account a : accounts) {
      info.addLabelValues(a.id(), a.name() == null ? "" : a.name());
    }
  }

  /** Discovery, snapshots and events of the connectors this shard owns. */
  private void wireConnectors() {
    Map<String, CloudflareApi> byAccount = clients.apis();
    ConnectorStore connectorStore = new ConnectorStore();
    SnapshotStore snapshotStore = new SnapshotStore(directory);
    boolean list = config.connectors().snapshotStrategy() == ExporterConfig.SnapshotStrategy.LIST;
    SnapshotPlanner planner = list
        ? new ListSnapshotPlanner(clients::api, directory, checkpoints, Clock.systemUTC(),
            config.connectors().eventsLookback(), EventsSettings.DEFAULT_SETTLE)
        : new LatestSnapshotPlanner(checkpoints);
    new ConnectorMetrics(connectorStore, snapshotStore, config.connectors().dhcpLeaseSeries()).registerWith(metrics);
    metrics.register(new ConnectorEventsCollector(checkpoints, directory, Clock.systemUTC(), list).familyCollector());

    ConnectorDiscoveryPoller discovery = new ConnectorDiscoveryPoller(byAccount, directory, connectorStore,
        config.connectors().discoveryInterval(), shard);
    scheduler.add(discovery);
    EventsSettings events = EventsSettings.of(config.pollInterval(), config.connectors().eventsLookback())
        .withAdaptiveCadence(EventsSettings.DEFAULT_MAX_QUIET_SKIPPED, EventsSettings.DEFAULT_POLL_SHARE);
    ConnectorSchedule schedule = connectorSchedule(new BudgetSchedule.Cost(list ? 2 : 1, events.requestsPerConnector()));
    SnapshotPoller snapshots = new SnapshotPoller(byAccount, directory, planner, snapshotStore, schedule, pacer,
        SNAPSHOT_CONCURRENCY, () -> System.currentTimeMillis() / 1000.0);
    EventsPoller eventsPoller = new EventsPoller(clients::api, directory, checkpoints, events, schedule, pacer,
        Clock.systemUTC(), metrics.registry());
    scheduler.addAfter(snapshots, discovery);
    scheduler.addAfter(eventsPoller, discovery);
    readiness.withFirstPass(snapshots.name(), snapshots::progress).withFirstPass(eventsPoller.name(),
        eventsPoller::progress);
    // Connectors discovery finds (at start, and later) get their first pass at once, not next round.
    directory.onAdded(added -> {
      if (!stopped) {
        snapshots.pollNew();
        eventsPoller.pollNew();
      }
    });
  }

  /** The connector cycle from each credential's budget, less what its account-level pollers spend here. */
  private ConnectorSchedule connectorSchedule(BudgetSchedule.Cost cost) {
    ExporterConfig.Sources s = config.sources();
    List<ConnectorSchedule.CredentialLoad> loads = new ArrayList<>();
    for (ClientStack c : clients.stacks()) {
      RequestBudget b = c.budget();
      long accounts = clients.accountsOf(c);
      List<BudgetSchedule.Load> sourceLoads = new ArrayList<>(SourceLoads.of((int) accounts,
          shard.ownsAccountSources(), s.tunnelsInterval(), s.pcapsInterval(), s.servicesInterval(),
          s.inventoryInterval(), s.sitesPerCycle(), config.connectors().discoveryInterval()));
      if (config.analytics().enabled() && shard.ownsAccountSources()) {
        // one GraphQL request per account and cycle, which the REST budget counts too
        sourceLoads.add(new BudgetSchedule.Load("analytics", accounts, analyticsInterval()));
      }
      // The budget as allowed now: after a 429 it is lower for a while, and the cycle follows.
      loads.add(new ConnectorSchedule.CredentialLoad(b.credentialId(),
          () -> new BudgetSchedule.Budget(b.credentialId(), b.allowed(), b.reserved(), b.window()), sourceLoads));
    }
    return new ConnectorSchedule(config.pollInterval(), cost, loads,
        account -> clients.stack(account).budget().credentialId(), directory,
        new ConnectorTrouble(() -> System.currentTimeMillis() / 1000.0), metrics.registry());
  }

  /** Tunnels, captures, services and inventory: account-level, so polled by shard 0 only. */
  private void wireSources() {
    MagicStores stores = tunnelStores;
    new MagicCollectors(stores, config.sources().routeSeries()).register(metrics);
    if (!shard.ownsAccountSources()) {
      return;
    }
    List<AccountTarget> targets = new ArrayList<>();
    clients.accountIds().forEach(id -> targets.add(new AccountTarget(id, clients.api(id))));
    ExporterConfig.Sources s = config.sources();
    MagicPollers.Settings settings = new MagicPollers.Settings(s.tunnelsInterval(), s.pcapsInterval(),
        s.servicesInterval(), s.inventoryInterval(), s.servicesPerPage(), s.sitesPerCycle());
    new MagicPollers(targets, stores, sourceHealth, settings, Clock.systemUTC())
        .pollers().forEach(scheduler::add);
  }

  /**
   * Both listeners' limits as configured, the connection caps lowered when together they would
   * leave too few file descriptors for checkpoints and clients: [metrics, admin].
   */
  private List<ListenerLimits> fittedListenerLimits() {
    ExporterConfig.Listeners l = config.listeners();
    List<ListenerLimits> wanted = new ArrayList<>();
    wanted.add(new ListenerLimits("metrics", l.metricsMaxConnections(), l.metricsIdleTimeout()));
    // A disabled admin API takes no descriptors; 1 keeps the record valid and the sum honest.
    wanted.add(new ListenerLimits("admin", config.admin().enabled() ? l.adminMaxConnections() : 1,
        l.adminIdleTimeout()));
    return FdHeadroom.fit(wanted);
  }

  /**
   * The analytics interval: as configured, or longer when the accounts of one credential would ask
   * more than its GraphQL budget at it (every account asks up to {@link AnalyticsPoller#queriesPerCycle()}).
   */
  private Duration analyticsInterval() {
    ExporterConfig.Analytics a = config.analytics();
    Duration interval = a.interval();
    for (ClientStack c : clients.stacks()) {
      interval = AnalyticsPoller.interval(interval, (int) clients.accountsOf(c), a.budgetQueries(), a.budgetWindow());
    }
    return interval;
  }

  /**
   * The GraphQL analytics feeds: account-level like the sources above (shard 0), their counters
   * continued from the checkpoints in the state directory before the first poll.
   */
  private Future<Void> wireAnalytics() {
    ExporterConfig.Analytics a = config.analytics();
    if (!a.enabled()) {
      LOG.info("GraphQL analytics off (analytics.enabled: false)");
      return Future.succeededFuture();
    }
    AccountStore<AccountAnalytics> store = new AccountStore<>();
    new AnalyticsCollectors(store, tunnelStores, a.dataCenterSeries()).register(metrics);
    if (!shard.ownsAccountSources()) {
      return Future.succeededFuture();
    }
    // one GraphQL quota per credential, like the REST budget, in the same scheduler: the poller
    // waits for its queries before each request, and its request also takes a REST token
    Duration interval = analyticsInterval();
    if (!interval.equals(a.interval())) {
      LOG.warn("GraphQL analytics every {} would ask more than analytics.budget_queries ({}) per {} of a credential; "
          + "polling every {} instead", Durations.format(a.interval()), a.budgetQueries(),
          Durations.format(a.budgetWindow()), Durations.format(interval));
    }
    Map<ClientStack, GraphQlBudget> budgets = new LinkedHashMap<>();
    for (ClientStack c : clients.stacks()) {
      long accounts = clients.accountsOf(c);
      GraphQlBudget b = new GraphQlBudget(c.budget().credentialId(), a.budgetQueries(), a.budgetWindow(),
          BudgetClock.vertx(vertx)).bindTo(metrics.registry());
      budgets.put(c, b);
      long planned = Math.round(accounts * AnalyticsPoller.queriesPerCycle() * (double) a.budgetWindow().toMillis()
          / interval.toMillis());
      LOG.info("GraphQL analytics for credential {}: {} account(s) x up to {} queries every {} = up to {} of {} "
          + "queries per {}", c.budget().credentialId(), accounts, AnalyticsPoller.queriesPerCycle(),
          Durations.format(interval), planned, a.budgetQueries(), Durations.format(a.budgetWindow()));
    }
    List<AnalyticsPoller.Target> targets = new ArrayList<>();
    for (String id : clients.accountIds()) {
      ClientStack c = clients.stack(id);
      GraphQlBudget b = budgets.get(c);
      targets.add(new AnalyticsPoller.Target(id, c.api(), AnalyticsQuota.of(b::acquire, b::exhausted)));
    }
    AnalyticsSettings settings = new AnalyticsSettings(interval, a.delay(), a.initialLookback(), a.maxWindow(),
        a.limit(), a.dataCenterSeries());
    return AnalyticsPoller.create(vertx, targets, store,
        new AnalyticsCheckpointStore(config.stateDir(), Clock.systemUTC(), metrics.registry()), sourceHealth,
        metrics.registry(), settings, Clock.systemUTC()).map(p -> {
          scheduler.add(p);
          return null;
        });
  }

  /** The admin API on its own listener, through the same clients and budgets as the pollers. */
  private void startAdmin(ListenerLimits limits) {
    ExporterConfig.Admin a = config.admin();
    if (!a.enabled()) {
      return;
    }
    ExporterConfig.Listeners l = config.listeners();
    admin = new AdminServer(
        AdminOptions.of(a.address(), a.port(), a.token(), null, a.readToken(), null, a.cacheTtl(), Map.of())
            .withIntake(new AdminOptions.Intake(limits.maxConnections(), l.adminIdleTimeout(), l.adminBodyTimeout(),
                l.adminMaxBufferedBytes(), l.adminAllowedHosts()))
            .withStrictFields(a.strictFields()),
        ClientUpstream.forAccounts(clients.passThroughs()),
        new DaemonStatus(StatusAdapters.pollers(scheduler), StatusAdapters.checkpoints(checkpoints),
            StatusAdapters.budgets(clients.stacks().stream().map(ClientStack::budget).toList()), () -> metricsEndpoint.filterReport().asMaps()),
        metrics.registry());
  }

  /** Starts the simulator and returns the Cloudflare settings that point at it. */
  private Future<ExporterConfig.Cloudflare> startSimulator() {
    SimOptions opts = SimOptions.defaults().withConnectors(config.demoWorld().connectors())
        .withSeed(config.demoWorld().seed());
    simulator = Simulator.withDefaultModules(vertx, opts, SimClock.system());
    return simulator.start().map(port -> {
      LOG.warn("DEMO MODE: all data is SIMULATED by the built-in Cloudflare simulator at {}; "
          + "nothing here comes from a real Cloudflare account", simulator.baseUrl());
      ExporterConfig.Cloudflare cf = config.cloudflare();
      List<ExporterConfig.Account> accounts = opts.accountIds().stream()
          .map(id -> new ExporterConfig.Account(id, "demo", opts.apiToken(), null, null)).toList();
      return new ExporterConfig.Cloudflare(simulator.baseUrl(), accounts, cf.requestTimeout(), cf.maxRetries(),
          cf.retryInitialBackoff(), cf.retryMaxBackoff(), cf.budgetRequests(), cf.budgetWindow(),
          cf.adminBudgetShare());
    });
  }

  private String notReadyReason() {
    return readiness.notReadyReason();
  }

  public Future<Void> stop() {
    stopped = true;
    scheduler.stop();
    pacer.stop();
    Future<Void> h = checkpoints.flush().recover(t -> {
      LOG.warn("could not write every checkpoint on shutdown: {}", t.getMessage());
      return Future.succeededFuture();
    }).compose(v -> http == null ? Future.succeededFuture() : http.stop())
        .compose(v -> adminDeployment == null ? Future.succeededFuture() : vertx.undeploy(adminDeployment));
    return h.compose(v -> clients == null ? Future.succeededFuture() : clients.close())
        .compose(v -> simulator == null ? Future.succeededFuture() : simulator.stop());
  }
}
