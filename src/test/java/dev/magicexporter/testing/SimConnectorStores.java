package dev.magicexporter.testing;

import dev.magicexporter.client.EnvelopeDecoderAccess;
import dev.magicexporter.client.Json;
import dev.magicexporter.metrics.Metrics;
import dev.magicexporter.metrics.MetricsEndpoint;
import dev.magicexporter.metrics.connector.ConnectorMetrics;
import dev.magicexporter.metrics.filter.MetricFilter;
import dev.magicexporter.model.Snapshot;
import dev.magicexporter.sim.SimClock;
import dev.magicexporter.sim.SimOptions;
import dev.magicexporter.sim.connectors.SimWorld;
import dev.magicexporter.store.ConnectorDirectory;
import dev.magicexporter.store.ConnectorRef;
import dev.magicexporter.store.ConnectorStore;
import dev.magicexporter.store.SnapshotStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The exporter's connector stores and metrics filled with the simulator's full snapshots (every
 * field of the schema), for tests and benchmarks of the scrape path. Connectors can be given an
 * older snapshot (a change), removed and added back.
 */
public final class SimConnectorStores {
  public static final String ACCOUNT = SimOptions.DEFAULT_ACCOUNT;
  public static final double NOW = 1_764_000_000;

  public final ConnectorDirectory directory = new ConnectorDirectory();
  public final ConnectorStore connectors = new ConnectorStore();
  public final SnapshotStore snapshots = new SnapshotStore(directory);
  public final Metrics metrics = new Metrics(false);
  public final MetricsEndpoint endpoint;
  private final SimWorld world;
  private final List<ConnectorRef> refs = new ArrayList<>();
  private final Set<ConnectorRef> present = new TreeSet<>();
  private final Set<String> accounts = new TreeSet<>();

  /** {@code n} connectors with snapshots, from as many simulated accounts as that takes. */
  public SimConnectorStores(int n, MetricFilter filter) {
    List<String> accountIds = new ArrayList<>(List.of(ACCOUNT));
    for (int a = 1; a * SimWorld.MAX_CONNECTORS * 3 / 4 < n; a++) {
      accountIds.add(String.format("%032x", 0xbe9c4000L + a));
    }
    world = new SimWorld(SimOptions.defaults().withAccounts(accountIds)
        .withConnectors(Math.min(SimWorld.MAX_CONNECTORS, 2 * n)), new SimClock.Manual(NOW));
    for (String account : accountIds) {
      for (String id : world.connectorIds(account)) {
        if (refs.size() < n && world.latestSnapshotTime(account, id).isPresent()) {
          refs.add(new ConnectorRef(account, id));
          accounts.add(account);
        }
      }
    }
    if (refs.size() < n) {
      throw new IllegalStateException("only " + refs.size() + " simulated connectors have snapshots");
    }
    present.addAll(refs);
    directory.replace(accounts, present);
    for (int i = 0; i < n; i++) {
      store(i, 0);
    }
    // A fixed clock: the snapshot age is then the same in every scrape a test compares.
    new ConnectorMetrics(connectors, snapshots, false, java.time.Clock.fixed(java.time.Instant.ofEpochSecond(1_764_000_000L),
        java.time.ZoneOffset.UTC)).registerWith(metrics);
    endpoint = new MetricsEndpoint(metrics, filter);
  }

  public int size() {
    return refs.size();
  }

  public ConnectorRef ref(int i) {
    return refs.get(i);
  }

  /** The {@code snapshots/latest} body of connector {@code i}'s snapshot {@code age} steps before its newest. */
  public byte[] body(int i, int age) {
    ConnectorRef ref = refs.get(i);
    List<Long> times = world.snapshotTimes(ref.accountId(), ref.connectorId(), NOW - 86_400, NOW);
    long t = times.get(Math.max(0, times.size() - 1 - age));
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("count", 1);
    result.put("items", List.of(world.snapshot(ref.accountId(), ref.connectorId(), t).orElseThrow()));
    Map<String, Object> envelope = new LinkedHashMap<>();
    envelope.put("result", result);
    envelope.put("success", true);
    envelope.put("errors", List.of());
    envelope.put("messages", List.of());
    try {
      return Json.MAPPER.writeValueAsBytes(envelope);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stores connector {@code i}'s snapshot {@code age} steps before its newest, as a poll would. */
  public void store(int i, int age) {
    store(i, EnvelopeDecoderAccess.latest(body(i, age)));
  }

  public void store(int i, Snapshot s) {
    snapshots.stored(ref(i), s, NOW);
  }

  /** Connector {@code i} disappears from the account (the stores forget it). */
  public void remove(int i) {
    present.remove(ref(i));
    directory.replace(accounts, present);
  }

  /** Connector {@code i} is discovered again (no snapshot until {@link #store}). */
  public void add(int i) {
    present.add(ref(i));
    directory.replace(accounts, present);
  }
}
