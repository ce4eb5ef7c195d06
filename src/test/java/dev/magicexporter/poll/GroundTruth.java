package dev.magicexporter.poll;

import dev.magicexporter.sim.connectors.SimEvent;
import dev.magicexporter.sim.connectors.SimWorld;
import dev.magicexporter.state.ConnectorCheckpoint;
import dev.magicexporter.state.EventKey;
import dev.magicexporter.state.EventsCheckpoint;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a checkpoint's totals must be, from the simulator's ground truth: every event recorded from
 * {@code since} up to the end of the last completed window, plus the events of the window in
 * progress that the checkpoint lists as counted (a checkpoint written between two pages).
 */
final class GroundTruth {
  private GroundTruth() {}

  static Map<String, Long> expectedTotals(SimWorld world, ConnectorCheckpoint cp) {
    EventsCheckpoint e = cp.events();
    Map<String, Long> out = new TreeMap<>();
    if (e.since() == null) {
      return out;
    }
    String acc = cp.ref().accountId();
    String id = cp.ref().connectorId();
    double upTo = Double.NEGATIVE_INFINITY;
    if (e.completedTo() != null) {
      upTo = e.completedTo();
      for (SimEvent ev : world.events(acc, id, e.since(), upTo)) {
        out.merge(ev.kind().k(), 1L, Long::sum);
      }
    }
    for (EventKey k : e.counted()) {
      if (k.t() > upTo) {
        SimEvent ev = world.event(acc, id, (long) k.t(), (int) k.n())
            .orElseThrow(() -> new AssertionError("counted an event the world does not have: " + k));
        out.merge(ev.kind().k(), 1L, Long::sum);
      }
    }
    return out;
  }

  /** Events of the whole window {@code [since, to]} per kind. */
  static Map<String, Long> totalsBetween(SimWorld world, ConnectorCheckpoint cp, double to) {
    Map<String, Long> out = new TreeMap<>();
    for (SimEvent ev : world.events(cp.ref().accountId(), cp.ref().connectorId(), cp.events().since(), to)) {
      out.merge(ev.kind().k(), 1L, Long::sum);
    }
    return out;
  }
}
