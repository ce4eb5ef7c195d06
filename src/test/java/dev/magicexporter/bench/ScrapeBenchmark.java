package dev.magicexporter.bench;

import dev.magicexporter.metrics.family.FamilyCollector;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One scrape of 1,000 simulated connectors (all families: connectors, snapshots, pipeline health)
 * in the Prometheus text format, written to a counting null stream. Compared with the same series
 * as client_java snapshots (our MultiCollector view) and with one Micrometer meter per series.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ScrapeBenchmark {
  static final int CONNECTORS = 1000;

  /** Counts bytes so that the JIT cannot drop the writing. */
  static final class CountingSink extends OutputStream {
    long bytes;

    @Override
    public void write(int b) {
      bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      bytes += len;
    }
  }

  @State(Scope.Benchmark)
  public static class Exporter {
    BenchData.Exporter exporter;
    PrometheusRegistry clientJava;

    @Setup
    public void setup() {
      exporter = new BenchData.Exporter(BenchData.latestBodies(CONNECTORS));
      clientJava = new PrometheusRegistry();
      for (FamilyCollector<?> c : exporter.metrics.familyCollectors()) {
        clientJava.register(c.asMultiCollector());
      }
    }
  }

  /** Baseline: the same series as one Micrometer gauge or function counter each. */
  @State(Scope.Benchmark)
  public static class MicrometerPerSeries {
    PrometheusMeterRegistry registry;

    @Setup
    public void setup() {
      registry = MicrometerBaseline.register(new BenchData.Exporter(BenchData.latestBodies(CONNECTORS)).scrapeText());
    }
  }

  @Benchmark
  public long directWriter(Exporter e) throws IOException {
    CountingSink out = new CountingSink();
    e.exporter.endpoint.scrape(e.exporter.endpoint.writerFor("text/plain"), out);
    return out.bytes;
  }

  @Benchmark
  public long clientJavaSnapshots(Exporter e) throws IOException {
    CountingSink out = new CountingSink();
    PrometheusTextFormatWriter.create().write(out, e.clientJava.scrape());
    return out.bytes;
  }

  @Benchmark
  public long micrometerPerSeries(MicrometerPerSeries m) throws IOException {
    CountingSink out = new CountingSink();
    m.registry.scrape(out, "text/plain; version=0.0.4; charset=utf-8");
    return out.bytes;
  }

  /** Registers one Micrometer meter per series of an exposition, reading a fixed value. */
  static final class MicrometerBaseline {
    private MicrometerBaseline() {}

    static PrometheusMeterRegistry register(String exposition) {
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      Map<String, String> types = new HashMap<>();
      Map<String, String> help = new HashMap<>();
      List<String[]> series = new ArrayList<>();
      for (String line : exposition.split("\n")) {
        if (line.startsWith("# TYPE ")) {
          String[] p = line.split(" ");
          types.put(p[2], p[3]);
        } else if (line.startsWith("# HELP ")) {
          int sp = line.indexOf(' ', 7);
          help.put(line.substring(7, sp), line.substring(sp + 1));
        } else if (!line.isEmpty() && !line.startsWith("#")) {
          int sp = line.lastIndexOf(' ');
          series.add(new String[] {line.substring(0, sp), line.substring(sp + 1)});
        }
      }
      for (String[] s : series) {
        String key = s[0];
        int brace = key.indexOf('{');
        String name = brace < 0 ? key : key.substring(0, brace);
        Tags tags = Tags.empty();
        if (brace >= 0) {
          for (String kv : splitLabels(key.substring(brace + 1, key.length() - 1))) {
            int eq = kv.indexOf('=');
            tags = tags.and(kv.substring(0, eq), kv.substring(eq + 2, kv.length() - 1));
          }
        }
        double[] holder = {Double.parseDouble(s[1])};
        if ("counter".equals(types.get(name))) {
          FunctionCounter.builder(name.substring(0, name.length() - "_total".length()), holder, h -> h[0])
              .tags(tags).description(help.get(name)).register(registry);
        } else {
          Gauge.builder(name, holder, h -> h[0]).tags(tags).description(help.get(name)).register(registry);
        }
      }
      return registry;
    }

    /** Splits {@code a="x",b="y"} at the commas between labels (values may contain commas). */
    static List<String> splitLabels(String s) {
      List<String> out = new ArrayList<>();
      boolean quoted = false;
      int start = 0;
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          quoted = !quoted;
        } else if (c == ',' && !quoted) {
          out.add(s.substring(start, i));
          start = i + 1;
        }
      }
      out.add(s.substring(start));
      return out;
    }
  }
}
