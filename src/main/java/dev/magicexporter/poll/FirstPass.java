package dev.magicexporter.poll;

import dev.magicexporter.store.ConnectorRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which connectors a connector poller has not tried yet. Those form its first pass (after a
 * start, and for connectors discovery adds later): polled at once, unpaced, as fast as the budget's
 * free window and its requests in flight allow. A connector is claimed by exactly one pass, so a
 * pass started by discovery and a cycle running at the same time never poll it twice; once one
 * attempt finished (a failure counts: it is a definite answer), the connector belongs to the
 * steady cycle.
 */
public final class FirstPass {
  private final Set<ConnectorRef> claimed = ConcurrentHashMap.newKeySet();
  private final Set<ConnectorRef> attempted = ConcurrentHashMap.newKeySet();

  /** How far the first pass over the current connectors got. */
  public record Progress(int done, int total) {
    public boolean complete() {
      return done >= total;
    }

    @Override
    public String toString() {
      return done + "/" + total;
    }
  }

  /** Claims the connectors of {@code current} no pass has taken yet, in their order. */
  List<ConnectorRef> claimNew(Collection<ConnectorRef> current) {
    List<ConnectorRef> fresh = new ArrayList<>();
    for (ConnectorRef ref : current) {
      if (claimed.add(ref)) {
        fresh.add(ref);
      }
    }
    return fresh;
  }

  /** The connectors of {@code current} whose first attempt finished: the steady cycle's. */
  List<ConnectorRef> steady(Collection<ConnectorRef> current) {
    List<ConnectorRef> out = new ArrayList<>();
    for (ConnectorRef ref : current) {
      if (attempted.contains(ref)) {
        out.add(ref);
      }
    }
    return out;
  }

  void attempted(ConnectorRef ref) {
    attempted.add(ref);
  }

  /** Whether some connector was claimed by a pass that has not finished its attempt yet. */
  boolean pending() {
    return claimed.size() > attempted.size();
  }

  boolean wasAttempted(ConnectorRef ref) {
    return attempted.contains(ref);
  }

  Progress progress(Collection<ConnectorRef> current) {
    int done = 0;
    for (ConnectorRef ref : current) {
      if (attempted.contains(ref)) {
        done++;
      }
    }
    return new Progress(done, current.size());
  }

  void forget(Collection<ConnectorRef> gone) {
    claimed.removeAll(gone);
    attempted.removeAll(gone);
  }
}
