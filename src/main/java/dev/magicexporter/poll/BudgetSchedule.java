package dev.magicexporter.poll;

import java.time.Duration;
import java.util.List;

/**
 * The connector cycle as a function of the request budget: given a credential's budget, the
 * requests its account-level sources spend per second and the connectors it serves, the shortest
 * cycle in which every connector can be polled without ever waiting for budget. When that is
 * longer than {@code poll_interval}, the connectors that show trouble are still polled every
 * {@code poll_interval} and the quiet ones share the rest (see {@link #plan}).
 *
 * <p>Pure arithmetic, so it is tested on its own; {@link ConnectorSchedule} applies it to the
 * live connector set and exports it.
 */
public final class BudgetSchedule {
  /**
   * Share of the pollers' budget the connector cycle plans for. The rest absorbs what estimates
   * miss (retries, a second events page, discovery of a grown account) without a 429.
   */
  public static final double HEADROOM = 0.95;
  /** The connectors always get at least this share of the pollers' budget, even when the sources' estimate exceeds it. */
  static final double MIN_CONNECTOR_SHARE = 0.25;
  /** However many connectors show trouble, the quiet ones keep this share of the connectors' budget. */
  static final double MIN_QUIET_SHARE = 0.25;

  private BudgetSchedule() {}

  /**
   * One credential's request budget.
   *
   * @param credential the credential's safe id (metric label)
   * @param limit requests per window (Cloudflare: 1,200; divide by the replicas sharing it)
   * @param reserved of those, the admin API's reserve, never spent by pollers
   * @param window the budget window (Cloudflare: 300 s)
   */
  public record Budget(String credential, int limit, int reserved, Duration window) {
    public Budget {
      if (limit < 1 || reserved < 0 || reserved >= limit || window.isNegative() || window.isZero()) {
        throw new IllegalArgumentException("budget needs 0 <= reserved < limit and a positive window, got "
            + reserved + " of " + limit + " per " + window);
      }
    }

    /** Requests per second the pollers may start, the admin reserve excluded. */
    public double pollerRate() {
      return (limit - reserved) / seconds(window);
    }
  }

  /**
   * The estimated cost of one account-level source: {@code requests} per {@code interval}, e.g.
   * tunnels 3 per 60 s.
   */
  public record Load(String name, double requests, Duration interval) {
    public Load {
      if (requests < 0 || interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("load " + name + " needs requests >= 0 per positive interval");
      }
    }

    public double rate() {
      return requests / seconds(interval);
    }
  }

  /**
   * What one connector costs per cycle: {@code snapshot} requests (1 for {@code latest}, 2 for
   * {@code list}) plus its events polls, {@code events} on average for a quiet connector (the
   * cadence reads a quiet connector's events every few cycles) and 1 for a troubled one.
   */
  public record Cost(double snapshot, double events) {
    public Cost {
      if (!(snapshot > 0) || events < 0 || events > 1) {
        throw new IllegalArgumentException("a connector costs more than 0 snapshot requests and 0 to 1 events "
            + "polls per cycle, got " + snapshot + " and " + events);
      }
    }

    public double quiet() {
      return snapshot + events;
    }

    public double troubled() {
      return snapshot + 1;
    }
  }

  /**
   * The schedule of one credential.
   *
   * @param connectors connectors served with the credential
   * @param troubled of those, the ones showing trouble ({@link ConnectorTrouble}), counted only
   *     when the budget limits the cycle
   * @param requestsPerCycle estimated connector requests of polling every connector once
   * @param sourceRate estimated requests per second of the account-level sources
   * @param connectorRate requests per second left to the connectors (after headroom and sources)
   * @param minCycle shortest cycle in which the budget could poll every connector (zero without)
   * @param round time between two rounds of the connector pollers: {@code poll_interval}, longer
   *     only when the troubled connectors alone need more; a troubled connector is polled every round
   * @param cycle planned time between two polls of a quiet connector: {@code round} when the budget
   *     allows it, else as long as the budget left after the troubled ones needs
   * @param quietPerRound quiet connectors polled per round
   * @param limited whether the budget, not the configuration, sets the cycle
   */
  public record Plan(String credential, int connectors, int troubled, double requestsPerCycle, double sourceRate,
      double connectorRate, Duration minCycle, Duration round, Duration cycle, int quietPerRound, boolean limited) {

    /** Snapshots to fetch per round: every troubled connector and the quiet ones' share. */
    public int snapshotsPerRound() {
      return troubled + quietPerRound;
    }

    /** Events polls per round: every troubled connector and the events share of the quiet ones polled. */
    public int eventsPerRound(Cost cost) {
      return troubled + (int) Math.ceil(quietPerRound * cost.events());
    }
  }

  /**
   * The plan of one credential.
   *
   * <pre>
   * poller rate    = (limit - reserved) / window * HEADROOM
   * connector rate = poller rate - source rate                  (at least MIN_CONNECTOR_SHARE of it)
   * min cycle      = connectors * cost.quiet / connector rate
   * min cycle &lt;= poll_interval: every connector every poll_interval
   * otherwise:
   *   round        = max(poll_interval, troubled * cost.troubled / (connector rate * (1 - MIN_QUIET_SHARE)))
   *   quiet/round  = (connector rate * round - troubled * cost.troubled) / cost.quiet   (1 to all quiet)
   *   cycle        = round * quiet / (quiet/round)
   * </pre>
   *
   * @param troubled connectors showing trouble (polled every round when the budget is short)
   * @param configured the configured {@code poll_interval}
   */
  public static Plan plan(Budget budget, List<Load> sources, int connectors, int troubled, Cost cost,
      Duration configured) {
    double pollers = budget.pollerRate() * HEADROOM;
    double sourceRate = sources.stream().mapToDouble(Load::rate).sum();
    double connectorRate = Math.max(pollers - sourceRate, pollers * MIN_CONNECTOR_SHARE);
    double requests = connectors * cost.quiet();
    Duration min = Duration.ofMillis((long) Math.ceil(requests / connectorRate * 1000));
    if (min.compareTo(configured) <= 0) {
      return new Plan(budget.credential(), connectors, 0, requests, sourceRate, connectorRate, min, configured,
          configured, connectors, false);
    }
    int t = Math.min(Math.max(0, troubled), connectors);
    int quiet = connectors - t;
    double troubledCost = t * cost.troubled();
    double roundSeconds = Math.max(seconds(configured), troubledCost / (connectorRate * (1 - MIN_QUIET_SHARE)));
    Duration round = Duration.ofMillis((long) Math.ceil(roundSeconds * 1000));
    int perRound = 0;
    Duration cycle = round;
    if (quiet > 0) {
      double left = connectorRate * roundSeconds - troubledCost;
      perRound = (int) Math.max(1, Math.min(quiet, Math.floor(left / cost.quiet())));
      cycle = Duration.ofMillis((long) Math.ceil(roundSeconds * quiet / perRound * 1000));
    }
    return new Plan(budget.credential(), connectors, t, requests, sourceRate, connectorRate, min, round, cycle,
        perRound, true);
  }

  /**
   * Time between the starts of two consecutive items when {@code items} are spread evenly over
   * {@code cycle}: the first starts at once, the last one spacing before the cycle ends.
   */
  public static long spacingMillis(Duration cycle, int items) {
    return items <= 1 ? 0 : cycle.toMillis() / items;
  }

  static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }
}
