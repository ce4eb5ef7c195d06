package dev.magicexporter.poll;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * When the daemon is ready, whatever {@code poll_interval} is: every poller finished one attempt
 * (a definite answer such as a missing permission counts; it is named here while others are still
 * pending, and logged and exported by the source's health), and the connector pollers finished
 * their first pass over every connector discovery found. Until then says what is pending, with
 * counts: {@code waiting for snapshots 120/200, events 80/200, tunnels}. Once ready it stays ready
 * (connectors found later do not make a running replica unready).
 */
public final class Readiness {
  private final PollScheduler scheduler;
  private final Map<String, Supplier<FirstPass.Progress>> passes = new LinkedHashMap<>();
  private volatile boolean ready;

  public Readiness(PollScheduler scheduler) {
    this.scheduler = scheduler;
  }

  /** The poller named {@code poller} is done only when its first pass is, too. */
  public Readiness withFirstPass(String poller, Supplier<FirstPass.Progress> progress) {
    passes.put(poller, progress);
    return this;
  }

  /** Why the daemon is not ready yet, or null when it is. */
  public String notReadyReason() {
    if (ready) {
      return null;
    }
    Map<String, PollScheduler.PollerStatus> status = scheduler.status();
    if (status.isEmpty()) {
      return "no source to poll";
    }
    List<String> pending = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    status.values().stream().sorted(java.util.Comparator.comparing(s -> s.name)).forEach(s -> {
      Supplier<FirstPass.Progress> pass = passes.get(s.name);
      FirstPass.Progress p = pass == null ? null : pass.get();
      // A connector poller is done when its first pass is; its first scheduled cycle may already be
      // the steady one, paced over a whole round. Without connectors, when that cycle found none.
      if (p != null && p.total() > 0) {
        if (!p.complete()) {
          pending.add(s.name + " " + p);
        }
      } else if (p != null && !s.completedOnce()) {
        pending.add(s.name + " (after the connector list)");
      } else if (!s.completedOnce()) {
        pending.add(s.name);
      } else if (s.lastError() != null) {
        failed.add(s.name);
      }
    });
    if (pending.isEmpty()) {
      ready = true;
      return null;
    }
    String why = "waiting for the first attempt of " + String.join(", ", pending);
    return failed.isEmpty() ? why : why + "; finished with an error (see the log): " + String.join(", ", failed);
  }
}
