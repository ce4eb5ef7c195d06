package dev.magicexporter.state;

import java.util.Collection;
import java.util.TreeSet;

/**
 * How many snapshots of one connector were seen, and where the snapshot list was read up to.
 * Snapshots are identified by their {@code t} alone. Immutable.
 *
 * @param total snapshots counted
 * @param gaps intervals between consecutive snapshots much longer than the usual period
 *     (list strategy only)
 * @param lastT the newest snapshot {@code t} counted, or null
 * @param scannedTo the {@code to} of the last snapshot list read to its end (list strategy), or null
 * @param period the usual interval between snapshots (seconds), learnt from the list, or null
 */
public record SnapshotsCheckpoint(long total, long gaps, Double lastT, Double scannedTo, Double period) {
  /** An interval longer than this many usual periods is a gap. */
  public static final double GAP_FACTOR = 3.0;

  /** Weight of the newest interval in the usual period (exponential moving average). */
  static final double PERIOD_WEIGHT = 0.2;

  public static final SnapshotsCheckpoint EMPTY = new SnapshotsCheckpoint(0, 0, null, null, null);

  /** A full snapshot at {@code t} was stored ({@code latest} strategy): counted if newer. */
  public SnapshotsCheckpoint stored(double t) {
    if (lastT != null && t <= lastT) {
      return this;
    }
    return new SnapshotsCheckpoint(total + 1, gaps, t, scannedTo, period);
  }

  /**
   * The snapshot list was read to its end up to {@code to}, returning {@code ts}: counts each
   * {@code t} newer than the last counted once, and counts a gap for every interval longer than
   * {@link #GAP_FACTOR} usual periods. The usual period follows the intervals, each capped at the
   * gap threshold, so that one long outage does not hide the next but a lasting change of the
   * connector's period is learnt after a few intervals.
   */
  public SnapshotsCheckpoint listed(Collection<Double> ts, double to) {
    TreeSet<Double> fresh = new TreeSet<>();
    for (Double t : ts) {
      if (t != null && Double.isFinite(t) && (lastT == null || t > lastT)) {
        fresh.add(t);
      }
    }
    long nextTotal = total;
    long nextGaps = gaps;
    Double prev = lastT;
    Double p = period;
    for (double t : fresh) {
      nextTotal++;
      if (prev != null) {
        double interval = t - prev;
        if (p == null) {
          p = interval;
        } else {
          double threshold = GAP_FACTOR * p;
          if (interval > threshold) {
            nextGaps++;
          }
          p = p + PERIOD_WEIGHT * (Math.min(interval, threshold) - p);
        }
      }
      prev = t;
    }
    double scanned = scannedTo == null ? to : Math.max(scannedTo, to);
    return new SnapshotsCheckpoint(nextTotal, nextGaps, prev, scanned, p);
  }
}
