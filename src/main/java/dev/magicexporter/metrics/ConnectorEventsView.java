package dev.magicexporter.metrics;

import dev.magicexporter.state.EventsCheckpoint;
import dev.magicexporter.state.SnapshotsCheckpoint;

/**
 * What the connector events families read for one connector at one scrape: the counts on disk
 * (never ahead of what survives a crash) and the end of the last completed events window (from
 * memory, so the lag is current even when that progress is not written yet).
 */
public record ConnectorEventsView(EventsCheckpoint events, SnapshotsCheckpoint snapshots, Double completedTo) {
  public static final ConnectorEventsView EMPTY =
      new ConnectorEventsView(EventsCheckpoint.EMPTY, SnapshotsCheckpoint.EMPTY, null);
}
