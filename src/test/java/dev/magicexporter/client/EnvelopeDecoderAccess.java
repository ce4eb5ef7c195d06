package dev.magicexporter.client;

import dev.magicexporter.model.Snapshot;
import java.nio.charset.StandardCharsets;

/** Decodes snapshot responses for tests outside the client package. */
public final class EnvelopeDecoderAccess {
  private EnvelopeDecoderAccess() {}

  /** A whole {@code snapshots/latest} response body. */
  public static Snapshot latest(String body) {
    return EnvelopeDecoder.decode(body.getBytes(StandardCharsets.UTF_8), 200, SnapshotDecoder.LATEST).result();
  }

  public static Snapshot latest(byte[] body) {
    return EnvelopeDecoder.decode(body, 200, SnapshotDecoder.LATEST).result();
  }
}
