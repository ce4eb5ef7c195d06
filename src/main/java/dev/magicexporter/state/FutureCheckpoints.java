package dev.magicexporter.state;

import java.time.Duration;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Checkpoints that lie in the future: a file from 2100, or one written while the clock ran ahead
 * and read after it was set right. Left alone, such a checkpoint counts nothing new until the
 * clock reaches it (every window would start at its floor). A time later than now plus
 * {@link #tolerance} is not trusted; a checkpoint holding one is <em>rebased</em>:
 *
 * <ul>
 *   <li>the totals stay: they were counted, and counters never go back;
 *   <li>the <b>mark</b> is the newest counted event time that is not in the future ({@code newest_t},
 *       else the newest per-kind {@code last_t}): every event up to it was counted, because a floor
 *       beyond it means every window up to there was read to its end;
 *   <li>the floor becomes the later of the look-back start ({@code now - lookback}) and the mark,
 *       so counting resumes from the look-back without counting again anything at or below what
 *       was really counted; events at the mark's {@code t} count as counted, like events that
 *       arrive later than the settle margin;
 *   <li>with counted events but no trustworthy time at all (every time in the future), nothing
 *       says which recent events are in the totals, so counting resumes at now: a gap rather than
 *       a double count;
 *   <li>counted keys, per-kind times, {@code newest_t}, {@code completed_to} and {@code since}
 *       beyond the limit are dropped or set to the new floor;
 *   <li>snapshots: a {@code scanned_to} in the future (the clock ran ahead) goes back to the newest
 *       counted snapshot, so listing resumes right after it. A snapshot {@code last_t} in the future
 *       cannot come from our clock (snapshot times are the API's); it is dropped and listing
 *       resumes from now minus the settle margin, so at most the snapshots of that margin (or, with
 *       the {@code latest} strategy, the newest one) are counted a second time: there is no
 *       position before now to resume from that would not point at a snapshot that may not exist.
 * </ul>
 *
 * The clock's own error is why there is a tolerance: the API stamps events with its clock, so a
 * newest event a few seconds ahead of ours is normal, not suspect.
 */
public record FutureCheckpoints(Duration tolerance, Duration lookback) {
  /** Default tolerance: far beyond NTP-level skew, far below any window. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

  /** The latest time the checkpoint holds, or null when it holds none. */
  public static Double latestTime(ConnectorCheckpoint cp) {
    EventsCheckpoint e = cp.events();
    double max = Double.NEGATIVE_INFINITY;
    if (e.floor() != null) {
      max = Math.max(max, e.floor().t());
    }
    if (!e.counted().isEmpty()) {
      max = Math.max(max, e.counted().last().t());
    }
    max = Math.max(max, orMin(e.completedTo()));
    max = Math.max(max, orMin(e.newestT()));
    max = Math.max(max, orMin(e.since()));
    for (double t : e.lastT().values()) {
      max = Math.max(max, t);
    }
    max = Math.max(max, orMin(cp.snapshots().lastT()));
    max = Math.max(max, orMin(cp.snapshots().scannedTo()));
    return max == Double.NEGATIVE_INFINITY ? null : max;
  }

  private static double orMin(Double d) {
    return d == null ? Double.NEGATIVE_INFINITY : d;
  }

  /** True when some time in the checkpoint lies later than {@code nowSeconds} plus the tolerance. */
  public boolean isAhead(ConnectorCheckpoint cp, double nowSeconds) {
    Double latest = latestTime(cp);
    return latest != null && latest > limit(nowSeconds);
  }

  private double limit(double nowSeconds) {
    return nowSeconds + tolerance.toMillis() / 1000.0;
  }

  /** The checkpoint with every time beyond the limit replaced as the class comment says. */
  public ConnectorCheckpoint rebase(ConnectorCheckpoint cp, double nowSeconds) {
    return new ConnectorCheckpoint(cp.ref(), events(cp.events(), nowSeconds), snapshots(cp.snapshots(), nowSeconds));
  }

  private EventsCheckpoint events(EventsCheckpoint e, double now) {
    double limit = limit(now);
    TreeMap<String, Double> lastT = new TreeMap<>();
    e.lastT().forEach((kind, t) -> {
      if (t <= limit) {
        lastT.put(kind, t);
      }
    });
    Double newest = e.newestT() != null && e.newestT() <= limit ? e.newestT()
        : lastT.values().stream().max(Double::compare).orElse(null);
    EventKey floor = e.floor();
    if (floor != null && floor.t() > limit) {
      EventKey lookbackStart = EventKey.before(now - lookback.toMillis() / 1000.0);
      if (newest != null) {
        floor = EventKey.max(lookbackStart, new EventKey(newest, Long.MAX_VALUE));
      } else {
        floor = e.totals().isEmpty() ? lookbackStart : EventKey.before(now);
      }
    }
    NavigableSet<EventKey> counted = new TreeSet<>();
    for (EventKey k : floor == null ? e.counted() : e.counted().tailSet(floor, false)) {
      if (k.t() <= limit) {
        counted.add(k);
      }
    }
    Double resumedAt = floor == null ? null : floor.t();
    Double completedTo = e.completedTo() == null || e.completedTo() <= limit ? e.completedTo() : resumedAt;
    Double since = e.since() == null || e.since() <= limit ? e.since() : resumedAt;
    return new EventsCheckpoint(floor, counted, completedTo, newest, e.totals(), lastT, since);
  }

  private SnapshotsCheckpoint snapshots(SnapshotsCheckpoint s, double now) {
    double limit = limit(now);
    Double lastT = s.lastT() == null || s.lastT() <= limit ? s.lastT() : null;
    Double scannedTo = s.scannedTo() == null || s.scannedTo() <= limit ? s.scannedTo()
        : lastT != null ? lastT : Double.valueOf(now);
    return new SnapshotsCheckpoint(s.total(), s.gaps(), lastT, scannedTo, s.period());
  }
}
