package dev.magicexporter.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the connector-pipeline benchmarks and prints the BENCHMARKS.md tables with ratios against
 * baselines measured in the same run (also written to {@code target/benchmarks.md}):
 *
 * <pre>
 * ./mvnw -q -o test-compile exec:exec -Dexec.classpathScope=test -Dexec.executable=java \
 *   -Dexec.args="-Xmx3g -cp %classpath dev.magicexporter.bench.BenchMain"
 * </pre>
 *
 * Add {@code --paired-only} to the arguments to skip JMH (about 2 minutes). About 12 minutes on
 * 2 cores: heap footprint and paired (interleaved) ratios first, in this JVM,
 * then JMH with one fork per benchmark, 2 warm-up and 3 measured iterations of 5 s, and the GC
 * profiler for allocations.
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    StringBuilder md = new StringBuilder();
    Map<String, byte[]> bodies = BenchData.latestBodies(ScrapeBenchmark.CONNECTORS);
    HeapFootprint.Result ours = HeapFootprint.exporter(bodies);
    HeapFootprint.Result micrometer = HeapFootprint.micrometer(bodies);
    md.append("### Steady-state heap per exported series (").append(ScrapeBenchmark.CONNECTORS)
        .append(" connectors, ").append(ours.series()).append(" series)\n\n");
    md.append("| State | Retained heap | Bytes per series | vs baseline |\n|---|---|---|---|\n");
    row(md, ours, micrometer);
    row(md, micrometer, micrometer);

    List<PairedRuns.Stats> ingest = PairedRuns.run(PairedRuns.ingest(BenchData.latestBodies(IngestBenchmark.CONNECTORS)),
        10, 40);
    md.append("\n### Ingest, paired (40 interleaved rounds of 200 simulated snapshots, same JVM)\n\n");
    md.append("| Variant | best us/snapshot | median us/snapshot | alloc B/snapshot | rate vs jacksonTokens (median of rounds) "
        + "| rate vs jacksonTokens (best rounds) |\n|---|---|---|---|---|---|\n");
    PairedRuns.Stats tokensPaired = ingest.get(0);
    for (PairedRuns.Stats s : ingest) {
      md.append(String.format("| %s | %.1f | %.1f | %.0f | %.2f | %.2f |%n", s.name(), s.bestNs() / 1e3,
          s.medianNs() / 1e3, s.allocBytes(), 1 / s.medianRatio(), tokensPaired.bestNs() / s.bestNs()));
    }

    BenchData.Exporter exporter = new BenchData.Exporter(bodies);
    var registry = ScrapeBenchmark.MicrometerBaseline.register(exporter.scrapeText());
    List<PairedRuns.Stats> scrape = PairedRuns.run(PairedRuns.scrape(exporter, registry), 2, 5);
    md.append("\n### Scrape, paired (5 interleaved rounds after 2 warm-up rounds, same JVM, ")
        .append(ours.series()).append(" series)\n\n");
    md.append("| Variant | best ms | median ms | alloc MB/scrape | faster than Micrometer (median of rounds) "
        + "| faster (best rounds) | less allocation |\n|---|---|---|---|---|---|---|\n");
    PairedRuns.Stats mm = scrape.get(0);
    for (PairedRuns.Stats s : scrape) {
      md.append(String.format("| %s | %.1f | %.1f | %.1f | %.1fx | %.1fx | %.1fx |%n", s.name(), s.bestNs() / 1e6,
          s.medianNs() / 1e6, s.allocBytes() / 1e6, 1 / s.medianRatio(), mm.bestNs() / s.bestNs(),
          mm.allocBytes() / s.allocBytes()));
    }
    System.out.println(md);
    if (List.of(args).contains("--paired-only")) {
      write(md);
      return;
    }

    // -Dbench.quick=true: one short iteration each, to check the harness, not to quote.
    boolean quick = Boolean.getBoolean("bench.quick");
    Options opts = new OptionsBuilder()
        .include(IngestBenchmark.class.getName())
        .include(ScrapeBenchmark.class.getName())
        .forks(1)
        .jvmArgs("-Xms3g", "-Xmx3g")
        .warmupIterations(quick ? 1 : 2).warmupTime(TimeValue.seconds(quick ? 1 : 5))
        .measurementIterations(quick ? 1 : 3).measurementTime(TimeValue.seconds(quick ? 2 : 5))
        .addProfiler(GCProfiler.class)
        .build();
    Collection<RunResult> results = new Runner(opts).run();
    Map<String, RunResult> byName = new LinkedHashMap<>();
    for (RunResult r : results) {
      String label = r.getParams().getBenchmark();
      byName.put(label.substring(label.lastIndexOf('.', label.lastIndexOf('.') - 1) + 1), r);
    }

    md.append("\n### Ingest (snapshot bytes to stored state, one op = one ~8.5 KB simulated snapshot)\n\n");
    md.append("| Benchmark | ops/s | ± | alloc B/op | vs jacksonTokens |\n|---|---|---|---|---|\n");
    RunResult tokens = byName.get("IngestBenchmark.jacksonTokens");
    for (String b : new String[] {"decodeAndStore", "jacksonTokens", "jacksonTokensAndValues", "jacksonTree"}) {
      RunResult r = byName.get("IngestBenchmark." + b);
      if (r != null) {
        md.append(String.format("| %s | %.0f | %.0f | %.0f | %.2f |%n", b, score(r), error(r), alloc(r),
            tokens == null ? Double.NaN : score(r) / score(tokens)));
      }
    }

    md.append("\n### Scrape of ").append(ScrapeBenchmark.CONNECTORS).append(" connectors (")
        .append(ours.series()).append(" series, Prometheus text)\n\n");
    md.append("| Benchmark | ms/op | ± | alloc MB/op | time vs Micrometer | alloc vs Micrometer |\n"
        + "|---|---|---|---|---|---|\n");
    RunResult base = byName.get("ScrapeBenchmark.micrometerPerSeries");
    for (String b : new String[] {"directWriter", "clientJavaSnapshots", "micrometerPerSeries"}) {
      RunResult r = byName.get("ScrapeBenchmark." + b);
      if (r != null) {
        md.append(String.format("| %s | %.1f | %.1f | %.1f | %s | %s |%n", b, score(r), error(r), alloc(r) / 1e6,
            base == null ? "" : String.format("%.1fx faster", score(base) / score(r)),
            base == null ? "" : String.format("%.1fx less", alloc(base) / alloc(r))));
      }
    }
    System.out.println(md);
    write(md);
  }

  private static void write(StringBuilder md) throws java.io.IOException {
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "benchmarks.md"), md.toString(), StandardCharsets.UTF_8);
  }

  private static void row(StringBuilder md, HeapFootprint.Result r, HeapFootprint.Result base) {
    md.append(String.format("| %s | %.1f MB | %.0f | %.1fx less |%n", r.what(), r.retainedBytes() / 1e6,
        r.bytesPerSeries(), base.bytesPerSeries() / r.bytesPerSeries()));
  }

  private static double score(RunResult r) {
    return r.getPrimaryResult().getScore();
  }

  private static double error(RunResult r) {
    return r.getPrimaryResult().getScoreError();
  }

  private static double alloc(RunResult r) {
    for (Map.Entry<String, Result> e : r.getSecondaryResults().entrySet()) {
      if (e.getKey().endsWith("gc.alloc.rate.norm")) {
        return e.getValue().getScore();
      }
    }
    return Double.NaN;
  }

}
