package dev.magicexporter.bench;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.util.Map;

/**
 * Steady-state heap per exported series: the retained heap of the exporter's state for N
 * simulated connectors (stores, snapshots, label cache, after one scrape), measured as the used
 * heap after full GCs with and without that state, divided by the series it exports; and the same
 * for one Micrometer meter per series.
 */
final class HeapFootprint {
  record Result(String what, long series, long retainedBytes) {
    double bytesPerSeries() {
      return (double) retainedBytes / series;
    }
  }

  private HeapFootprint() {}

  static long usedAfterGc() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(200);
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  static Result exporter(Map<String, byte[]> bodies) throws InterruptedException {
    long before = usedAfterGc();
    BenchData.Exporter exporter = new BenchData.Exporter(bodies);
    long series = BenchData.seriesOf(exporter.scrapeText()).size();
    long after = usedAfterGc();
    Reference.reachabilityFence(exporter);
    return new Result("direct writer over immutable snapshots", series, after - before);
  }

  static Result micrometer(Map<String, byte[]> bodies) throws InterruptedException {
    String text = new BenchData.Exporter(bodies).scrapeText();
    long series = BenchData.seriesOf(text).size();
    long before = usedAfterGc();
    PrometheusMeterRegistry registry = ScrapeBenchmark.MicrometerBaseline.register(text);
    long after = usedAfterGc();
    Reference.reachabilityFence(registry);
    Reference.reachabilityFence(text);
    return new Result("one Micrometer meter per series", series, after - before);
  }
}
