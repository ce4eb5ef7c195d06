package dev.magicexporter.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.magicexporter.client.EnvelopeDecoderAccess;
import dev.magicexporter.client.Json;
import dev.magicexporter.model.Snapshot;
import dev.magicexporter.store.ConnectorDirectory;
import dev.magicexporter.store.ConnectorRef;
import dev.magicexporter.store.SnapshotStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Ingest: {@code snapshots/latest} bytes of simulated connectors to stored state, against raw
 * Jackson token streaming over the same bytes (the floor any JSON decoder pays). One operation is
 * one snapshot body (about 8.5 KB); bodies rotate over 200 connectors.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class IngestBenchmark {
  static final int CONNECTORS = 200;
  static final JsonFactory FACTORY =
      JsonFactory.builder().disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();

  @State(Scope.Thread)
  public static class Bodies {
    List<byte[]> bodies = new ArrayList<>();
    List<ConnectorRef> refs = new ArrayList<>();
    SnapshotStore store;
    int next;

    @Setup
    public void setup() {
      Map<String, byte[]> all = BenchData.latestBodies(CONNECTORS);
      Set<ConnectorRef> set = new TreeSet<>();
      all.forEach((id, body) -> {
        bodies.add(body);
        ConnectorRef ref = new ConnectorRef(BenchData.ACCOUNT, id);
        refs.add(ref);
        set.add(ref);
      });
      ConnectorDirectory directory = new ConnectorDirectory();
      directory.replace(Set.of(BenchData.ACCOUNT), set);
      store = new SnapshotStore(directory);
    }

    int nextIndex() {
      int i = next;
      next = i + 1 == bodies.size() ? 0 : i + 1;
      return i;
    }
  }

  /** What the snapshot poller does with a response: decode the envelope and snapshot, swap it in. */
  @Benchmark
  public Object decodeAndStore(Bodies b) {
    int i = b.nextIndex();
    Snapshot s = EnvelopeDecoderAccess.latest(b.bodies.get(i));
    return b.store.stored(b.refs.get(i), s, BenchData.NOW);
  }

  /** Baseline: every token of the same bytes, values left unparsed. */
  @Benchmark
  public int jacksonTokens(Bodies b) throws IOException {
    int tokens = 0;
    try (JsonParser p = FACTORY.createParser(b.bodies.get(b.nextIndex()))) {
      while (p.nextToken() != null) {
        tokens++;
      }
    }
    return tokens;
  }

  /** Baseline: every token, with numbers parsed to double and strings materialised. */
  @Benchmark
  public void jacksonTokensAndValues(Bodies b, Blackhole bh) throws IOException {
    try (JsonParser p = FACTORY.createParser(b.bodies.get(b.nextIndex()))) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
          bh.consume(p.getDoubleValue());
        } else if (t == JsonToken.VALUE_STRING) {
          bh.consume(p.getText());
        }
      }
    }
  }

  /** Reference: Jackson's tree model over the same bytes (what a tree-based decoder would start from). */
  @Benchmark
  public Object jacksonTree(Bodies b) throws IOException {
    return Json.MAPPER.readTree(b.bodies.get(b.nextIndex()));
  }
}
