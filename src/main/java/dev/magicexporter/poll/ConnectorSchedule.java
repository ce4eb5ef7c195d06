package dev.magicexporter.poll;

import dev.magicexporter.store.ConnectorDirectory;
import dev.magicexporter.store.ConnectorRef;
import dev.magicexporter.metrics.self.SelfMetric;
import dev.magicexporter.metrics.self.SelfMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cycle of the connector pollers (snapshots and events), computed from the request budget of
 * each credential and the connectors it serves (see {@link BudgetSchedule}); the longest of the
 * credentials' cycles is used, so no credential is ever asked for more than its budget. Both
 * pollers spread their requests evenly over this cycle, which keeps the request rate flat.
 *
 * <p>When the configured interval cannot be met, says so once in the log with the numbers, and
 * again only when it can be met again.
 *
 * <p>Its gauges are the {@code cloudflare_exporter_schedule_*} of {@link SelfMetrics}.
 */
public final class ConnectorSchedule {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectorSchedule.class);

  /** A credential's budget and the account-level sources that spend it on this replica. */
  public record CredentialLoad(BudgetSchedule.Budget budget, List<BudgetSchedule.Load> sources) {}

  private final Duration configured;
  private final double requestsPerConnector;
  private final Map<String, CredentialLoad> loads = new LinkedHashMap<>();
  private final Function<String, String> credentialOfAccount;
  private final ConnectorDirectory directory;
  private final Map<String, BudgetSchedule.Plan> plans = new HashMap<>();
  private final Map<String, Boolean> reportedLimited = new HashMap<>();

  /**
   * @param configured config {@code poll_interval}
   * @param requestsPerConnector estimated requests per connector and cycle: 1 per snapshot (2
   *     with the {@code list} strategy) plus the events poll share (1 for a poll every cycle)
   * @param loads each credential's budget and sources
   * @param credentialOfAccount the credential id serving an account id
   */
  public ConnectorSchedule(Duration configured, double requestsPerConnector, List<CredentialLoad> loads,
      Function<String, String> credentialOfAccount, ConnectorDirectory directory, MeterRegistry registry) {
    if (configured.isNegative() || configured.isZero()) {
      throw new IllegalArgumentException("poll interval must be positive, got " + configured);
    }
    if (!(requestsPerConnector > 0)) {
      throw new IllegalArgumentException("requests per connector must be positive, got " + requestsPerConnector);
    }
    this.configured = configured;
    this.requestsPerConnector = requestsPerConnector;
    loads.forEach(l -> this.loads.put(l.budget().credential(), l));
    this.credentialOfAccount = credentialOfAccount;
    this.directory = directory;
    SelfMetrics.SCHEDULE_CONFIGURED_CYCLE.gauge(registry, this, s -> BudgetSchedule.seconds(s.configured));
    for (String credential : this.loads.keySet()) {
      gauge(registry, SelfMetrics.SCHEDULE_CYCLE, credential, p -> BudgetSchedule.seconds(p.cycle()));
      gauge(registry, SelfMetrics.SCHEDULE_MIN_CYCLE, credential, p -> BudgetSchedule.seconds(p.minCycle()));
      gauge(registry, SelfMetrics.SCHEDULE_REQUESTS_PER_CYCLE, credential, BudgetSchedule.Plan::requestsPerCycle);
      gauge(registry, SelfMetrics.SCHEDULE_SOURCE_RATE, credential, BudgetSchedule.Plan::sourceRate);
    }
  }

  private void gauge(MeterRegistry registry, SelfMetric metric, String credential,
      java.util.function.ToDoubleFunction<BudgetSchedule.Plan> value) {
    metric.gauge(registry, this, s -> {
      BudgetSchedule.Plan p = s.plan(credential);
      return p == null ? Double.NaN : value.applyAsDouble(p);
    }, credential);
  }

  /** A fixed cycle without a budget (tests, tools). */
  public static ConnectorSchedule fixed(Duration interval, ConnectorDirectory directory, MeterRegistry registry) {
    return new ConnectorSchedule(interval, 1, List.of(), a -> "", directory, registry);
  }

  public Duration configured() {
    return configured;
  }

  /** The last plan of a credential, computing one if none was. */
  public synchronized BudgetSchedule.Plan plan(String credential) {
    if (plans.isEmpty()) {
      cycle();
    }
    return plans.get(credential);
  }

  /** Recomputes the plans from the current connectors and returns the cycle to use now. */
  public synchronized Duration cycle() {
    Map<String, Integer> counts = new HashMap<>();
    for (ConnectorRef ref : directory.connectors()) {
      counts.merge(credentialOfAccount.apply(ref.accountId()), 1, Integer::sum);
    }
    Duration cycle = configured;
    for (CredentialLoad load : loads.values()) {
      String credential = load.budget().credential();
      BudgetSchedule.Plan p = BudgetSchedule.plan(load.budget(), load.sources(), counts.getOrDefault(credential, 0),
          requestsPerConnector, configured);
      plans.put(credential, p);
      report(p, load.budget());
      if (p.cycle().compareTo(cycle) > 0) {
        cycle = p.cycle();
      }
    }
    return cycle;
  }

  private void report(BudgetSchedule.Plan p, BudgetSchedule.Budget b) {
    Boolean before = reportedLimited.put(p.credential(), p.limited());
    if (p.limited() && !Boolean.TRUE.equals(before)) {
      LOG.warn("poll_interval {}s cannot be met with credential {}: {} connectors need about {} requests per "
              + "cycle, the budget allows {} requests per {}s ({} reserved for the admin API, {}/s planned for "
              + "the account-level sources), so connectors are polled every {}s",
          fmt(BudgetSchedule.seconds(configured)), p.credential(), p.connectors(), Math.round(p.requestsPerCycle()),
          b.limit(), fmt(BudgetSchedule.seconds(b.window())), b.reserved(), fmt(p.sourceRate()),
          fmt(BudgetSchedule.seconds(p.cycle())));
    } else if (!p.limited() && Boolean.TRUE.equals(before)) {
      LOG.info("poll_interval {}s can be met again with credential {} ({} connectors)",
          fmt(BudgetSchedule.seconds(configured)), p.credential(), p.connectors());
    }
  }

  private static String fmt(double d) {
    return String.format(java.util.Locale.ROOT, "%.1f", d);
  }
}
