package dev.magicexporter.poll;

import java.time.Duration;
import java.util.List;

/**
 * The connector cycle as a function of the request budget: given a credential's budget, the
 * requests its account-level sources spend per second and the connectors it serves, the shortest
 * cycle in which every connector can be polled without ever waiting for budget, and the cycle to
 * use (that one, or the configured {@code poll_interval} when it is longer).
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
   * The schedule of one credential.
   *
   * @param connectors connectors served with the credential
   * @param requestsPerCycle estimated connector requests of one cycle (snapshots and events)
   * @param connectorRate requests per second left to the connectors (after headroom and sources)
   * @param minCycle shortest cycle the budget allows (zero without connectors)
   * @param cycle the cycle used: the longer of {@code minCycle} and the configured one
   * @param limited whether the budget, not the configuration, sets the cycle
   */
  public record Plan(String credential, int connectors, double requestsPerCycle, double sourceRate,
      double connectorRate, Duration minCycle, Duration cycle, boolean limited) {}

  /**
   * @param requestsPerConnector estimated requests per connector and cycle (1 snapshot plus the
   *     share of connectors whose events are read each cycle)
   * @param configured the configured {@code poll_interval}
   */
  public static Plan plan(Budget budget, List<Load> sources, int connectors, double requestsPerConnector,
      Duration configured) {
    double pollers = budget.pollerRate() * HEADROOM;
    double sourceRate = sources.stream().mapToDouble(Load::rate).sum();
    double connectorRate = Math.max(pollers - sourceRate, pollers * MIN_CONNECTOR_SHARE);
    double requests = connectors * requestsPerConnector;
    Duration min = Duration.ofMillis((long) Math.ceil(requests / connectorRate * 1000));
    boolean limited = min.compareTo(configured) > 0;
    return new Plan(budget.credential(), connectors, requests, sourceRate, connectorRate, min,
        limited ? min : configured, limited);
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
