package dev.magicexporter.metrics.scrape;

import dev.magicexporter.metrics.family.Family;
import dev.magicexporter.metrics.family.FamilyWriter;
import dev.magicexporter.metrics.family.Row;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Deflater;

/**
 * Renders sample text and compresses it into gzip members, reusing one text buffer and one
 * deflater (whose native memory is freed by {@link #close()}). One thread at a time.
 */
final class Renderer implements AutoCloseable {
  private final Deflater deflater;
  private final GzipMembers.Bytes text = new GzipMembers.Bytes(64 * 1024);
  private final FamilyWriter writer = FamilyWriter.samplesOnly(text);
  private final CRC32 crc32 = new CRC32();
  private final CRC32C crc32c = new CRC32C();
  private final byte[] scratch = new byte[32 * 1024];
  long compressedBytes;
  long renderedBytes;

  Renderer(int level) {
    this.deflater = new Deflater(level, true);
  }

  /** A member holding {@code bytes}. */
  byte[] member(byte[] bytes) {
    crc32.reset();
    crc32.update(bytes);
    return GzipMembers.compress(deflater, bytes, bytes.length, (int) crc32.getValue(), scratch);
  }

  /**
   * The member of {@code family}'s samples over {@code rows}, or null when there is none;
   * {@code previous} itself when the text is unchanged (same length, CRC-32 and CRC-32C as
   * recorded in {@code sums[i]}), so unchanged families cost a render and two checksums, not a
   * compression.
   */
  <T> byte[] samples(Family<T> family, List<Row<T>> rows, boolean[] keep, byte[] previous, long[] sums, int i) {
    text.reset();
    writer.write(family, rows, keep);
    writer.finish();
    int len = text.size();
    if (len == 0) {
      sums[i] = 0;
      return null;
    }
    byte[] t = text.array();
    crc32.reset();
    crc32.update(t, 0, len);
    crc32c.reset();
    crc32c.update(t, 0, len);
    long sum = crc32c.getValue() << 32 | crc32.getValue();
    renderedBytes += len;
    if (previous != null && sums[i] == sum && GzipMembers.length(previous) == len) {
      return previous;
    }
    sums[i] = sum;
    byte[] m = GzipMembers.compress(deflater, t, len, (int) crc32.getValue(), scratch);
    compressedBytes += len;
    return m;
  }

  @Override
  public void close() {
    deflater.end();
  }
}
