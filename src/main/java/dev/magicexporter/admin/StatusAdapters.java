package dev.magicexporter.admin;

import dev.magicexporter.client.CloudflareClient;
import dev.magicexporter.client.RequestBudget;
import dev.magicexporter.poll.PollScheduler;
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

  /** The request budget of each client (one client per credential). */
  public static Supplier<List<DaemonStatus.Budget>> budgets(Collection<CloudflareClient> clients) {
    return () -> clients.stream()
        .map(CloudflareClient::budget)
        .distinct()
        .map(StatusAdapters::budget)
        .sorted(Comparator.comparing(DaemonStatus.Budget::credential))
        .toList();
  }

  static DaemonStatus.Budget budget(RequestBudget b) {
    int remaining = b.remaining();
    return new DaemonStatus.Budget(b.credentialId(), b.limit(), b.window(), Math.max(0, b.limit() - remaining),
        remaining, b.reserved());
  }
}
