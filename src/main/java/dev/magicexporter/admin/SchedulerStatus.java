package dev.magicexporter.admin;

import dev.magicexporter.poll.PollScheduler;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/** Reads {@link PollScheduler#status()} for the status page. */
public final class SchedulerStatus {
  private SchedulerStatus() {}

  public static Supplier<List<DaemonStatus.Poller>> pollers(PollScheduler scheduler) {
    return () -> scheduler.status().values().stream()
        .map(s -> new DaemonStatus.Poller(s.name, s.interval, s.lastStart(), s.lastSuccess(), s.lastFailure(),
            s.lastError(), s.lastItems(), s.cycles()))
        .sorted(Comparator.comparing(DaemonStatus.Poller::name))
        .toList();
  }
}
