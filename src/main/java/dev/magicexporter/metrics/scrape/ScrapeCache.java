package dev.magicexporter.metrics.scrape;

import dev.magicexporter.metrics.family.FamilyWriter;
import dev.magicexporter.metrics.family.TextFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The compressed exposition of every family collector, refreshed at the start of each gzip
 * scrape: only blocks whose objects changed since the previous refresh are rendered again (see
 * {@link TableBlocks}). Refresh and planning run under one lock, so two scrapes at once (an HA
 * pair of Prometheus servers) render a change once; writing the plan to the network happens
 * outside the lock, from immutable members, at whatever pace the client reads.
 */
public final class ScrapeCache {
  /** Objects per block; see BENCHMARKS.md for the measured trade-off between size and work. */
  public static final int DEFAULT_BLOCK_SIZE = 16;
  /** Deflate level of cached members: compressed once per change, so a little more effort pays. */
  public static final int DEFAULT_LEVEL = 6;
  /** Deflate level of the live part, compressed on every scrape (what Vert.x used for everything). */
  static final int LIVE_LEVEL = 4;

  private final int blockSize;
  private final Renderer renderer;
  private final Map<Selection<?>, TableBlocks<?>> tables = new IdentityHashMap<>();
  private long refreshes;
  private volatile Stats stats = new Stats(0, 0, 0, 0, 0, 0, 0);

  public ScrapeCache() {
    this(DEFAULT_BLOCK_SIZE, DEFAULT_LEVEL);
  }

  public ScrapeCache(int blockSize, int level) {
    if (blockSize < 1) {
      throw new IllegalArgumentException("block size must be positive");
    }
    this.blockSize = blockSize;
    this.renderer = new Renderer(level);
  }

  /**
   * Brings the blocks of {@code selections} up to date and returns the parts of a scrape in
   * {@code format}, in order: {@code byte[]} gzip members to write as they are, and
   * {@link TableBlocks.LiveFamily} parts to render. Tables no longer selected are dropped.
   */
  public synchronized List<Object> refresh(List<Selection<?>> selections, TextFormat format) {
    refreshes++;
    List<Object> parts = new ArrayList<>();
    Map<Selection<?>, TableBlocks<?>> seen = new IdentityHashMap<>();
    boolean changed = false;
    for (Selection<?> s : selections) {
      TableBlocks<?> t = tables.get(s);
      if (t == null) {
        t = new TableBlocks<>(s, blockSize, renderer);
      }
      seen.put(s, t);
      changed |= t.refresh(renderer);
      t.plan(format, parts);
    }
    boolean sameTables = seen.size() == tables.size() && tables.keySet().containsAll(seen.keySet());
    tables.clear();
    tables.putAll(seen);
    if (sameTables && !changed) {
      stats = new Stats(stats.bytes(), stats.members(), stats.blocks(), stats.objects(), refreshes,
          stats.renderedBytes(), stats.compressedBytes());
      return parts;
    }
    long bytes = 0;
    long members = 0;
    long blocks = 0;
    long objects = 0;
    for (TableBlocks<?> t : tables.values()) {
      long[] size = t.size();
      bytes += size[0];
      members += size[1];
      blocks += size[2];
      objects += size[3];
    }
    stats = new Stats(bytes, members, blocks, objects, refreshes, renderer.renderedBytes, renderer.compressedBytes);
    return parts;
  }

  /** Text written live into a scrape (the registry's metrics, OpenMetrics' final line). */
  @FunctionalInterface
  public interface TextPart {
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Writes one gzip scrape to {@code out}: {@code head} (compressed on the fly), then every
   * collector's families from the refreshed cache (live families rendered now), then {@code tail}.
   * The result is a sequence of gzip members whose decompressed text is the whole exposition.
   */
  public void writeGzip(List<Selection<?>> selections, TextFormat format, TextPart head, TextPart tail,
      OutputStream out) throws IOException {
    List<Object> parts = refresh(selections, format);
    try (GzipMembers.LiveStream gz = new GzipMembers.LiveStream(out, LIVE_LEVEL)) {
      head.writeTo(gz);
      FamilyWriter live = new FamilyWriter(format, gz);
      try {
        for (Object p : parts) {
          if (p instanceof byte[] member) {
            live.finish();
            gz.member(member);
          } else {
            ((TableBlocks.LiveFamily<?>) p).write(live);
          }
        }
        live.finish();
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
      tail.writeTo(gz);
    }
  }

  /** What the cache held after the last refresh, and the work done so far; never blocks. */
  public Stats stats() {
    return stats;
  }

  /**
   * @param bytes compressed bytes held in members
   * @param renderedBytes text rendered by refreshes so far
   * @param compressedBytes text compressed by refreshes so far (rendered text whose checksums
   *     matched the cached member is not compressed again)
   */
  public record Stats(long bytes, long members, long blocks, long objects, long refreshes, long renderedBytes,
      long compressedBytes) {}
}
