package dev.magicexporter.sim.connectors;

import dev.magicexporter.sim.SimClock;
import dev.magicexporter.sim.SimHash;
import dev.magicexporter.sim.SimModule;
import dev.magicexporter.sim.SimOptions;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The simulated estate that every {@link SimModule} shares: accounts, their connectors and the
 * connectors' telemetry, all a pure function of {@link SimOptions#seed()}, the connector and the
 * {@link SimClock}. Nothing is stored per connector, so 10,000 connectors cost no memory, and any
 * window of time can be recomputed and always gives the same answer.
 *
 * <h2>Ground truth for tests</h2>
 * The {@code events}, {@code eventCounts}, {@code snapshotTimes}... methods return exactly what
 * the HTTP endpoints serve for the same arguments at the current clock. Their time window rules
 * are those of the HTTP {@code from}/{@code to} parameters:
 * <ul>
 *   <li>both bounds are inclusive: an item is in the window iff {@code from <= t <= to} (bounds may
 *       be fractional; {@code t} is always a whole second);</li>
 *   <li>nothing after the clock's current second exists yet: {@code t <= floor(now)};</li>
 *   <li>telemetry is kept for {@link #TELEMETRY_RETENTION_SECONDS}: {@code t >= floor(now) - retention}.</li>
 * </ul>
 * So a window entirely in the past (and within retention) always holds the same items.
 */
public final class SimWorld {
  /** How far back telemetry (events, snapshots) is kept, in seconds (7 days). */
  public static final long TELEMETRY_RETENTION_SECONDS = 7 * 86_400L;
  /** A reporting connector records one snapshot per period. */
  public static final int SNAPSHOT_PERIOD_SECONDS = ConnectorLife.SNAPSHOT_PERIOD_SECONDS;
  /** A reporting connector heartbeats once per period ({@code last_heartbeat}). */
  public static final int HEARTBEAT_PERIOD_SECONDS = ConnectorLife.HEARTBEAT_PERIOD_SECONDS;
  /** Items per telemetry list page when {@code limit} is not given. */
  public static final int DEFAULT_PAGE_LIMIT = 100;
  /** Largest {@code limit} honoured; larger ones are capped. */
  public static final int MAX_PAGE_LIMIT = 1_000;
  /** Connectors per account the simulator accepts. */
  public static final int MAX_CONNECTORS = 10_000;

  private final SimOptions options;
  private final SimClock clock;
  private final Map<String, Long> accountKeys = new LinkedHashMap<>();

  public SimWorld(SimOptions options, SimClock clock) {
    this.options = options;
    this.clock = clock;
    for (String account : options.accountIds()) {
      accountKeys.put(account, SimHash.of(options.seed(), SimHash.of(account)));
    }
  }

  public SimOptions options() {
    return options;
  }

  public SimClock clock() {
    return clock;
  }

  public List<String> accountIds() {
    return options.accountIds();
  }

  public boolean knowsAccount(String accountId) {
    return accountKeys.containsKey(accountId);
  }

  /** Connectors in every account. */
  public int connectorsPerAccount() {
    return options.connectors();
  }

  /** The clock's current whole second: the newest {@code t} that exists. */
  public long nowSecond() {
    return (long) Math.floor(clock.nowSeconds());
  }

  // ---------------------------------------------------------------- connectors

  /**
   * The id of connector {@code index}: 32 hex digits, the last 8 being the index scrambled with
   * an account key, so that finding a connector by id needs no table.
   */
  public String connectorId(String accountId, int index) {
    long k = accountKey(accountId);
    long h = SimHash.of(k, index, 1);
    long suffix = (index ^ indexMask(k)) & 0xFFFF_FFFFL;
    return SimHash.hex(h, 16) + SimHash.hex(SimHash.of(h, 2), 8) + SimHash.hex(suffix, 8);
  }

  public List<String> connectorIds(String accountId) {
    List<String> ids = new ArrayList<>(options.connectors());
    for (int i = 0; i < options.connectors(); i++) {
      ids.add(connectorId(accountId, i));
    }
    return ids;
  }

  public SimConnector connector(String accountId, int index) {
    if (index < 0 || index >= options.connectors()) {
      throw new IllegalArgumentException("no connector " + index + " in a world of " + options.connectors());
    }
    long k = accountKey(accountId);
    return new SimConnector(accountId, index, connectorId(accountId, index), SimHash.of(k, index, 3),
        SimConnector.Role.forIndex(index));
  }

  public Optional<SimConnector> findConnector(String accountId, String connectorId) {
    if (!knowsAccount(accountId) || connectorId == null || connectorId.length() != 32) {
      return Optional.empty();
    }
    long suffix;
    try {
      suffix = Long.parseLong(connectorId.substring(24), 16);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    long index = (suffix ^ indexMask(accountKey(accountId))) & 0xFFFF_FFFFL;
    if (index >= options.connectors() || !connectorId(accountId, (int) index).equals(connectorId)) {
      return Optional.empty();
    }
    return Optional.of(connector(accountId, (int) index));
  }

  /** The connector object of the API (GET shows no {@code license_key}). */
  public Map<String, Object> connectorObject(SimConnector c) {
    return ConnectorObjects.describe(this, c);
  }

  /**
   * The id of the {@code j}-th tunnel terminated by connector {@code connectorIndex}, as it appears
   * in that connector's snapshots ({@code tunnels[].tunnel_id}). Other modules may use it to name
   * the account's GRE/IPsec tunnels so that snapshots and tunnel lists agree.
   */
  public String tunnelId(String accountId, int connectorIndex, int j) {
    long h = SimHash.of(accountKey(accountId), SimHash.of("tunnel"), connectorIndex, j);
    return SimHash.hex(h, 16) + SimHash.hex(SimHash.of(h, 1), 16);
  }

  /** Number of tunnels in connector {@code connectorIndex}'s snapshots. */
  public int tunnelCount(String accountId, int connectorIndex) {
    return SimHardware.of(connector(accountId, connectorIndex)).tunnels();
  }

  // ---------------------------------------------------------------- ground truth: events

  /** Every event with {@code fromInclusive <= t <= toInclusive} (see class notes), in (t, n) order. */
  public List<SimEvent> events(String accountId, String connectorId, double fromInclusive, double toInclusive) {
    return events(accountId, connectorId, fromInclusive, toInclusive, null);
  }

  /** Like {@link #events(String, String, double, double)}, only events of {@code kind} (null: all). */
  public List<SimEvent> events(String accountId, String connectorId, double fromInclusive, double toInclusive,
      EventKind kind) {
    ConnectorLife life = life(accountId, connectorId);
    long[] w = window(fromInclusive, toInclusive);
    return EventTimeline.scan(life, w[0], w[1], Long.MIN_VALUE, 0, kind, Integer.MAX_VALUE);
  }

  /** Event counts per kind (all 16 kinds, zeros included) in the window. */
  public Map<EventKind, Long> eventCounts(String accountId, String connectorId, double fromInclusive,
      double toInclusive) {
    Map<EventKind, Long> counts = new EnumMap<>(EventKind.class);
    for (EventKind k : EventKind.values()) {
      counts.put(k, 0L);
    }
    for (SimEvent e : events(accountId, connectorId, fromInclusive, toInclusive)) {
      counts.merge(e.kind(), 1L, Long::sum);
    }
    return counts;
  }

  /** The event at {@code (t, n)}, if it exists now. */
  public Optional<SimEvent> event(String accountId, String connectorId, long t, int n) {
    return events(accountId, connectorId, t, t).stream().filter(e -> e.n() == n).findFirst();
  }

  /** What {@code events/latest} serves: the newest {@code max} events, oldest first. */
  public List<SimEvent> latestEvents(String accountId, String connectorId, int max) {
    ConnectorLife life = life(accountId, connectorId);
    long now = nowSecond();
    return EventTimeline.newest(life, now - TELEMETRY_RETENTION_SECONDS, now, max);
  }

  // ---------------------------------------------------------------- ground truth: snapshots

  /** Times of the snapshots with {@code fromInclusive <= t <= toInclusive}, ascending. */
  public List<Long> snapshotTimes(String accountId, String connectorId, double fromInclusive, double toInclusive) {
    ConnectorLife life = life(accountId, connectorId);
    long[] w = window(fromInclusive, toInclusive);
    return SnapshotSchedule.times(life, w[0], w[1], Long.MIN_VALUE, Integer.MAX_VALUE);
  }

  /** The newest snapshot's time, if the connector has any within retention. */
  public OptionalLong latestSnapshotTime(String accountId, String connectorId) {
    ConnectorLife life = life(accountId, connectorId);
    long now = nowSecond();
    return SnapshotSchedule.latest(life, now - TELEMETRY_RETENTION_SECONDS, now);
  }

  /** The full snapshot recorded at {@code t}, if there is one now. */
  public Optional<Map<String, Object>> snapshot(String accountId, String connectorId, long t) {
    ConnectorLife life = life(accountId, connectorId);
    long[] w = window(t, t);
    if (w[0] > w[1] || !life.hasSnapshotAt(t)) {
      return Optional.empty();
    }
    return Optional.of(SnapshotGenerator.snapshot(this, life, t));
  }

  /** When the snapshot recorded at {@code t} was collected ({@code a}). */
  public double snapshotCollectedAt(String accountId, String connectorId, long t) {
    return SnapshotGenerator.collectedAt(life(accountId, connectorId), t);
  }

  /** The connector version running at {@code t}. */
  public String version(String accountId, String connectorId, long t) {
    return life(accountId, connectorId).version(t);
  }

  // ---------------------------------------------------------------- internals

  /** The visible window {@code [lo, hi]} in whole seconds (empty when lo > hi). */
  long[] window(double fromInclusive, double toInclusive) {
    long now = nowSecond();
    long lo = Math.max((long) Math.ceil(fromInclusive), now - TELEMETRY_RETENTION_SECONDS);
    long hi = Math.min((long) Math.floor(toInclusive), now);
    return new long[] {lo, hi};
  }

  ConnectorLife life(String accountId, String connectorId) {
    SimConnector c = findConnector(accountId, connectorId).orElseThrow(
        () -> new IllegalArgumentException("unknown connector " + connectorId + " in account " + accountId));
    return new ConnectorLife(c);
  }

  /** The account's private hash (from the seed and the id), a root for deriving its objects. */
  public long accountKey(String accountId) {
    Long k = accountKeys.get(accountId);
    if (k == null) {
      throw new IllegalArgumentException("unknown account " + accountId);
    }
    return k;
  }

  private static long indexMask(long accountKey) {
    return SimHash.of(accountKey, 2) & 0xFFFF_FFFFL;
  }
}
