package dev.magicexporter.model;

import java.util.HashMap;
import java.util.Map;

/** The numeric fields of a snapshot's {@code disks[]} element (Linux /proc/diskstats). */
public enum DiskNumber {
  /** I/Os currently in progress. */
  IN_PROGRESS("in_progress"),
  /** Device major number. */
  MAJOR("major"),
  /** Reads merged. */
  MERGED("merged"),
  /** Device minor number. */
  MINOR("minor"),
  /** Reads completed successfully. */
  READS("reads"),
  /** Sectors read successfully. */
  SECTORS_READ("sectors_read"),
  /** Sectors written successfully. */
  SECTORS_WRITTEN("sectors_written"),
  /** Time spent doing I/Os (milliseconds). */
  TIME_IN_PROGRESS_MS("time_in_progress_ms"),
  /** Time spent reading (milliseconds). */
  TIME_READING_MS("time_reading_ms"),
  /** Time spent writing (milliseconds). */
  TIME_WRITING_MS("time_writing_ms"),
  /** Weighted time spent doing I/Os (milliseconds). */
  WEIGHTED_TIME_IN_PROGRESS_MS("weighted_time_in_progress_ms"),
  /** Writes completed. */
  WRITES("writes"),
  /** Writes merged. */
  WRITES_MERGED("writes_merged"),
  /** Discards completed successfully. */
  DISCARDS("discards"),
  /** Discards merged. */
  DISCARDS_MERGED("discards_merged"),
  /** Flushes completed successfully. */
  FLUSHES("flushes"),
  /** Sectors discarded. */
  SECTORS_DISCARDED("sectors_discarded"),
  /** Time spent discarding (milliseconds). */
  TIME_DISCARDING_MS("time_discarding_ms"),
  /** Time spent flushing (milliseconds). */
  TIME_FLUSHING_MS("time_flushing_ms");

  private static final Map<String, DiskNumber> BY_JSON = new HashMap<>();

  static {
    for (DiskNumber f : values()) {
      BY_JSON.put(f.json, f);
    }
  }

  private final String json;

  DiskNumber(String json) {
    this.json = json;
  }

  /** The field name in the API's JSON. */
  public String json() {
    return json;
  }

  /** The field for a JSON name, or null for a field this version does not know. */
  public static DiskNumber byJson(String name) {
    return BY_JSON.get(name);
  }
}
