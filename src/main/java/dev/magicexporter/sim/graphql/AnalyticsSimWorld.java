package dev.magicexporter.sim.graphql;

import dev.magicexporter.sim.SimClock;
import dev.magicexporter.sim.SimHash;
import dev.magicexporter.sim.connectors.SimWorld;
import dev.magicexporter.sim.graphql.AnalyticsSimData.SimRow;
import dev.magicexporter.sim.graphql.AnalyticsSimData.SimTunnel;
import dev.magicexporter.sim.magic.MagicSimWorld;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.WeakHashMap;

/**
 * The analytics side of one simulated world: the raw data ({@link AnalyticsSimData}), when each
 * minute becomes visible, the GraphQL user quota, faults on demand, and a ground-truth view for
 * tests.
 *
 * <h2>Arrival</h2>
 * Like Cloudflare's, the simulated analytics arrive late: the rows of the minute starting at
 * {@code m} become visible between 30 and 150 s after the minute ended ({@link #visibleAt}), fixed
 * per account and minute. A window that ended more than {@link #MAX_ARRIVAL_SECONDS} ago is
 * complete and never changes again.
 *
 * <h2>Quota</h2>
 * Every dataset node of a request counts as one query against a per-token quota of
 * {@link #DEFAULT_QUOTA} queries per fixed window of five minutes on the simulator clock (the
 * documented user quota); over it, the whole request is answered with the documented
 * "rate limiter budget depleted" error and counts nothing.
 *
 * <h2>Faults on demand</h2>
 * {@link #deny} makes a dataset (or all) of an account answer as if the token lacked the
 * permission; {@link #failNode} makes it answer any other node error; {@link #exhaustQuota}
 * uses up the current quota window. Faults of the simulator as a whole (429, 5xx, malformed
 * bodies) apply to {@code /graphql} like to every other path.
 */
public final class AnalyticsSimWorld {
  /** Longest delay between the end of a minute and its rows becoming visible. */
  public static final long MAX_ARRIVAL_SECONDS = 150;
  /** The documented GraphQL user quota: 300 queries per 5 minutes. */
  public static final int DEFAULT_QUOTA = 300;
  public static final Duration DEFAULT_QUOTA_WINDOW = Duration.ofMinutes(5);
  /** The message of a permission error, as Cloudflare's error responses page lists it. */
  public static final String ACCESS_DENIED = "does not have access to the path";
  /** The message of an exhausted quota. */
  public static final String QUOTA_EXHAUSTED = "rate limiter budget depleted, please try again after 5 minutes";

  private static final Map<SimWorld, AnalyticsSimWorld> BY_WORLD = Collections.synchronizedMap(new WeakHashMap<>());

  private final long seed;
  private final SimClock clock;
  private final AnalyticsSimData data;
  private final Map<String, String> nodeFaults = new HashMap<>();
  private int quota = DEFAULT_QUOTA;
  private long quotaWindowSeconds = DEFAULT_QUOTA_WINDOW.toSeconds();
  private long quotaWindow = Long.MIN_VALUE;
  private int quotaUsed;
  private long queriesServed;
  private long quotaRefusals;

  AnalyticsSimWorld(long seed, SimClock clock, MagicSimWorld magic) {
    this.seed = seed;
    this.clock = clock;
    this.data = new AnalyticsSimData(seed, magic);
  }

  /** The analytics of the shared world, over the same Magic estate the tunnel endpoints serve. */
  public static AnalyticsSimWorld of(SimWorld world) {
    return BY_WORLD.computeIfAbsent(world,
        w -> new AnalyticsSimWorld(w.options().seed(), w.clock(), MagicSimWorld.of(w)));
  }

  AnalyticsSimData data() {
    return data;
  }

  SimClock clock() {
    return clock;
  }

  /** When the rows of the minute starting at {@code minuteStart} become visible, in seconds. */
  public long visibleAt(String account, long minuteStart) {
    long minute = Math.floorDiv(minuteStart, 60);
    return minuteStart + 60 + 30 + SimHash.below(SimHash.of(seed, SimHash.of(account), minute), 121);
  }

  // ---- faults ----

  private static String key(String account, String dataset) {
    return account + "\u0000" + (dataset == null ? "*" : dataset);
  }

  /** Answers {@code dataset} of {@code account} (null: every dataset) with a permission error. */
  public synchronized void deny(String account, String dataset) {
    nodeFaults.put(key(account, dataset), ACCESS_DENIED);
  }

  /** Answers {@code dataset} of {@code account} (null: every dataset) with {@code message}. */
  public synchronized void failNode(String account, String dataset, String message) {
    nodeFaults.put(key(account, dataset), message);
  }

  /** Removes every node fault. */
  public synchronized void clearFaults() {
    nodeFaults.clear();
  }

  /** The node error forced on {@code dataset} of {@code account}, or null. */
  synchronized String nodeFault(String account, String dataset) {
    String m = nodeFaults.get(key(account, dataset));
    return m != null ? m : nodeFaults.get(key(account, null));
  }

  /** Sets the quota: {@code queries} dataset nodes per fixed {@code window}. */
  public synchronized void quota(int queries, Duration window) {
    this.quota = queries;
    this.quotaWindowSeconds = Math.max(1, window.toSeconds());
    this.quotaWindow = Long.MIN_VALUE;
  }

  /** Uses up what is left of the current quota window. */
  public synchronized void exhaustQuota() {
    roll();
    quotaUsed = quota;
  }

  private void roll() {
    long w = (long) Math.floor(clock.nowSeconds() / quotaWindowSeconds);
    if (w != quotaWindow) {
      quotaWindow = w;
      quotaUsed = 0;
    }
  }

  /** Takes {@code nodes} queries from the quota; false (and nothing taken) when they do not fit. */
  synchronized boolean takeQuota(int nodes) {
    roll();
    if (quotaUsed + nodes > quota) {
      quotaRefusals++;
      return false;
    }
    quotaUsed += nodes;
    queriesServed += nodes;
    return true;
  }

  /** Dataset nodes answered so far (each counts as one query against the quota). */
  public synchronized long queriesServed() {
    return queriesServed;
  }

  /** Requests refused because the quota was used up. */
  public synchronized long quotaRefusals() {
    return quotaRefusals;
  }

  // ---- ground truth ----

  /** The names of the account's tunnels as the datasets report them. */
  public List<String> tunnelNames(String account) {
    List<String> out = new ArrayList<>();
    for (SimTunnel t : data.tunnels(account, clock.nowSeconds())) {
      out.add(t.name());
    }
    return out;
  }

  /** The ids of the firewall rules the account's samples name. */
  public List<String> firewallRules(String account) {
    return data.firewallRules(account);
  }

  /** Every raw row of {@code dataset} in the minutes that start in {@code [from, to)}, visible or not. */
  List<SimRow> rows(SimDataset dataset, String account, long from, long to) {
    List<SimTunnel> tunnels = data.tunnels(account, clock.nowSeconds());
    List<SimRow> out = new ArrayList<>();
    for (long m = Math.floorDiv(from + 59, 60) * 60; m < to; m += 60) {
      out.addAll(data.rows(dataset, account, tunnels, m));
    }
    return out;
  }

  /**
   * The final sums of {@code fields} (or {@code count}) of {@code dataset} per value of the
   * {@code groupBy} dimensions, over the minutes that start in {@code [from, to)}: what any
   * complete count of that window must arrive at. Keys are the dimension values in order.
   */
  public Map<List<String>, double[]> totals(String dataset, String account, long from, long to, List<String> groupBy,
      List<String> fields) {
    Map<List<String>, double[]> out = new TreeMap<>(AnalyticsSimWorld::compareKeys);
    for (SimRow r : rows(SimDataset.ALL.get(dataset), account, from, to)) {
      List<String> k = new ArrayList<>();
      for (String d : groupBy) {
        k.add(String.valueOf(r.dims().get(d)));
      }
      double[] sums = out.computeIfAbsent(List.copyOf(k), x -> new double[fields.size()]);
      for (int i = 0; i < fields.size(); i++) {
        sums[i] += fields.get(i).equals("count") ? r.weight() : r.values().getOrDefault(fields.get(i), 0.0);
      }
    }
    return out;
  }

  /** The count-weighted average of {@code field} per group over {@code [from, to)}. */
  public Map<List<String>, Double> averages(String dataset, String account, long from, long to, List<String> groupBy,
      String field) {
    Map<List<String>, double[]> acc = new TreeMap<>(AnalyticsSimWorld::compareKeys);
    for (SimRow r : rows(SimDataset.ALL.get(dataset), account, from, to)) {
      List<String> k = new ArrayList<>();
      for (String d : groupBy) {
        k.add(String.valueOf(r.dims().get(d)));
      }
      double[] a = acc.computeIfAbsent(List.copyOf(k), x -> new double[2]);
      a[0] += r.weight() * r.values().getOrDefault(field, 0.0);
      a[1] += r.weight();
    }
    Map<List<String>, Double> out = new TreeMap<>(AnalyticsSimWorld::compareKeys);
    acc.forEach((k, a) -> out.put(k, a[0] / a[1]));
    return out;
  }

  static int compareKeys(List<String> a, List<String> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = a.get(i).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }
}
