package dev.magicexporter.metrics.scrape;

import dev.magicexporter.metrics.family.Family;
import dev.magicexporter.metrics.family.FamilyWriter;
import dev.magicexporter.metrics.family.LabelValues;
import dev.magicexporter.metrics.family.Row;
import dev.magicexporter.metrics.family.TextFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The compressed exposition of one collector's families, kept between scrapes.
 *
 * <p>The text format wants all samples of a family together, so the cache cannot hold one block
 * per object (that would repeat each family once per object). Objects are grouped instead into
 * blocks of a fixed number of slots, and each block keeps one gzip member per family: the
 * family's samples for the block's objects. A scrape writes, family after family, the family's
 * HELP/TYPE member and then its member of every block, which is valid text once decompressed.
 * Grouping trades memory against work: a member per object and family would lose the
 * compression context (two to five times the bytes), a member per family over every object would
 * re-render everything on every change. The benchmarks (BENCHMARKS.md) chose the block size.
 *
 * <p>An object is the row of one key (its common labels). When a refresh finds a row whose object
 * is not the one rendered (a new immutable object from the store; equal records count as the
 * same), its block is rendered again, and a family whose text did not change (same length and
 * two different CRCs) keeps its member without compressing again. Objects keep their slot; new
 * ones fill the first free slot. Blocks are first filled in the collector's row order, which for
 * connectors is the order of their ids, the order in which a poll cycle visits them: the changes
 * between two scrapes are mostly neighbours and touch few blocks. Live families
 * ({@link Family#live()}) are never cached; the scrape renders them from the refresh's rows.
 * Not thread-safe: {@link ScrapeCache} serialises refreshes.
 */
final class TableBlocks<T> {
  private final Selection<T> selection;
  private final int blockSize;
  private final int familyCount;
  private final boolean[] live;
  /** HELP/TYPE members by format ordinal, then family. */
  private final byte[][][] headers;
  private final Map<Object, Slot<T>> slots = new HashMap<>();
  private final List<Block> blocks = new ArrayList<>();
  private int firstWithRoom;
  private List<Row<T>> rows = List.of();
  private int epoch;

  TableBlocks(Selection<T> selection, int blockSize, Renderer renderer) {
    this.selection = selection;
    this.blockSize = blockSize;
    List<Family<T>> families = selection.families();
    this.familyCount = families.size();
    this.live = new boolean[familyCount];
    this.headers = new byte[TextFormat.values().length][familyCount][];
    for (int i = 0; i < familyCount; i++) {
      live[i] = families.get(i).live();
      for (TextFormat f : TextFormat.values()) {
        headers[f.ordinal()][i] = renderer.member(FamilyWriter.header(families.get(i), f));
      }
    }
  }

  Selection<T> selection() {
    return selection;
  }

  /** Reads the collector's rows once and renders the blocks whose objects changed; true if any did. */
  boolean refresh(Renderer renderer) {
    List<Row<T>> now = selection.collector().rows();
    int e = ++epoch;
    int distinct = 0;
    for (int r = 0; r < now.size(); r++) {
      Row<T> row = now.get(r);
      Object key = row.labels();
      Slot<T> s = slots.get(key);
      // Two rows with one key (a store bug) are both kept, as the live rendering would.
      for (int dup = 1; s != null && s.seen == e; dup++) {
        key = new DuplicateKey(row.labels(), dup);
        s = slots.get(key);
      }
      distinct++;
      if (s == null) {
        s = new Slot<>(row);
        s.seen = e;
        slots.put(key, s);
        place(s);
      } else {
        s.seen = e;
        if (!sameObject(s.row.object(), row.object())) {
          blocks.get(s.block).dirty = true;
        }
        s.row = row;
      }
    }
    if (slots.size() > distinct) {
      removeUnseen(e);
    }
    boolean changed = false;
    for (Block b : blocks) {
      if (b.dirty) {
        render(b, renderer);
        changed = true;
      }
    }
    while (!blocks.isEmpty() && blocks.get(blocks.size() - 1).used == 0) {
      blocks.remove(blocks.size() - 1);
    }
    firstWithRoom = Math.min(firstWithRoom, blocks.size());
    rows = now;
    return changed;
  }

  /**
   * Unchanged means the very object rendered last time, or an equal record (records are
   * compared by value; other classes' {@code equals} might compare only an id).
   */
  static boolean sameObject(Object rendered, Object now) {
    return rendered == now
        || (rendered instanceof Record && rendered.getClass() == now.getClass() && rendered.equals(now));
  }

  private void place(Slot<T> s) {
    while (firstWithRoom < blocks.size() && blocks.get(firstWithRoom).used == blockSize) {
      firstWithRoom++;
    }
    if (firstWithRoom == blocks.size()) {
      blocks.add(new Block(blockSize, familyCount));
    }
    Block b = blocks.get(firstWithRoom);
    int pos = 0;
    while (b.slots[pos] != null) {
      pos++;
    }
    b.slots[pos] = s;
    b.used++;
    b.dirty = true;
    s.block = firstWithRoom;
    s.pos = pos;
  }

  private void removeUnseen(int e) {
    Iterator<Slot<T>> it = slots.values().iterator();
    while (it.hasNext()) {
      Slot<T> s = it.next();
      if (s.seen != e) {
        it.remove();
        Block b = blocks.get(s.block);
        b.slots[s.pos] = null;
        b.used--;
        b.dirty = true;
        firstWithRoom = Math.min(firstWithRoom, s.block);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private void render(Block b, Renderer renderer) {
    List<Row<T>> blockRows = new ArrayList<>(b.used);
    for (Slot<?> s : b.slots) {
      if (s != null) {
        blockRows.add((Row<T>) s.row);
      }
    }
    List<Family<T>> families = selection.families();
    for (int i = 0; i < familyCount; i++) {
      if (!live[i]) {
        b.members[i] = blockRows.isEmpty() ? null
            : renderer.samples(families.get(i), blockRows, selection.keep(i), b.members[i], b.sums, i);
      }
    }
    b.dirty = false;
  }

  /**
   * Appends this table's part of a scrape in {@code format}: per family its header and block
   * members, or a {@link LiveFamily} for a live family.
   */
  void plan(TextFormat format, List<Object> parts) {
    byte[][] head = headers[format.ordinal()];
    List<Family<T>> families = selection.families();
    for (int i = 0; i < familyCount; i++) {
      if (live[i]) {
        parts.add(new LiveFamily<>(families.get(i), rows, selection.keep(i)));
        continue;
      }
      boolean any = false;
      for (int k = 0; k < blocks.size(); k++) {
        byte[] m = blocks.get(k).members[i];
        if (m != null) {
          if (!any) {
            parts.add(head[i]);
            any = true;
          }
          parts.add(m);
        }
      }
    }
  }

  /** Compressed bytes held, members counted (for the cache's own metrics and the benchmarks). */
  long[] size() {
    long bytes = 0;
    long members = 0;
    for (Block b : blocks) {
      for (byte[] m : b.members) {
        if (m != null) {
          bytes += m.length;
          members++;
        }
      }
    }
    return new long[] {bytes, members, blocks.size(), slots.size()};
  }

  /** A family rendered at scrape time over the rows of the last refresh. */
  record LiveFamily<T>(Family<T> family, List<Row<T>> rows, boolean[] keep) {
    void write(FamilyWriter writer) {
      writer.write(family, rows, keep);
    }
  }

  private record DuplicateKey(LabelValues labels, int n) {}

  private static final class Slot<T> {
    Row<T> row;
    int block;
    int pos;
    int seen;

    Slot(Row<T> row) {
      this.row = row;
    }
  }

  private static final class Block {
    final Slot<?>[] slots;
    final byte[][] members;
    /** Per family: CRC-32C of the text in the high half, CRC-32 in the low half. */
    final long[] sums;
    int used;
    boolean dirty;

    Block(int size, int families) {
      slots = new Slot<?>[size];
      members = new byte[families][];
      sums = new long[families];
    }
  }
}
