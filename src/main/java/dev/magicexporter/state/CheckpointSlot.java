package dev.magicexporter.state;

import dev.magicexporter.store.ConnectorRef;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/** One connector's file and its current {@link SlotState}, changed only by compare-and-set. */
record CheckpointSlot(ConnectorRef ref, Path file, AtomicReference<SlotState> state) {
  CheckpointSlot(ConnectorRef ref, Path file, SlotState initial) {
    this(ref, file, new AtomicReference<>(initial));
  }
}
