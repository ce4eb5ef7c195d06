package dev.magicexporter.poll;

import java.time.Duration;

/**
 * Tuning of the {@link EventsPoller}.
 *
 * @param interval time between the starts of two cycles (config {@code poll_interval})
 * @param lookback how far back a connector without a checkpoint starts counting, so dashboards
 *     are not empty on a first start (config {@code connectors.events_lookback}, default 1 h)
 * @param settle margin kept below {@code to} when a window is done: events that reach the API
 *     up to this long after they were recorded are still counted (re-read and de-duplicated)
 * @param maxWindow longest {@code [from, to]} of one request series; a connector further behind
 *     (first start with a long look-back, or after an outage) catches up window by window, which
 *     bounds the keys its checkpoint holds and so the size of every write
 * @param maxWindowsPerCycle windows one connector may read in one cycle before it yields to the
 *     next cycle (a connector days behind does not hold a concurrency slot for hours)
 * @param concurrency connectors polled at the same time
 * @param pageLimit {@code limit} query parameter, or 0 to leave the page size to the API
 * @param maxSkippedCycles a connector whose poll keeps failing skips 1, 3, 7, ... cycles, at most
 *     this many, so a broken connector does not spend the request budget of healthy ones
 * @param maxQuietSkippedCycles a connector whose last poll found no activity skips 1, 3, 7, ...
 *     cycles, at most this many (0: quiet connectors are polled every cycle); see
 *     {@link ConnectorCadence}
 * @param pollShare most connectors whose events are read in one cycle, as a share of all, in
 *     (0, 1]; with the snapshot this bounds a cycle to {@code 1 + pollShare} requests per connector
 */
public record EventsSettings(
    Duration interval,
    Duration lookback,
    Duration settle,
    Duration maxWindow,
    int maxWindowsPerCycle,
    int concurrency,
    int pageLimit,
    int maxSkippedCycles,
    int maxQuietSkippedCycles,
    double pollShare) {

  public static final Duration DEFAULT_LOOKBACK = Duration.ofHours(1);
  public static final Duration DEFAULT_SETTLE = Duration.ofSeconds(60);
  public static final Duration DEFAULT_MAX_WINDOW = Duration.ofHours(6);
  /** Adaptive cadence defaults: a quiet connector is read every 8th cycle, at most a quarter per cycle. */
  public static final int DEFAULT_MAX_QUIET_SKIPPED = 7;
  public static final double DEFAULT_POLL_SHARE = 0.25;

  public EventsSettings {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("events poll interval must be positive, got " + interval);
    }
    if (lookback.isNegative()) {
      throw new IllegalArgumentException("events look-back must not be negative, got " + lookback);
    }
    if (settle.isNegative() || settle.compareTo(maxWindow) >= 0) {
      throw new IllegalArgumentException("events settle margin " + settle
          + " must be at least 0 and shorter than the window " + maxWindow);
    }
    if (maxQuietSkippedCycles < 0 || !(pollShare > 0 && pollShare <= 1)) {
      throw new IllegalArgumentException("events quiet skipped cycles must be at least 0 and the poll share in "
          + "(0, 1], got " + maxQuietSkippedCycles + " and " + pollShare);
    }
    if (maxWindowsPerCycle < 1 || concurrency < 1 || pageLimit < 0 || maxSkippedCycles < 0) {
      throw new IllegalArgumentException("events windows per cycle and concurrency must be at least 1, "
          + "page limit and skipped cycles at least 0");
    }
  }

  /** Defaults for everything but the interval and look-back; every connector is read every cycle. */
  public static EventsSettings of(Duration interval, Duration lookback) {
    return new EventsSettings(interval, lookback, DEFAULT_SETTLE, DEFAULT_MAX_WINDOW, 24, 8, 0, 7, 0, 1.0);
  }

  /** Adaptive cadence: quiet connectors back off up to {@code maxQuietSkipped} cycles, at most {@code share} per cycle. */
  public EventsSettings withAdaptiveCadence(int maxQuietSkipped, double share) {
    return new EventsSettings(interval, lookback, settle, maxWindow, maxWindowsPerCycle, concurrency, pageLimit,
        maxSkippedCycles, maxQuietSkipped, share);
  }

  /** Most events polls per connector and cycle (one page each), for the schedule. */
  public double requestsPerConnector() {
    return pollShare;
  }

  public EventsSettings withSettle(Duration s) {
    return new EventsSettings(interval, lookback, s, maxWindow, maxWindowsPerCycle, concurrency, pageLimit,
        maxSkippedCycles, maxQuietSkippedCycles, pollShare);
  }

  public EventsSettings withMaxWindow(Duration w, int perCycle) {
    return new EventsSettings(interval, lookback, settle, w, perCycle, concurrency, pageLimit, maxSkippedCycles,
        maxQuietSkippedCycles, pollShare);
  }

  public EventsSettings withConcurrency(int c) {
    return new EventsSettings(interval, lookback, settle, maxWindow, maxWindowsPerCycle, c, pageLimit,
        maxSkippedCycles, maxQuietSkippedCycles, pollShare);
  }

  public EventsSettings withPageLimit(int l) {
    return new EventsSettings(interval, lookback, settle, maxWindow, maxWindowsPerCycle, concurrency, l,
        maxSkippedCycles, maxQuietSkippedCycles, pollShare);
  }
}
