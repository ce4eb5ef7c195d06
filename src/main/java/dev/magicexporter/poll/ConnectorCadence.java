package dev.magicexporter.poll;

import dev.magicexporter.store.ConnectorRef;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one place that decides, per connector, whether this cycle polls it. Today: every cycle,
 * except that a connector whose polls keep failing skips 1, 3, 7, ... cycles (at most
 * {@code maxSkipped}) so that it does not spend the request budget of healthy ones. Adaptive
 * polling of quiet connectors belongs here too.
 */
public final class ConnectorCadence {
  private final int maxSkipped;
  private final Map<ConnectorRef, Backoff> failing = new ConcurrentHashMap<>();

  private static final class Backoff {
    int failures;
    int skipLeft;
  }

  public ConnectorCadence(int maxSkipped) {
    this.maxSkipped = maxSkipped;
  }

  /** Asked exactly once per connector and cycle: poll it now? */
  public boolean shouldPoll(ConnectorRef ref) {
    Backoff b = failing.get(ref);
    if (b == null) {
      return true;
    }
    synchronized (b) {
      if (b.skipLeft > 0) {
        b.skipLeft--;
        return false;
      }
      return true;
    }
  }

  /** The connector's poll counted everything it was asked to. */
  public void succeeded(ConnectorRef ref) {
    failing.remove(ref);
  }

  /** The connector's poll failed: skip {@code 2^(failures-1) - 1} cycles, capped. */
  public void failed(ConnectorRef ref) {
    Backoff b = failing.computeIfAbsent(ref, r -> new Backoff());
    synchronized (b) {
      b.failures++;
      long skip = (1L << Math.min(b.failures - 1, 30)) - 1;
      b.skipLeft = (int) Math.min(skip, maxSkipped);
    }
  }

  /** Consecutive failures of the connector (0 when healthy). */
  public int failures(ConnectorRef ref) {
    Backoff b = failing.get(ref);
    return b == null ? 0 : b.failures;
  }

  public void forget(ConnectorRef ref) {
    failing.remove(ref);
  }
}
