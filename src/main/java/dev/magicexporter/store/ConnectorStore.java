package dev.magicexporter.store;

import dev.magicexporter.model.Connector;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The connector objects as last discovered, per connector; replaced account by account by the
 * discovery poller. Timestamps are parsed once here so that a scrape only reads numbers.
 */
public final class ConnectorStore {
  private final Map<ConnectorRef, KnownConnector> byRef = new ConcurrentSkipListMap<>();

  /** One discovered connector; the timestamps are seconds since the epoch, NaN when absent or unparseable. */
  public record KnownConnector(ConnectorRef ref, Connector connector, double lastHeartbeatSeconds, double lastUpdatedSeconds) {
    public static KnownConnector of(ConnectorRef ref, Connector c) {
      return new KnownConnector(ref, c, epochSeconds(c.lastHeartbeat()), epochSeconds(c.lastUpdated()));
    }
  }

  /** Replaces the connectors of {@code accounts} with {@code found}; other accounts stay. */
  public synchronized void replace(Set<String> accounts, Collection<KnownConnector> found) {
    Map<ConnectorRef, KnownConnector> next = new java.util.HashMap<>();
    for (KnownConnector k : found) {
      next.put(k.ref(), k);
    }
    byRef.keySet().removeIf(r -> accounts.contains(r.accountId()) && !next.containsKey(r));
    byRef.putAll(next);
  }

  public KnownConnector get(ConnectorRef ref) {
    return byRef.get(ref);
  }

  /** A live view in connector order; callers that iterate several times copy it first. */
  public Collection<KnownConnector> all() {
    return byRef.values();
  }

  public int size() {
    return byRef.size();
  }

  /**
   * Parses an API timestamp (RFC 3339, with or without offset) to seconds since the epoch; NaN
   * for null or a format this version does not understand, so a bad value hides one series
   * instead of failing discovery.
   */
  public static double epochSeconds(String s) {
    if (s == null || s.isBlank()) {
      return Double.NaN;
    }
    try {
      Instant i = OffsetDateTime.parse(s.strip()).toInstant();
      return i.getEpochSecond() + i.getNano() / 1e9;
    } catch (DateTimeParseException e) {
      try {
        Instant i = java.time.LocalDateTime.parse(s.strip()).toInstant(java.time.ZoneOffset.UTC);
        return i.getEpochSecond() + i.getNano() / 1e9;
      } catch (DateTimeParseException e2) {
        return Double.NaN;
      }
    }
  }
}
