package dev.magicexporter.metrics.scrape;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Complete gzip members (RFC 1952: a 10-byte header, a deflate stream, CRC-32 and length). A
 * concatenation of members is a valid gzip stream that decoders (Go's {@code gzip.Reader}, which
 * Prometheus uses; {@code GZIPInputStream}; zlib's {@code gunzip}) read as the concatenation of
 * the texts, so a scrape can be assembled from members compressed at different times.
 */
final class GzipMembers {
  /** Magic, deflate, no flags, no modification time, no extra flags, OS unknown. */
  private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
  /** Header plus trailer: what a member costs beyond its deflate data. */
  static final int OVERHEAD = HEADER.length + 8;

  private GzipMembers() {}

  /** One member holding {@code text[0, len)}, compressed with {@code deflater} (raw, reset here). */
  static byte[] compress(Deflater deflater, byte[] text, int len, int crc32, byte[] scratch) {
    deflater.reset();
    deflater.setInput(text, 0, len);
    deflater.finish();
    Bytes out = new Bytes(len / 4 + 64);
    out.write(HEADER, 0, HEADER.length);
    while (!deflater.finished()) {
      int n = deflater.deflate(scratch);
      out.write(scratch, 0, n);
    }
    trailer(out, crc32, len);
    return out.toByteArray();
  }

  /** The uncompressed length a member records (ISIZE, modulo 2^32). */
  static int length(byte[] member) {
    return readInt(member, member.length - 4);
  }

  /** The CRC-32 a member records. */
  static int crc32(byte[] member) {
    return readInt(member, member.length - 8);
  }

  private static int readInt(byte[] b, int off) {
    return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
  }

  private static void trailer(OutputStream out, int crc, int len) {
    try {
      for (int v : new int[] {crc, len}) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Compresses the text written to it into gzip members on {@code target}: a member starts at the
   * first write after {@link #endMember()} and ends there, so live text and cached members
   * alternate in one stream. One instance serves one scrape; {@link #close()} ends the member and
   * frees the deflater's native memory, not {@code target}.
   */
  static final class LiveStream extends OutputStream {
    private final OutputStream target;
    private final Deflater deflater;
    private final CRC32 crc = new CRC32();
    private final byte[] out = new byte[32 * 1024];
    private long length;
    private boolean open;

    LiveStream(OutputStream target, int level) {
      this.target = target;
      this.deflater = new Deflater(level, true);
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return;
      }
      if (!open) {
        open = true;
        target.write(HEADER);
      }
      crc.update(b, off, len);
      length += len;
      deflater.setInput(b, off, len);
      while (!deflater.needsInput()) {
        int n = deflater.deflate(out, 0, out.length, Deflater.NO_FLUSH);
        target.write(out, 0, n);
      }
    }

    /** Ends the open member, if any, so that cached members can follow. */
    void endMember() throws IOException {
      if (!open) {
        return;
      }
      deflater.finish();
      while (!deflater.finished()) {
        int n = deflater.deflate(out);
        target.write(out, 0, n);
      }
      trailer(target, (int) crc.getValue(), (int) length);
      deflater.reset();
      crc.reset();
      length = 0;
      open = false;
    }

    /** Writes a complete member as is, after ending the open one. */
    void member(byte[] member) throws IOException {
      endMember();
      target.write(member);
    }

    @Override
    public void close() throws IOException {
      try {
        endMember();
      } finally {
        deflater.end();
      }
    }
  }

  /** A growable byte buffer whose array can be read without a copy. */
  static final class Bytes extends java.io.ByteArrayOutputStream {
    Bytes(int size) {
      super(size);
    }

    byte[] array() {
      return buf;
    }
  }
}
