package dev.magicexporter.model;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** RFC 3339 timestamps of the API as seconds since the epoch. */
public final class Rfc3339 {
  private Rfc3339() {}

  /** Seconds since the epoch with the fraction kept, or NaN when absent or unparsable. */
  public static double seconds(String timestamp) {
    if (timestamp == null || timestamp.isEmpty()) {
      return Double.NaN;
    }
    try {
      OffsetDateTime t = OffsetDateTime.parse(timestamp);
      return t.toEpochSecond() + t.getNano() / 1e9;
    } catch (DateTimeParseException e) {
      return Double.NaN;
    }
  }
}
