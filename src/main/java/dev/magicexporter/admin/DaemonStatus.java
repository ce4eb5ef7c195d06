package dev.magicexporter.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What {@code GET /status} shows about the rest of the daemon. Other packages own the data; the
 * integrator wires each supplier (pollers: {@link SchedulerStatus#pollers}; checkpoints: the event
 * and snapshot pollers' state; budgets: the client's request budget per credential). Suppliers
 * are called on the admin event loop and must not block.
 */
public record DaemonStatus(
    Supplier<List<Poller>> pollers, Supplier<List<Checkpoint>> checkpoints, Supplier<List<Budget>> budgets,
    Supplier<List<Map<String, Object>>> metricFilter) {

  /** Without a metric filter report. */
  public DaemonStatus(Supplier<List<Poller>> pollers, Supplier<List<Checkpoint>> checkpoints,
      Supplier<List<Budget>> budgets) {
    this(pollers, checkpoints, budgets, List::of);
  }

  /** One poller's schedule and last outcome. */
  public record Poller(String name, Duration interval, Instant lastStart, Instant lastSuccess, Instant lastFailure,
      String lastError, int itemsSeen, long cycles) {

    /** ok, failing (last cycle failed) or pending (no cycle finished yet). */
    public String state() {
      if (cycles == 0) {
        return "pending";
      }
      if (lastFailure != null && (lastSuccess == null || lastFailure.isAfter(lastSuccess))) {
        return "failing";
      }
      return "ok";
    }
  }

  /**
   * Where one connector's telemetry stream resumes after a restart.
   *
   * @param stream {@code events} or {@code snapshots}
   * @param position the persisted position, e.g. {@code t=1700000000.5 n=3} or a cursor
   */
  public record Checkpoint(String accountId, String connectorId, String stream, String position, Instant savedAt) {}

  /** The request budget of one credential (never the credential itself: use its safe id). */
  public record Budget(String credential, long limit, Duration window, long used, long remaining, long adminReserved) {}

  /** Nothing known (a daemon part not wired yet). */
  public static DaemonStatus empty() {
    return new DaemonStatus(List::of, List::of, List::of);
  }
}
