package dev.magicexporter.poll;

import dev.magicexporter.model.Snapshot;
import dev.magicexporter.store.ConnectorRef;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which connectors show trouble. When the budget cannot poll every connector every
 * {@code poll_interval}, these are still polled every cycle and the quiet, healthy ones share
 * what is left ({@link BudgetSchedule}): the connectors someone is looking at are the fresh ones.
 *
 * <p>A connector shows trouble when
 *
 * <ul>
 *   <li>its last snapshot fetch failed;
 *   <li>its newest snapshot reports an HA state other than {@code disabled}, {@code active} or
 *       {@code standby}, or a tunnel whose health is {@code degraded} or {@code down};
 *   <li>its newest snapshot was more than two cycles old when fetched (it stopped reporting);
 *   <li>its events showed a restart ({@code Init}), a disconnect ({@code Leave}) or a failure
 *       (any {@code ...Failure}) within the last two cycles.
 * </ul>
 */
public final class ConnectorTrouble {
  static final Set<String> HEALTHY_HA = Set.of("disabled", "active", "standby");
  static final Set<String> UNHEALTHY_TUNNEL = Set.of("degraded", "down");

  private record State(String snapshotReason, double eventsUntil, String eventsReason) {}

  private final Map<ConnectorRef, State> states = new ConcurrentHashMap<>();
  private final java.util.function.DoubleSupplier nowSeconds;

  /** @param nowSeconds wall clock, seconds since the epoch (event and snapshot times are on it) */
  public ConnectorTrouble(java.util.function.DoubleSupplier nowSeconds) {
    this.nowSeconds = nowSeconds;
  }

  /** Whether an event kind signals trouble: a restart, a disconnect or a failure. */
  public static boolean troubleKind(String kind) {
    return "Init".equals(kind) || "Leave".equals(kind) || (kind != null && kind.endsWith("Failure"));
  }

  /** Records a fetched snapshot ({@code null}: none yet), with the configured cycle in seconds. */
  void snapshot(ConnectorRef ref, Snapshot s, double cycleSeconds) {
    String reason = s == null ? null : snapshotReason(s, nowSeconds.getAsDouble(), cycleSeconds);
    update(ref, st -> new State(reason, st.eventsUntil(), st.eventsReason()));
  }

  void snapshotFailed(ConnectorRef ref) {
    update(ref, st -> new State("snapshot fetch failed", st.eventsUntil(), st.eventsReason()));
  }

  /**
   * Records an events poll: {@code lastTrouble} is the time of the connector's newest restart,
   * disconnect or failure event counted so far (NaN: none); it makes the connector troubled until
   * two cycles after it.
   */
  void events(ConnectorRef ref, double lastTrouble, double cycleSeconds) {
    if (!Double.isNaN(lastTrouble)) {
      update(ref, st -> new State(st.snapshotReason(), lastTrouble + 2 * cycleSeconds,
          "restart, disconnect or failure event"));
    }
  }

  /** The newest time of a trouble kind in {@code lastT} (event time by kind label), NaN when none. */
  static double lastTrouble(Map<String, Double> lastT) {
    double newest = Double.NaN;
    for (Map.Entry<String, Double> e : lastT.entrySet()) {
      if (troubleKind(e.getKey()) && e.getValue() != null && !(e.getValue() <= newest)) {
        newest = e.getValue();
      }
    }
    return newest;
  }

  static String snapshotReason(Snapshot s, double nowSeconds, double cycleSeconds) {
    String ha = s.haState();
    if (ha != null && !ha.isEmpty() && !HEALTHY_HA.contains(ha.toLowerCase(Locale.ROOT))) {
      return "HA state " + ha;
    }
    for (Snapshot.TunnelHealth t : s.tunnels()) {
      if (t.healthState() != null && UNHEALTHY_TUNNEL.contains(t.healthState().toLowerCase(Locale.ROOT))) {
        return "tunnel " + t.healthState();
      }
    }
    if (nowSeconds - s.t() > 2 * cycleSeconds) {
      return "snapshot older than two cycles";
    }
    return null;
  }

  /** Why the connector shows trouble now, or null when it does not. */
  String reason(ConnectorRef ref) {
    State st = states.get(ref);
    if (st == null) {
      return null;
    }
    if (st.snapshotReason() != null) {
      return st.snapshotReason();
    }
    return st.eventsReason() != null && st.eventsUntil() > nowSeconds.getAsDouble() ? st.eventsReason() : null;
  }

  boolean troubled(ConnectorRef ref) {
    return reason(ref) != null;
  }

  /** Connectors of {@code refs} that show trouble. */
  int count(Collection<ConnectorRef> refs) {
    int n = 0;
    for (ConnectorRef ref : refs) {
      if (troubled(ref)) {
        n++;
      }
    }
    return n;
  }

  void forget(Collection<ConnectorRef> gone) {
    gone.forEach(states::remove);
  }

  private void update(ConnectorRef ref, java.util.function.UnaryOperator<State> f) {
    states.compute(ref, (r, old) -> f.apply(old == null ? new State(null, Double.NaN, null) : old));
  }
}
