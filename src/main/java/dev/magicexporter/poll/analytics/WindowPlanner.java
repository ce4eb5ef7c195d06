package dev.magicexporter.poll.analytics;

import dev.magicexporter.model.analytics.AnalyticsWindow;
import dev.magicexporter.state.AnalyticsCheckpoint.Counted;

/**
 * Which window each feed reads next. Pure arithmetic on whole minutes:
 *
 * <ul>
 *   <li>a minute is <em>closed</em> when it ended at least {@code delay} ago; nothing newer is read,
 *       because a minute is counted once and must be complete;</li>
 *   <li>a gauge reads the latest closed minute;</li>
 *   <li>a counter reads from where its checkpoint stopped (or, on the first start, from
 *       {@code initialLookback} before the first closed minute's end) up to the latest closed
 *       minute, at most {@code width} at a time, so a gap left by downtime is caught up in steps;</li>
 *   <li>time that has passed out of the dataset's look-back cannot be read any more: the window
 *       starts at the oldest readable minute and the lost time is reported as skipped.</li>
 * </ul>
 */
final class WindowPlanner {
  static final long MINUTE = 60;
  /** Kept clear of the look-back's edge, which moves while the request is under way. */
  static final long LOOKBACK_MARGIN = 5 * MINUTE;

  private WindowPlanner() {}

  /** A counted feed's next window and the seconds skipped before it (null window: up to date). */
  record Plan(AnalyticsWindow window, long skipped) {}

  static long floorMinute(long t) {
    return Math.floorDiv(t, MINUTE) * MINUTE;
  }

  static long ceilMinute(long t) {
    return -Math.floorDiv(-t, MINUTE) * MINUTE;
  }

  /** End of the latest closed minute at {@code now}. */
  static long closedEnd(long now, long delay) {
    return floorMinute(now - delay);
  }

  /** The latest closed minute: what a gauge reads. */
  static AnalyticsWindow latest(long now, long delay) {
    long end = closedEnd(now, delay);
    return new AnalyticsWindow(end - MINUTE, end);
  }

  /**
   * The next window of a counted feed.
   *
   * @param counted the durable checkpoint of the feed, or null before it counted anything
   * @param width widest window, whole minutes
   * @param notOlderThan the dataset's look-back in seconds
   */
  static Plan next(Counted counted, long now, long delay, long initialLookback, long width, long notOlderThan) {
    long end = closedEnd(now, delay);
    long start = counted == null ? floorMinute(end - initialLookback) : counted.countedTo();
    long skipped = 0;
    long oldest = ceilMinute(now - notOlderThan + LOOKBACK_MARGIN);
    if (start < oldest) {
      skipped = oldest - start;
      start = oldest;
    }
    if (start >= end) {
      return new Plan(null, 0);
    }
    long w = Math.max(MINUTE, floorMinute(width));
    return new Plan(new AnalyticsWindow(start, Math.min(end, start + w)), skipped);
  }
}
