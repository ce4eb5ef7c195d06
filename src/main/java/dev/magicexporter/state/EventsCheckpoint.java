package dev.magicexporter.state;

import dev.magicexporter.model.Event;
import dev.magicexporter.model.EventKinds;
import java.util.Collections;
import java.util.List;
import java.util.NavigableSet;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How far one connector's events are counted, and the totals that this implies. Immutable; every
 * method returns the next version.
 *
 * <p>The invariant that makes counting exactly-once: every event ever counted has a key at or
 * below {@code floor}, or is in {@code counted}. An event is counted only if its key is above the
 * floor and not yet in {@code counted}; the floor moves only when a whole window {@code [from, to]}
 * has been paged to its end, and then never past {@code to - settle}. So the order in which the
 * API returns events, within a page or across pages, does not matter: an out-of-order page cannot
 * push the floor over events that later pages still hold, and a restart (or a failed page) resumes
 * from a floor below everything not yet seen, with {@code counted} telling what is already in the
 * totals. Events that arrive later than {@code settle} behind {@code to} fall below the floor and
 * are ignored.
 *
 * @param floor every event with a key at or below it is counted (or was ignored as too old); null
 *     before the first poll, when the poller starts from its look-back
 * @param counted keys above the floor that are counted (bounded by the events of one window)
 * @param completedTo the {@code to} of the last window paged to its end (seconds), or null
 * @param newestT the largest {@code t} ever counted, or null
 * @param totals events counted per kind label (only kinds with at least one event)
 * @param lastT the largest {@code t} counted per kind label
 * @param since the first floor's {@code t}: the totals count the events from this time on (a
 *     connector whose checkpoint was lost or corrupt starts again with a newer one); null before
 *     the first poll
 */
public record EventsCheckpoint(
    EventKey floor,
    NavigableSet<EventKey> counted,
    Double completedTo,
    Double newestT,
    SortedMap<String, Long> totals,
    SortedMap<String, Double> lastT,
    Double since) {

  /** Distinct kinds outside the seed kept per connector; further ones are counted as {@link #OVERFLOW}. */
  public static final int MAX_UNKNOWN_KINDS = 32;

  /** Kind label for events of unknown kinds beyond {@link #MAX_UNKNOWN_KINDS}: counted, never dropped. */
  public static final String OVERFLOW = "other";

  public static final EventsCheckpoint EMPTY =
      new EventsCheckpoint(null, new TreeSet<>(), null, null, new TreeMap<>(), new TreeMap<>(), null);

  public EventsCheckpoint {
    counted = Collections.unmodifiableNavigableSet(new TreeSet<>(counted));
    totals = Collections.unmodifiableSortedMap(new TreeMap<>(totals));
    lastT = Collections.unmodifiableSortedMap(new TreeMap<>(lastT));
  }

  /** What counting one page did. */
  public record PageCount(EventsCheckpoint next, int counted, int beforeFloor, int duplicates, int invalid) {}

  /** This checkpoint, with the floor set to {@code start} if none was set yet (first poll). */
  public EventsCheckpoint startingAt(EventKey start) {
    return floor != null ? this : new EventsCheckpoint(start, counted, completedTo, newestT, totals, lastT, start.t());
  }

  /**
   * Counts the events of one page that are above the floor and not counted yet; items without
   * {@code t} or {@code n} cannot be placed and are reported as invalid.
   */
  public PageCount count(List<Event> items) {
    if (floor == null) {
      throw new IllegalStateException("count() before startingAt(): no floor");
    }
    TreeSet<EventKey> nextCounted = null;
    TreeMap<String, Long> nextTotals = null;
    TreeMap<String, Double> nextLast = null;
    Double nextNewest = newestT;
    int added = 0;
    int old = 0;
    int dup = 0;
    int invalid = 0;
    for (Event e : items) {
      if (e == null || !e.identifiable()) {
        invalid++;
        continue;
      }
      EventKey key = new EventKey(e.t(), e.n());
      if (key.compareTo(floor) <= 0) {
        old++;
        continue;
      }
      if (nextCounted == null) {
        nextCounted = new TreeSet<>(counted);
        nextTotals = new TreeMap<>(totals);
        nextLast = new TreeMap<>(lastT);
      }
      if (!nextCounted.add(key)) {
        dup++;
        continue;
      }
      String label = labelFor(e.k(), nextTotals);
      nextTotals.merge(label, 1L, Long::sum);
      nextLast.merge(label, e.t(), Math::max);
      nextNewest = nextNewest == null ? e.t() : Math.max(nextNewest, e.t());
      added++;
    }
    EventsCheckpoint next = added == 0 ? this
        : new EventsCheckpoint(floor, nextCounted, completedTo, nextNewest, nextTotals, nextLast, since);
    return new PageCount(next, added, old, dup, invalid);
  }

  private static String labelFor(String kind, SortedMap<String, Long> totals) {
    String label = EventKinds.label(kind);
    if (EventKinds.isKnown(label) || totals.containsKey(label)) {
      return label;
    }
    long unknown = totals.keySet().stream().filter(l -> !EventKinds.isKnown(l) && !l.equals(OVERFLOW)).count();
    return unknown < MAX_UNKNOWN_KINDS ? label : OVERFLOW;
  }

  /**
   * The window ending at {@code to} was paged to its end: every event recorded up to {@code to}
   * that the API holds has been counted, so the floor may rise to {@code to - settle} (keeping a
   * margin for events that reach the API a little late) and keys below it need not be kept.
   */
  public EventsCheckpoint completeWindow(double to, double settle) {
    EventKey start = floor == null ? EventKey.before(to - settle) : floor;
    EventKey nextFloor = EventKey.max(start, EventKey.before(to - settle));
    NavigableSet<EventKey> kept = counted.tailSet(nextFloor, false);
    double done = completedTo == null ? to : Math.max(completedTo, to);
    return new EventsCheckpoint(nextFloor, kept, done, newestT, totals, lastT, since == null ? start.t() : since);
  }

  /** Events counted under {@code label} (0 for a kind never seen). */
  public long total(String label) {
    return totals.getOrDefault(label, 0L);
  }

  /** All events counted, over every kind. */
  public long grandTotal() {
    return totals.values().stream().mapToLong(Long::longValue).sum();
  }
}
