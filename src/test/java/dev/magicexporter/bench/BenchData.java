package dev.magicexporter.bench;

import dev.magicexporter.client.EnvelopeDecoderAccess;
import dev.magicexporter.client.Json;
import dev.magicexporter.metrics.Metrics;
import dev.magicexporter.metrics.MetricsEndpoint;
import dev.magicexporter.metrics.connector.ConnectorMetrics;
import dev.magicexporter.model.Snapshot;
import dev.magicexporter.sim.SimClock;
import dev.magicexporter.sim.SimOptions;
import dev.magicexporter.sim.connectors.SimWorld;
import dev.magicexporter.store.ConnectorDirectory;
import dev.magicexporter.store.ConnectorRef;
import dev.magicexporter.store.ConnectorStore;
import dev.magicexporter.store.SnapshotStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Realistic inputs for the benchmarks: {@code snapshots/latest} response bodies of a simulated
 * account (the simulator's full snapshot generator, every field of the schema) and the exporter
 * state they produce.
 */
final class BenchData {
  static final String ACCOUNT = SimOptions.DEFAULT_ACCOUNT;
  static final double NOW = 1_764_000_000;

  private BenchData() {}

  /** {@code snapshots/latest} bodies of {@code n} simulated connectors, by connector id. */
  static Map<String, byte[]> latestBodies(int n) {
    // Some simulated connectors never reported; take the first n that did.
    SimWorld world = new SimWorld(SimOptions.defaults().withConnectors(Math.min(SimWorld.MAX_CONNECTORS, 2 * n)),
        new SimClock.Manual(NOW));
    Map<String, byte[]> out = new LinkedHashMap<>();
    for (String id : world.connectorIds(ACCOUNT)) {
      if (out.size() == n) {
        break;
      }
      var latest = world.latestSnapshotTime(ACCOUNT, id);
      if (latest.isEmpty()) {
        continue;
      }
      Map<String, Object> snapshot = world.snapshot(ACCOUNT, id, latest.getAsLong()).orElseThrow();
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("count", 1);
      result.put("items", List.of(snapshot));
      Map<String, Object> envelope = new LinkedHashMap<>();
      envelope.put("result", result);
      envelope.put("success", true);
      envelope.put("errors", List.of());
      envelope.put("messages", List.of());
      try {
        out.put(id, Json.MAPPER.writeValueAsBytes(envelope));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (out.size() < n) {
      throw new IllegalStateException("only " + out.size() + " simulated connectors have snapshots");
    }
    return out;
  }

  /** The exporter's stores and metrics after one discovery and one snapshot cycle. */
  static final class Exporter {
    final ConnectorDirectory directory = new ConnectorDirectory();
    final ConnectorStore connectors = new ConnectorStore();
    final SnapshotStore snapshots = new SnapshotStore(directory);
    final Metrics metrics = new Metrics(false);
    final MetricsEndpoint endpoint = new MetricsEndpoint(metrics);

    Exporter(Map<String, byte[]> bodies) {
      Set<ConnectorRef> refs = new TreeSet<>();
      for (String id : bodies.keySet()) {
        refs.add(new ConnectorRef(ACCOUNT, id));
      }
      directory.replace(Set.of(ACCOUNT), refs);
      for (Map.Entry<String, byte[]> e : bodies.entrySet()) {
        Snapshot s = EnvelopeDecoderAccess.latest(e.getValue());
        snapshots.stored(new ConnectorRef(ACCOUNT, e.getKey()), s, NOW);
      }
      new ConnectorMetrics(connectors, snapshots, false).registerWith(metrics);
    }

    String scrapeText() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try {
        endpoint.scrape(endpoint.writerFor("text/plain"), out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  /** Every series line of an exposition: name, labels and value. */
  static List<String[]> seriesOf(String exposition) {
    List<String[]> out = new ArrayList<>();
    for (String line : exposition.split("\n")) {
      if (!line.isEmpty() && !line.startsWith("#")) {
        int sp = line.lastIndexOf(' ');
        out.add(new String[] {line.substring(0, sp), line.substring(sp + 1)});
      }
    }
    return out;
  }
}
