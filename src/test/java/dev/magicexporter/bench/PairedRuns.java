package dev.magicexporter.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.magicexporter.client.EnvelopeDecoderAccess;
import dev.magicexporter.client.Json;
import dev.magicexporter.metrics.family.FamilyCollector;
import dev.magicexporter.model.Snapshot;
import dev.magicexporter.store.ConnectorDirectory;
import dev.magicexporter.store.ConnectorRef;
import dev.magicexporter.store.SnapshotStore;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Candidate and baseline interleaved round by round in one JVM, so that both see the same load:
 * on a shared, noisy machine JMH's one-benchmark-per-fork runs can land in quieter or busier
 * minutes, which skews ratios across benchmarks. Reports per-round ratios (median) and the ratio
 * of the best rounds; allocations come from the thread's allocation counter.
 */
final class PairedRuns {
  private PairedRuns() {}

  interface Op {
    long run() throws Exception;
  }

  record Variant(String name, Op op, int perRound) {}

  /** Per variant: best ns per op, median ns per op, bytes allocated per op, median ratio to the first. */
  record Stats(String name, double bestNs, double medianNs, double allocBytes, double medianRatio) {}

  static List<Stats> run(List<Variant> variants, int warmupRounds, int rounds) throws Exception {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long tid = Thread.currentThread().getId();
    int n = variants.size();
    double[][] ns = new double[n][rounds];
    double[] alloc = new double[n];
    long sink = 0;
    for (int r = -warmupRounds; r < rounds; r++) {
      for (int v = 0; v < n; v++) {
        Variant var = variants.get(v);
        long a0 = threads.getThreadAllocatedBytes(tid);
        long t0 = System.nanoTime();
        for (int i = 0; i < var.perRound(); i++) {
          sink += var.op().run();
        }
        long t1 = System.nanoTime();
        long a1 = threads.getThreadAllocatedBytes(tid);
        if (r >= 0) {
          ns[v][r] = (double) (t1 - t0) / var.perRound();
          alloc[v] = (double) (a1 - a0) / var.perRound();
        }
      }
    }
    if (sink == 42) {
      System.out.print("");
    }
    List<Stats> out = new ArrayList<>();
    for (int v = 0; v < n; v++) {
      double[] ratios = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        ratios[r] = ns[v][r] / ns[0][r];
      }
      out.add(new Stats(variants.get(v).name(), min(ns[v]), median(ns[v]), alloc[v], median(ratios)));
    }
    return out;
  }

  /** Ingest variants over the same snapshot bodies; the first is the raw token baseline. */
  static List<Variant> ingest(Map<String, byte[]> bodies) {
    List<byte[]> list = new ArrayList<>(bodies.values());
    List<ConnectorRef> refs = new ArrayList<>();
    Set<ConnectorRef> set = new TreeSet<>();
    for (String id : bodies.keySet()) {
      ConnectorRef ref = new ConnectorRef(BenchData.ACCOUNT, id);
      refs.add(ref);
      set.add(ref);
    }
    ConnectorDirectory directory = new ConnectorDirectory();
    directory.replace(Set.of(BenchData.ACCOUNT), set);
    SnapshotStore store = new SnapshotStore(directory);
    int[] next = {0};
    java.util.function.IntSupplier index = () -> {
      int i = next[0];
      next[0] = i + 1 == list.size() ? 0 : i + 1;
      return i;
    };
    return List.of(
        new Variant("jacksonTokens", () -> {
          long tokens = 0;
          try (JsonParser p = IngestBenchmark.FACTORY.createParser(list.get(index.getAsInt()))) {
            while (p.nextToken() != null) {
              tokens++;
            }
          }
          return tokens;
        }, list.size()),
        new Variant("jacksonTokensAndValues", () -> {
          long acc = 0;
          try (JsonParser p = IngestBenchmark.FACTORY.createParser(list.get(index.getAsInt()))) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
              if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                acc += (long) p.getDoubleValue();
              } else if (t == JsonToken.VALUE_STRING) {
                acc += p.getText().length();
              }
            }
          }
          return acc;
        }, list.size()),
        new Variant("decodeAndStore", () -> {
          int i = index.getAsInt();
          Snapshot s = EnvelopeDecoderAccess.latest(list.get(i));
          return store.stored(refs.get(i), s, BenchData.NOW).ref().hashCode();
        }, list.size()),
        new Variant("jacksonTree", () -> Json.MAPPER.readTree(list.get(index.getAsInt())).size(), list.size()));
  }

  /** Scrape variants over the same series; the first is the Micrometer baseline. */
  static List<Variant> scrape(BenchData.Exporter exporter, PrometheusMeterRegistry micrometer) {
    PrometheusRegistry clientJava = new PrometheusRegistry();
    for (FamilyCollector<?> c : exporter.metrics.familyCollectors()) {
      clientJava.register(c.asMultiCollector());
    }
    return List.of(
        new Variant("micrometerPerSeries", () -> {
          ScrapeBenchmark.CountingSink out = new ScrapeBenchmark.CountingSink();
          micrometer.scrape(out, "text/plain; version=0.0.4; charset=utf-8");
          return out.bytes;
        }, 1),
        new Variant("clientJavaSnapshots", () -> {
          ScrapeBenchmark.CountingSink out = new ScrapeBenchmark.CountingSink();
          PrometheusTextFormatWriter.create().write(out, clientJava.scrape());
          return out.bytes;
        }, 1),
        new Variant("directWriter", () -> {
          ScrapeBenchmark.CountingSink out = new ScrapeBenchmark.CountingSink();
          try {
            exporter.endpoint.scrape(exporter.endpoint.writerFor("text/plain"), out);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          return out.bytes;
        }, 1));
  }

  static Map<String, Stats> byName(List<Stats> stats) {
    Map<String, Stats> m = new LinkedHashMap<>();
    stats.forEach(s -> m.put(s.name(), s));
    return m;
  }

  private static double min(double[] a) {
    return Arrays.stream(a).min().orElse(Double.NaN);
  }

  private static double median(double[] a) {
    double[] c = a.clone();
    Arrays.sort(c);
    return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
  }
}
