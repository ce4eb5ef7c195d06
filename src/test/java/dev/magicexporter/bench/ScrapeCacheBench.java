package dev.magicexporter.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.magicexporter.app.ScrapeServers;
import dev.magicexporter.metrics.family.FamilyCollector;
import dev.magicexporter.metrics.family.TextFormat;
import dev.magicexporter.metrics.filter.MetricFilter;
import dev.magicexporter.metrics.scrape.ScrapeCache;
import dev.magicexporter.metrics.scrape.Selection;
import dev.magicexporter.model.Snapshot;
import dev.magicexporter.client.EnvelopeDecoderAccess;
import dev.magicexporter.testing.SimConnectorStores;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * The scrape cache (issue 17): gzip scrapes over HTTP against a floor and the rendering before
 * the cache, CPU per scrape and per connector update, heap per series, and the block size
 * trade-off. Writes {@code target/scrape-cache-benchmarks.md}:
 *
 * <pre>
 * ./mvnw -q -o test-compile exec:exec -Dexec.classpathScope=test -Dexec.executable=java \
 *   -Dexec.args="-Xmx3g -Dbench.rounds=21 -cp %classpath dev.magicexporter.bench.ScrapeCacheBench"
 * </pre>
 *
 * CPU is thread CPU time for in-process work (rendering runs in the calling thread) and the
 * process's CPU time around each HTTP scrape (server threads, GC and all; the client is curl, a
 * separate process). Variants are interleaved round by round so they share the machine's load.
 */
public final class ScrapeCacheBench {
  static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  static final String PROM = "text/plain; version=0.0.4";

  private ScrapeCacheBench() {}

  public static void main(String[] args) throws Exception {
    StringBuilder md = new StringBuilder();
    int rounds = Integer.getInteger("bench.rounds", 15);
    // -Dbench.parts=heap,blocks,inprocess,http,10k (default: all of them)
    List<String> parts = List.of(System.getProperty("bench.parts", "heap,blocks,inprocess,http,10k").split(","));
    if (parts.contains("heap")) {
      heap(md, 1_000);
    }
    SimConnectorStores sim = new SimConnectorStores(1_000, MetricFilter.NONE);
    long series = countSeries(sim);
    if (parts.contains("blocks")) {
      blockSizes(md, sim, series);
    }
    if (parts.contains("inprocess")) {
      inProcess(md, sim, series, rounds);
    }
    if (parts.contains("http")) {
      http(md, sim, rounds);
    }
    sim = null;
    if (parts.contains("10k")) {
      heap(md, 10_000);
      SimConnectorStores large = new SimConnectorStores(10_000, MetricFilter.NONE);
      inProcess(md, large, countSeries(large), Math.max(3, rounds / 3));
    }
    System.out.println(md);
    Path out = Path.of("target", "scrape-cache-benchmarks.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, md.toString(), StandardCharsets.UTF_8);
  }

  // ------------------------------------------------------------------ heap

  static void heap(StringBuilder md, int connectors) throws Exception {
    long before = usedAfterGc();
    SimConnectorStores sim = new SimConnectorStores(connectors, MetricFilter.NONE);
    long series = countSeries(sim);
    long stores = usedAfterGc() - before;
    sim.endpoint.scrapeGzip(sim.endpoint.writerFor(PROM), OutputStream.nullOutputStream());
    long withCache = usedAfterGc() - before;
    ScrapeCache.Stats st = sim.endpoint.cacheStats();
    Reference.reachabilityFence(sim);
    if (!md.toString().contains("### Heap per series")) {
      md.append("### Heap per series (retained after full GCs, stores and label cache, then after one gzip scrape)\n\n")
          .append("| Connectors | Series | Stores B/series | Cache B/series (held members) | Total B/series |\n")
          .append("|---|---|---|---|---|\n");
    }
    md.append(String.format("| %,d | %,d | %.1f | %.1f (%.1f) | %.1f |%n", connectors, series,
        (double) stores / series, (double) (withCache - stores) / series, (double) st.bytes() / series,
        (double) withCache / series));
    System.out.println(md);
  }

  static long usedAfterGc() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(200);
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  static long countSeries(SimConnectorStores sim) throws IOException {
    LineCounter c = new LineCounter();
    sim.endpoint.scrape(sim.endpoint.writerFor(PROM), c);
    return c.series;
  }

  /** Counts sample lines (lines not starting with '#') without keeping the text. */
  static final class LineCounter extends OutputStream {
    long series;
    long bytes;
    boolean lineStart = true;

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      bytes += len;
      for (int i = off; i < off + len; i++) {
        if (lineStart && b[i] != '#') {
          series++;
        }
        lineStart = b[i] == '\n';
      }
    }
  }

  // ------------------------------------------------------------------ block sizes

  static void blockSizes(StringBuilder md, SimConnectorStores sim, long series) throws Exception {
    md.append("\n### Block size (objects per member), level 6, ").append(String.format("%,d", series))
        .append(" series of ").append(sim.size()).append(" connectors\n\n")
        .append("| Block size | Cache B/series | Members | First fill CPU ms | CPU ms per update (1 changed) "
            + "| CPU ms per update (100 changed, random order) | Unchanged scrape CPU ms |\n|---|---|---|---|---|---|---|\n");
    Random random = new Random(1);
    Versions versions = new Versions(sim);
    for (int k : new int[] {4, 8, 16, 32, 64}) {
      ScrapeCache cache = new ScrapeCache(k, ScrapeCache.DEFAULT_LEVEL);
      List<Selection<?>> sel = selections(sim);
      long fill = cpu(() -> write(cache, sel));
      ScrapeCache.Stats st = cache.stats();
      double[] one = new double[5];
      double[] hundred = new double[3];
      double[] idle = new double[5];
      for (int r = 0; r < idle.length; r++) {
        idle[r] = cpu(() -> write(cache, sel)) / 1e6;
      }
      for (int r = 0; r < one.length; r++) {
        versions.random(random, 1);
        one[r] = cpu(() -> write(cache, sel)) / 1e6;
      }
      for (int r = 0; r < hundred.length; r++) {
        versions.random(random, 100);
        hundred[r] = cpu(() -> write(cache, sel)) / 1e6 / 100;
      }
      double idleMs = median(idle);
      md.append(String.format("| %d | %.1f | %,d | %.0f | %.2f | %.2f | %.2f |%n", k, (double) st.bytes() / series,
          st.members(), fill / 1e6, median(one) - idleMs, median(hundred) - idleMs / 100, idleMs));
      System.out.println(md);
    }
  }

  static List<Selection<?>> selections(SimConnectorStores sim) {
    List<Selection<?>> out = new ArrayList<>();
    for (FamilyCollector<?> c : sim.metrics.familyCollectors()) {
      out.add(Selection.of(c, MetricFilter.NONE));
    }
    return out;
  }

  static void write(ScrapeCache cache, List<Selection<?>> sel) {
    try {
      cache.writeGzip(sel, TextFormat.PROMETHEUS, out -> { }, out -> { }, OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Two decoded snapshots per connector (the newest and the one before); an update stores the
   * other one, as a poll storing a new snapshot would.
   */
  static final class Versions {
    final SimConnectorStores sim;
    final Snapshot[][] both;
    final boolean[] older;
    /** Connector indexes in the order of their refs: the order a poll cycle visits them. */
    final Integer[] pollOrder;
    int cursor;

    Versions(SimConnectorStores sim) {
      this.sim = sim;
      both = new Snapshot[sim.size()][];
      older = new boolean[sim.size()];
      pollOrder = new Integer[sim.size()];
      for (int i = 0; i < pollOrder.length; i++) {
        pollOrder[i] = i;
      }
      Arrays.sort(pollOrder, java.util.Comparator.comparing(sim::ref));
      for (int i = 0; i < sim.size(); i++) {
        both[i] = new Snapshot[] {sim.snapshots.get(sim.ref(i)).snapshot(), EnvelopeDecoderAccess.latest(sim.body(i, 1))};
      }
    }

    void update(int i) {
      older[i] = !older[i];
      sim.store(i, both[i][older[i] ? 1 : 0]);
    }

    /** The next {@code n} connectors in a fixed order, as a poller's cycle visits them. */
    void inPollOrder(int n) {
      for (int k = 0; k < n; k++) {
        update(pollOrder[cursor]);
        cursor = (cursor + 1) % both.length;
      }
    }

    void random(Random random, int n) {
      for (int k = 0; k < n; k++) {
        update(random.nextInt(both.length));
      }
    }
  }

  // ------------------------------------------------------------------ in process

  static void inProcess(StringBuilder md, SimConnectorStores sim, long series, int rounds) throws Exception {
    md.append("\n### In process, ").append(String.format("%,d", sim.size())).append(" connectors (")
        .append(String.format("%,d", series)).append(" series): CPU per gzip scrape (thread CPU time, ")
        .append(rounds).append(" interleaved rounds)\n\n")
        .append("| Variant | median CPU ms | best CPU ms | bytes sent | CPU vs render+gzip (median of rounds) |\n")
        .append("|---|---|---|---|---|\n");
    var endpoint = sim.endpoint;
    var writer = endpoint.writerFor(PROM);
    endpoint.scrapeGzip(writer, OutputStream.nullOutputStream());
    LineCounter cachedBytes = new LineCounter();
    endpoint.scrapeGzip(writer, cachedBytes);
    LineCounter liveBytes = new LineCounter();
    try (GZIPOutputStream gz = new GZIPOutputStream(liveBytes, 64 * 1024) { { def.setLevel(4); } }) {
      endpoint.scrape(writer, gz);
    }
    double[] cached = new double[rounds];
    double[] live = new double[rounds];
    double[] ratio = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      cached[r] = cpu(() -> {
        try {
          endpoint.scrapeGzip(writer, OutputStream.nullOutputStream());
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }) / 1e6;
      live[r] = cpu(() -> {
        try (GZIPOutputStream gz = new GZIPOutputStream(OutputStream.nullOutputStream(), 64 * 1024) {
          {
            def.setLevel(4);
          }
        }) {
          endpoint.scrape(writer, gz);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }) / 1e6;
      ratio[r] = live[r] / cached[r];
    }
    // Why plain scrapes render live: inflating the cache costs more than rendering the text.
    ByteArrayOutputStream gzBytes = new ByteArrayOutputStream();
    endpoint.scrapeGzip(writer, gzBytes);
    byte[] gzArray = gzBytes.toByteArray();
    double[] plainRender = new double[rounds];
    double[] inflate = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      plainRender[r] = cpu(() -> {
        try {
          endpoint.scrape(writer, OutputStream.nullOutputStream());
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }) / 1e6;
      inflate[r] = cpu(() -> {
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzArray), 64 * 1024)) {
          in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }) / 1e6;
    }
    md.append(String.format("| (plain text: rendered live) | %.1f | %.1f | %,d | |%n", median(plainRender),
        min(plainRender), text(endpoint, writer)));
    md.append(String.format("| (plain text: inflating the cache instead) | %.1f | %.1f | | |%n", median(inflate),
        min(inflate)));
    md.append(String.format("| cached gzip members | %.2f | %.2f | %,d | %.0fx less |%n", median(cached),
        min(cached), cachedBytes.bytes, median(ratio)));
    md.append(String.format("| render + gzip level 4 every scrape (before) | %.1f | %.1f | %,d | 1x |%n",
        median(live), min(live), liveBytes.bytes));

    Random random = new Random(7);
    Versions versions = new Versions(sim);
    int[] batches = sim.size() >= 10_000 ? new int[] {1, 100, 1_000} : new int[] {1, 10, 100};
    md.append("\n| Connectors updated between two scrapes | order | CPU ms of the scrape after them "
        + "| CPU ms per update | KB of text rendered per update |\n|---|---|---|---|---|\n");
    LineCounter text = new LineCounter();
    endpoint.scrape(writer, text);
    md.insert(md.lastIndexOf("\n| Connectors updated"), String.format(
        "%nOne connector's series are %.0f KB of text; a block of %d connectors is %.0f KB.%n",
        text.bytes / 1024.0 / sim.size(), ScrapeCache.DEFAULT_BLOCK_SIZE,
        text.bytes / 1024.0 / sim.size() * ScrapeCache.DEFAULT_BLOCK_SIZE));
    for (String order : new String[] {"poll order", "random"}) {
      for (int u : batches) {
        if (order.equals("poll order")) {
        }
        double[] per = new double[u == 1 ? rounds : Math.max(3, rounds / 3)];
        double[] total = new double[per.length];
        long rendered0 = endpoint.cacheStats().renderedBytes();
        Runnable scrape = () -> {
          try {
            endpoint.scrapeGzip(writer, OutputStream.nullOutputStream());
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        };
        for (int r = 0; r < per.length; r++) {
          // An unchanged scrape right before, as the baseline of this round.
          double before = cpu(scrape) / 1e6;
          if (order.equals("poll order")) {
            versions.inPollOrder(u);
          } else {
            versions.random(random, u);
          }
          total[r] = cpu(scrape) / 1e6;
          per[r] = (total[r] - before) / u;
        }
        double renderedPerUpdate = (double) (endpoint.cacheStats().renderedBytes() - rendered0) / per.length / u;
        md.append(String.format("| %,d | %s | %.1f | %.2f | %.0f |%n", u, order, median(total), median(per),
            renderedPerUpdate / 1024));
      }
    }
    System.out.println(md);
  }

  static long text(dev.magicexporter.metrics.MetricsEndpoint endpoint,
      io.prometheus.metrics.expositionformats.ExpositionFormatWriter writer) throws IOException {
    LineCounter c = new LineCounter();
    endpoint.scrape(writer, c);
    return c.bytes;
  }

  // ------------------------------------------------------------------ HTTP

  static void http(StringBuilder md, SimConnectorStores sim, int rounds) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      int product = ScrapeServers.product(vertx, sim.endpoint);
      int before = ScrapeServers.renderEveryScrape(vertx, sim.endpoint);
      ByteArrayOutputStream same = new ByteArrayOutputStream();
      sim.endpoint.scrapeGzip(sim.endpoint.writerFor(PROM), same);
      int floor = ScrapeServers.floor(vertx, same.toByteArray(), "text/plain; version=0.0.4; charset=utf-8");
      String[] names = {"floor: same gzip bytes from memory", "cached gzip members (product)",
          "render + gzip every scrape (before)"};
      int[] ports = {floor, product, before};
      // Warm-up until the JIT has compiled the server paths (a few hundred methods of Netty and Vert.x).
      for (int i = 0; i < 40; i++) {
        for (int p : ports) {
          curl(p);
        }
      }
      double[][] wall = new double[3][rounds];
      double[][] cpu = new double[3][rounds];
      long[] size = new long[3];
      for (int r = 0; r < rounds; r++) {
        for (int v = 0; v < 3; v++) {
          // The server's threads, GC and JIT: the process's CPU less this thread's, which only starts curl.
          long c0 = OS.getProcessCpuTime() - THREADS.getCurrentThreadCpuTime();
          double[] res = curl(ports[v]);
          cpu[v][r] = (OS.getProcessCpuTime() - THREADS.getCurrentThreadCpuTime() - c0) / 1e6;
          wall[v][r] = res[0] * 1e3;
          size[v] = (long) res[1];
        }
      }
      md.append("\n### Over HTTP, 1,000 connectors: curl asking for gzip (").append(rounds)
          .append(" interleaved rounds; CPU = the server process's CPU time during the request)\n\n")
          .append("| Server | median ms | best ms | vs floor (median of rounds) | median CPU ms | CPU vs before "
              + "| bytes |\n|---|---|---|---|---|---|---|\n");
      for (int v = 0; v < 3; v++) {
        double[] vsFloor = new double[rounds];
        double[] cpuVsBefore = new double[rounds];
        for (int r = 0; r < rounds; r++) {
          vsFloor[r] = wall[v][r] / wall[0][r];
          cpuVsBefore[r] = cpu[2][r] / Math.max(cpu[v][r], 0.01);
        }
        md.append(String.format("| %s | %.1f | %.1f | %.2fx | %.1f | %.0fx less | %,d |%n", names[v], median(wall[v]),
            min(wall[v]), median(vsFloor), median(cpu[v]), median(cpuVsBefore), size[v]));
      }
      System.out.println(md);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
    }
  }

  /** One scrape by curl, gzip accepted and not decoded: {seconds, bytes}. */
  static double[] curl(int port) throws Exception {
    Process p = new ProcessBuilder("curl", "-s", "-o", "/dev/null", "-H", "Accept-Encoding: gzip", "-w",
        "%{time_total} %{size_download} %{http_code}", "http://127.0.0.1:" + port + "/metrics").start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
    if (p.waitFor() != 0 || !out.endsWith(" 200")) {
      throw new IllegalStateException("curl failed: " + out);
    }
    String[] f = out.split(" ");
    return new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1])};
  }

  // ------------------------------------------------------------------ helpers

  static long cpu(Runnable r) {
    long t0 = THREADS.getCurrentThreadCpuTime();
    r.run();
    return THREADS.getCurrentThreadCpuTime() - t0;
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  static double min(double[] v) {
    return Arrays.stream(v).min().orElse(Double.NaN);
  }
}
