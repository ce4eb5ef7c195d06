package dev.magicexporter.sim.connectors;

import dev.magicexporter.sim.SimHash;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Optional;

/**
 * The opaque cursor of the telemetry lists: the position {@code (t, n)} of the last item served,
 * bound to one connector and one list by a check value, in URL-safe base64. The next page holds
 * the items strictly after that position, so paging never skips or repeats an item, even when
 * many events share a {@code t} across a page boundary.
 */
final class TelemetryCursor {
  private static final byte VERSION = 1;
  private static final int BYTES = 1 + 1 + 8 + 4 + 4;

  private TelemetryCursor() {}

  record Position(long t, int n) {}

  static String encode(char list, long connectorKey, long t, int n) {
    ByteBuffer b = ByteBuffer.allocate(BYTES);
    b.put(VERSION).put((byte) list).putLong(t).putInt(n).putInt(check(list, connectorKey, t, n));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
  }

  /** The position, or empty when the cursor was not made by {@link #encode} for this list. */
  static Optional<Position> decode(String cursor, char list, long connectorKey) {
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(cursor);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (raw.length != BYTES) {
      return Optional.empty();
    }
    ByteBuffer b = ByteBuffer.wrap(raw);
    if (b.get() != VERSION || b.get() != (byte) list) {
      return Optional.empty();
    }
    long t = b.getLong();
    int n = b.getInt();
    if (n < 0 || b.getInt() != check(list, connectorKey, t, n)) {
      return Optional.empty();
    }
    return Optional.of(new Position(t, n));
  }

  private static int check(char list, long connectorKey, long t, int n) {
    return (int) SimHash.of(connectorKey, list, t, n);
  }
}
