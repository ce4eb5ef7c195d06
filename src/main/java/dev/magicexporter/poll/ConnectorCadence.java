package dev.magicexporter.poll;

import dev.magicexporter.store.ConnectorRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place that decides, per connector, whether this cycle polls its events.
 *
 * <ul>
 *   <li>Failing: a connector whose polls keep failing skips 1, 3, 7, ... cycles (at most
 *       {@code maxFailureSkipped}) so that it does not spend the request budget of healthy ones.
 *   <li>Quiet: reading the list from the checkpoint loses nothing, so a connector whose last poll
 *       found no activity is polled again after 1, 3, 7, ... skipped cycles (at most
 *       {@code maxQuietSkipped}); a poll that found activity makes it due again the next cycle.
 *   <li>Share: at most {@code ceil(share * connectors)} connectors are polled per cycle; the due
 *       ones that waited longest go first, so none starves, and the rest stay due.
 * </ul>
 *
 * <p>With {@code maxQuietSkipped = 0} and {@code share = 1} every healthy connector is polled
 * every cycle (the plain schedule, 2 requests per connector and cycle with the snapshot).
 *
 * <p>Deterministic: cycles are counted by {@link #select}, not timed, and ties are broken by
 * connector order.
 */
public final class ConnectorCadence {
  private final int maxFailureSkipped;
  private final int maxQuietSkipped;
  private final double share;
  private final Map<ConnectorRef, State> states = new HashMap<>();
  private long cycle;

  private static final class State {
    int failures;
    int failureSkipLeft;
    int quietPolls;
    long nextDue;
    long lastPolled = -1;
  }

  /** What one cycle decided. */
  public record Selection(List<ConnectorRef> due, int failing, int quiet, int overShare) {}

  /** Polls every healthy connector every cycle. */
  public ConnectorCadence(int maxFailureSkipped) {
    this(maxFailureSkipped, 0, 1.0);
  }

  /**
   * @param maxFailureSkipped most cycles a failing connector skips
   * @param maxQuietSkipped most cycles a quiet connector skips (0: poll quiet ones every cycle)
   * @param share most connectors polled per cycle, as a share of all, in (0, 1]
   */
  public ConnectorCadence(int maxFailureSkipped, int maxQuietSkipped, double share) {
    if (maxFailureSkipped < 0 || maxQuietSkipped < 0 || !(share > 0 && share <= 1)) {
      throw new IllegalArgumentException("skipped cycles must be at least 0 and the share in (0, 1], got "
          + maxFailureSkipped + ", " + maxQuietSkipped + ", " + share);
    }
    this.maxFailureSkipped = maxFailureSkipped;
    this.maxQuietSkipped = maxQuietSkipped;
    this.share = share;
  }

  /** Starts a cycle: the connectors to poll now, in the order to poll them. Call once per cycle. */
  public Selection select(Collection<ConnectorRef> connectors) {
    return select(connectors, r -> "", g -> Integer.MAX_VALUE);
  }

  /**
   * Like {@link #select(Collection)}, with at most {@code maxDue} connectors per group (the
   * credential whose budget pays for them) on top of the share, which then applies per group.
   */
  public synchronized Selection select(Collection<ConnectorRef> connectors,
      java.util.function.Function<ConnectorRef, String> groupOf, java.util.function.ToIntFunction<String> maxDue) {
    cycle++;
    int failing = 0;
    int quiet = 0;
    List<ConnectorRef> candidates = new ArrayList<>();
    for (ConnectorRef ref : connectors) {
      State s = states.computeIfAbsent(ref, r -> new State());
      if (s.failureSkipLeft > 0) {
        s.failureSkipLeft--;
        failing++;
      } else if (s.nextDue > cycle) {
        quiet++;
      } else {
        candidates.add(ref);
      }
    }
    Comparator<ConnectorRef> order = Comparator.<ConnectorRef>comparingLong(r -> states.get(r).nextDue)
        .thenComparingLong(r -> states.get(r).lastPolled)
        .thenComparing(Comparator.naturalOrder());
    candidates.sort(order);
    Map<String, Integer> groupSizes = new HashMap<>();
    for (ConnectorRef ref : connectors) {
      groupSizes.merge(groupOf.apply(ref), 1, Integer::sum);
    }
    Map<String, Integer> left = new HashMap<>();
    groupSizes.forEach((g, n) -> left.put(g,
        Math.min(share >= 1 ? n : (int) Math.ceil(share * n), Math.max(0, maxDue.applyAsInt(g)))));
    List<ConnectorRef> chosen = new ArrayList<>();
    for (ConnectorRef ref : candidates) {
      String g = groupOf.apply(ref);
      int l = left.get(g);
      if (l > 0) {
        chosen.add(ref);
        left.put(g, l - 1);
      }
    }
    List<ConnectorRef> due = List.copyOf(chosen);
    for (ConnectorRef ref : due) {
      states.get(ref).lastPolled = cycle;
    }
    return new Selection(due, failing, quiet, candidates.size() - due.size());
  }

  /**
   * The connector's poll read everything it was asked to.
   *
   * @param active whether it found activity (events other than routine ones)
   */
  public synchronized void succeeded(ConnectorRef ref, boolean active) {
    State s = states.computeIfAbsent(ref, r -> new State());
    s.failures = 0;
    s.failureSkipLeft = 0;
    if (active) {
      s.quietPolls = 0;
      s.nextDue = cycle + 1;
    } else {
      s.quietPolls++;
      s.nextDue = cycle + 1 + skip(s.quietPolls, maxQuietSkipped);
    }
  }

  /** The connector's poll failed: skip {@code 2^(failures-1) - 1} cycles, capped. */
  public synchronized void failed(ConnectorRef ref) {
    State s = states.computeIfAbsent(ref, r -> new State());
    s.failures++;
    s.failureSkipLeft = skip(s.failures - 1, maxFailureSkipped);
    s.nextDue = cycle + 1;
  }

  /** 0, 1, 3, 7, ... for n = 0, 1, 2, 3, ..., at most {@code max}. */
  private static int skip(int n, int max) {
    long skip = (1L << Math.min(n, 30)) - 1;
    return (int) Math.min(skip, max);
  }

  /** Consecutive failures of the connector (0 when healthy). */
  public synchronized int failures(ConnectorRef ref) {
    State s = states.get(ref);
    return s == null ? 0 : s.failures;
  }

  /** Consecutive polls of the connector that found no activity. */
  public synchronized int quietPolls(ConnectorRef ref) {
    State s = states.get(ref);
    return s == null ? 0 : s.quietPolls;
  }

  public synchronized void forget(ConnectorRef ref) {
    states.remove(ref);
  }
}
