package dev.magicexporter.poll;

import dev.magicexporter.store.ConnectorRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per round, the connectors whose snapshot the steady cycle fetches. A credential whose plan
 * meets {@code poll_interval} gets every connector polled every round. Otherwise its connectors
 * that show trouble are polled every round, and of the quiet ones the plan's
 * {@link BudgetSchedule.Plan#quietPerRound()} polled longest ago, so each quiet connector comes
 * round once per planned cycle and none starves. Deterministic: ties go by connector order.
 */
final class FreshnessQueue {
  private final Map<ConnectorRef, Long> lastRound = new HashMap<>();
  private long round;

  /**
   * @param firstPassPending whether a first pass is still fetching connectors never polled: then
   *     the steady cycle polls only the troubled connectors and the quiet ones overdue by their
   *     planned cycle, and leaves the rest of the budget to the first pass (re-polling a
   *     connector fetched minutes ago matters less than a first snapshot of one that has none)
   */
  synchronized List<ConnectorRef> select(List<ConnectorRef> steady, ConnectorSchedule schedule,
      boolean firstPassPending) {
    round++;
    Map<String, List<ConnectorRef>> byCredential = new LinkedHashMap<>();
    for (ConnectorRef ref : steady) {
      byCredential.computeIfAbsent(schedule.credentialOf(ref), k -> new ArrayList<>()).add(ref);
    }
    List<ConnectorRef> due = new ArrayList<>();
    for (Map.Entry<String, List<ConnectorRef>> e : byCredential.entrySet()) {
      BudgetSchedule.Plan plan = schedule.plan(e.getKey());
      if (firstPassPending) {
        long overdue = plan == null ? 1 : Math.max(1, plan.cycle().toMillis() / Math.max(1, plan.round().toMillis()));
        for (ConnectorRef ref : e.getValue()) {
          if (schedule.trouble().troubled(ref) || round - lastRound.getOrDefault(ref, 0L) >= overdue) {
            due.add(ref);
          }
        }
        continue;
      }
      if (plan == null || !plan.limited()) {
        due.addAll(e.getValue());
        continue;
      }
      List<ConnectorRef> quiet = new ArrayList<>();
      for (ConnectorRef ref : e.getValue()) {
        if (schedule.trouble().troubled(ref)) {
          due.add(ref);
        } else {
          quiet.add(ref);
        }
      }
      quiet.sort(Comparator.<ConnectorRef>comparingLong(r -> lastRound.getOrDefault(r, 0L))
          .thenComparing(Comparator.naturalOrder()));
      due.addAll(quiet.subList(0, Math.min(plan.quietPerRound(), quiet.size())));
    }
    for (ConnectorRef ref : due) {
      lastRound.put(ref, round);
    }
    return due;
  }

  /** A first pass polled {@code ref}: it counts as polled this round. */
  synchronized void polled(ConnectorRef ref) {
    lastRound.put(ref, round);
  }

  synchronized void forget(java.util.Collection<ConnectorRef> gone) {
    gone.forEach(lastRound::remove);
  }
}
