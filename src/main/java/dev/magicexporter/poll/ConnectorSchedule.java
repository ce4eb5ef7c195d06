package dev.magicexporter.poll;

import dev.magicexporter.store.ConnectorDirectory;
import dev.magicexporter.store.ConnectorRef;
import dev.magicexporter.metrics.self.SelfMetric;
import dev.magicexporter.metrics.self.SelfMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rounds of the connector pollers (snapshots and events), planned from the request budget of
 * each credential, the connectors it serves and those that show trouble ({@link BudgetSchedule});
 * the longest of the credentials' rounds is used. Each round, the pollers take from every
 * credential's connectors the ones its plan has room for ({@link FreshnessQueue}) and spread them
 * evenly over the round. The budget is read at every round, so a lowered allowance after a 429
 * lengthens the cycle instead of leaving requests queued in the budget.
 *
 * <p>When the configured interval cannot be met, says so once in the log with the numbers, and
 * again only when it can be met again.
 *
 * <p>Its gauges are the {@code cloudflare_exporter_schedule_*} of {@link SelfMetrics}: per credential
 * the planned cycle of quiet and of troubled connectors, the troubled connectors, the achieved
 * cycle, and the estimates the plan comes from.
 */
public final class ConnectorSchedule {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectorSchedule.class);

  /**
   * A credential's budget as it is now (lowered for a while after a 429) and the account-level
   * sources that spend it on this replica.
   */
  public record CredentialLoad(String credential, Supplier<BudgetSchedule.Budget> budget,
      List<BudgetSchedule.Load> sources) {
    public CredentialLoad(BudgetSchedule.Budget fixed, List<BudgetSchedule.Load> sources) {
      this(fixed.credential(), () -> fixed, sources);
    }
  }

  private final Duration configured;
  private final BudgetSchedule.Cost cost;
  private final Map<String, CredentialLoad> loads = new LinkedHashMap<>();
  private final Function<String, String> credentialOfAccount;
  private final ConnectorDirectory directory;
  private final ConnectorTrouble trouble;
  private final Map<String, BudgetSchedule.Plan> plans = new HashMap<>();
  private final Map<String, Boolean> reportedLimited = new HashMap<>();
  private final Map<String, Sweep> sweeps = new HashMap<>();

  /**
   * @param configured config {@code poll_interval}
   * @param cost requests per connector and cycle
   * @param loads each credential's budget and sources
   * @param credentialOfAccount the credential id serving an account id
   * @param trouble which connectors show trouble
   */
  public ConnectorSchedule(Duration configured, BudgetSchedule.Cost cost, List<CredentialLoad> loads,
      Function<String, String> credentialOfAccount, ConnectorDirectory directory, ConnectorTrouble trouble,
      MeterRegistry registry) {
    if (configured.isNegative() || configured.isZero()) {
      throw new IllegalArgumentException("poll interval must be positive, got " + configured);
    }
    this.configured = configured;
    this.cost = cost;
    loads.forEach(l -> this.loads.put(l.credential(), l));
    this.credentialOfAccount = credentialOfAccount;
    this.directory = directory;
    this.trouble = trouble;
    directory.onRemoved(gone -> {
      synchronized (this) {
        sweeps.values().forEach(s -> s.pending.removeAll(gone));
      }
    });
    SelfMetrics.SCHEDULE_CONFIGURED_CYCLE.gauge(registry, this, s -> BudgetSchedule.seconds(s.configured));
    for (String credential : this.loads.keySet()) {
      gauge(registry, SelfMetrics.SCHEDULE_CYCLE, credential, p -> BudgetSchedule.seconds(p.cycle()));
      gauge(registry, SelfMetrics.SCHEDULE_TROUBLED_CYCLE, credential, p -> BudgetSchedule.seconds(p.round()));
      gauge(registry, SelfMetrics.SCHEDULE_TROUBLED_CONNECTORS, credential, p -> p.troubled());
      gauge(registry, SelfMetrics.SCHEDULE_MIN_CYCLE, credential, p -> BudgetSchedule.seconds(p.minCycle()));
      gauge(registry, SelfMetrics.SCHEDULE_REQUESTS_PER_CYCLE, credential, BudgetSchedule.Plan::requestsPerCycle);
      gauge(registry, SelfMetrics.SCHEDULE_SOURCE_RATE, credential, BudgetSchedule.Plan::sourceRate);
      SelfMetrics.SCHEDULE_ACHIEVED_CYCLE.gauge(registry, this, s -> s.achievedSeconds(credential), credential);
    }
  }

  /** Every other time between two polls without a budget (tests, tools). */
  public static ConnectorSchedule fixed(Duration interval, ConnectorDirectory directory, MeterRegistry registry) {
    return new ConnectorSchedule(interval, new BudgetSchedule.Cost(1, 0), List.of(), a -> "", directory,
        new ConnectorTrouble(() -> System.currentTimeMillis() / 1000.0), registry);
  }

  private void gauge(MeterRegistry registry, SelfMetric metric, String credential,
      java.util.function.ToDoubleFunction<BudgetSchedule.Plan> value) {
    metric.gauge(registry, this, s -> {
      BudgetSchedule.Plan p = s.plan(credential);
      return p == null ? Double.NaN : value.applyAsDouble(p);
    }, credential);
  }

  public Duration configured() {
    return configured;
  }

  public BudgetSchedule.Cost cost() {
    return cost;
  }

  public ConnectorTrouble trouble() {
    return trouble;
  }

  /** The credential serving {@code ref}. */
  public String credentialOf(ConnectorRef ref) {
    return credentialOfAccount.apply(ref.accountId());
  }

  /** The last plan of a credential, computing one if none was; null for an unknown credential. */
  public synchronized BudgetSchedule.Plan plan(String credential) {
    if (plans.isEmpty()) {
      round();
    }
    return plans.get(credential);
  }

  /**
   * Recomputes the plans from the current connectors, the troubled ones and the budgets as they
   * are now, and returns the round to use: the longest of the credentials' rounds.
   */
  public synchronized Duration round() {
    Map<String, Integer> counts = new HashMap<>();
    Map<String, Integer> troubled = new HashMap<>();
    for (ConnectorRef ref : directory.connectors()) {
      String credential = credentialOf(ref);
      counts.merge(credential, 1, Integer::sum);
      if (trouble.troubled(ref)) {
        troubled.merge(credential, 1, Integer::sum);
      }
    }
    Duration round = configured;
    for (CredentialLoad load : loads.values()) {
      String credential = load.credential();
      BudgetSchedule.Budget budget = load.budget().get();
      BudgetSchedule.Plan p = BudgetSchedule.plan(budget, load.sources(), counts.getOrDefault(credential, 0),
          troubled.getOrDefault(credential, 0), cost, configured);
      plans.put(credential, p);
      report(p, budget);
      if (p.round().compareTo(round) > 0) {
        round = p.round();
      }
    }
    return round;
  }

  /**
   * Records that {@code ref} was polled (its snapshot fetch finished, well or not) at
   * {@code nowMillis}, for the achieved cycle: a sweep ends when every connector of the
   * credential that existed at its start was polled once.
   */
  public synchronized void polled(ConnectorRef ref, long now) {
    String credential = credentialOf(ref);
    Sweep s = sweeps.get(credential);
    if (s == null) {
      s = new Sweep(now, members(credential));
      sweeps.put(credential, s);
    }
    s.pending.remove(ref);
    if (s.pending.isEmpty()) {
      s.lastSeconds = (now - s.start) / 1000.0;
      s.start = now;
      s.pending.addAll(members(credential));
    }
  }

  private synchronized double achievedSeconds(String credential) {
    Sweep s = sweeps.get(credential);
    return s == null ? Double.NaN : s.lastSeconds;
  }

  private List<ConnectorRef> members(String credential) {
    List<ConnectorRef> out = new ArrayList<>();
    for (ConnectorRef ref : directory.connectors()) {
      if (credential.equals(credentialOf(ref))) {
        out.add(ref);
      }
    }
    return out;
  }

  private static final class Sweep {
    long start;
    final java.util.Set<ConnectorRef> pending = new java.util.HashSet<>();
    double lastSeconds = Double.NaN;

    Sweep(long start, List<ConnectorRef> members) {
      this.start = start;
      pending.addAll(members);
    }
  }

  private void report(BudgetSchedule.Plan p, BudgetSchedule.Budget b) {
    Boolean before = reportedLimited.put(p.credential(), p.limited());
    if (p.limited() && !Boolean.TRUE.equals(before)) {
      LOG.warn("poll_interval {}s cannot be met with credential {}: {} connectors need about {} requests per "
              + "cycle, the budget allows {} requests per {}s ({} reserved for the admin API, {}/s planned for "
              + "the account-level sources); the {} connectors showing trouble are polled every {}s, the quiet "
              + "ones about every {}s",
          fmt(BudgetSchedule.seconds(configured)), p.credential(), p.connectors(), Math.round(p.requestsPerCycle()),
          b.limit(), fmt(BudgetSchedule.seconds(b.window())), b.reserved(), fmt(p.sourceRate()), p.troubled(),
          fmt(BudgetSchedule.seconds(p.round())), fmt(BudgetSchedule.seconds(p.cycle())));
    } else if (!p.limited() && Boolean.TRUE.equals(before)) {
      LOG.info("poll_interval {}s can be met again with credential {} ({} connectors)",
          fmt(BudgetSchedule.seconds(configured)), p.credential(), p.connectors());
    }
  }

  private static String fmt(double d) {
    return String.format(java.util.Locale.ROOT, "%.1f", d);
  }
}
