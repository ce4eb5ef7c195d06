package dev.magicexporter.admin;

import dev.magicexporter.client.ApiRequest;
import dev.magicexporter.client.RequestBudget;
import dev.magicexporter.poll.PollScheduler;
import dev.magicexporter.state.CheckpointStore;
import dev.magicexporter.state.ConnectorCheckpoint;
import dev.magicexporter.state.EventKey;
import dev.magicexporter.store.ConnectorRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/** Ready-made {@link DaemonStatus} suppliers for the parts that already expose their state. */
public final class StatusAdapters {
  private StatusAdapters() {}

  /** Every poller of the scheduler, by name. */
  public static Supplier<List<DaemonStatus.Poller>> pollers(PollScheduler scheduler) {
    return () -> scheduler.status().values().stream()
        .map(s -> new DaemonStatus.Poller(s.name, s.interval, s.lastStart(), s.lastSuccess(), s.lastFailure(),
            s.lastError(), s.lastItems(), s.cycles()))
        .sorted(Comparator.comparing(DaemonStatus.Poller::name))
        .toList();
  }

  /** The request budget of each credential. */
  public static Supplier<List<DaemonStatus.Budget>> budgets(Collection<RequestBudget> budgets) {
    return () -> budgets.stream()
        .distinct()
        .map(StatusAdapters::budget)
        .sorted(Comparator.comparing(DaemonStatus.Budget::credential))
        .toList();
  }

  /**
   * Where each connector's events and snapshots resume, as written on disk. The files carry no
   * write time of their own, so {@code saved_at} stays empty.
   */
  public static Supplier<List<DaemonStatus.Checkpoint>> checkpoints(CheckpointStore store) {
    return () -> {
      List<DaemonStatus.Checkpoint> out = new ArrayList<>();
      for (ConnectorRef ref : new java.util.TreeSet<>(store.present())) {
        ConnectorCheckpoint c = store.durable(ref);
        if (c == null) {
          continue;
        }
        EventKey floor = c.events().floor();
        out.add(new DaemonStatus.Checkpoint(ref.accountId(), ref.connectorId(), "events",
            floor == null ? "from the look-back" : "after t=" + ApiRequest.decimal(floor.t()) + " n=" + floor.n()
                + ", " + c.events().counted().size() + " counted above", null));
        Double last = c.snapshots().lastT();
        out.add(new DaemonStatus.Checkpoint(ref.accountId(), ref.connectorId(), "snapshots",
            last == null ? "none yet" : "t=" + ApiRequest.decimal(last) + ", " + c.snapshots().total() + " seen", null));
      }
      return out;
    };
  }

  static DaemonStatus.Budget budget(RequestBudget b) {
    int remaining = b.remaining();
    return new DaemonStatus.Budget(b.credentialId(), b.limit(), b.window(), Math.max(0, b.limit() - remaining),
        remaining, b.reserved());
  }
}
