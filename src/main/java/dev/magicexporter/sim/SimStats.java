package dev.magicexporter.sim;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the simulator served, for tests: requests received, answers per route template (e.g.
 * {@code GET /accounts/{account_id}/magic/connectors}) and per status, and faults injected.
 */
public final class SimStats {
  private final AtomicLong received = new AtomicLong();
  private final Map<String, LongAdder> byRoute = new ConcurrentHashMap<>();
  private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
  private final Map<FaultKind, LongAdder> byFault = new ConcurrentHashMap<>();

  /** Counts an arriving request and returns its sequence number (0, 1, 2...). */
  long arrive() {
    return received.getAndIncrement();
  }

  void answered(String route, int status) {
    if (route != null) {
      byRoute.computeIfAbsent(route, r -> new LongAdder()).increment();
    }
    byStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
  }

  void fault(FaultKind kind) {
    byFault.computeIfAbsent(kind, k -> new LongAdder()).increment();
  }

  /** Requests received under {@code /client/v4}, faults included. */
  public long requests() {
    return received.get();
  }

  /** Answers given by a route (module answers; injected 429/5xx are not routed). */
  public Map<String, Long> requestsByRoute() {
    return snapshot(byRoute);
  }

  public long requests(String routeTemplate) {
    LongAdder a = byRoute.get(routeTemplate);
    return a == null ? 0 : a.sum();
  }

  public Map<Integer, Long> responsesByStatus() {
    return snapshot(byStatus);
  }

  public long responses(int status) {
    LongAdder a = byStatus.get(status);
    return a == null ? 0 : a.sum();
  }

  public Map<FaultKind, Long> faults() {
    return snapshot(byFault);
  }

  public long faults(FaultKind kind) {
    LongAdder a = byFault.get(kind);
    return a == null ? 0 : a.sum();
  }

  /** All malformed bodies, whatever their kind. */
  public long malformed() {
    return byFault.entrySet().stream().filter(e -> e.getKey().malformed()).mapToLong(e -> e.getValue().sum()).sum();
  }

  private static <K extends Comparable<K>> Map<K, Long> snapshot(Map<K, LongAdder> m) {
    Map<K, Long> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }
}
