package dev.magicexporter.state;

import dev.magicexporter.store.ConnectorDirectory;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Checkpoint stores for tests: constructed and started (their files loaded) in one call. */
public final class TestStores {
  /** The look-back a test store resumes from when it meets a checkpoint from the future. */
  public static final Duration LOOKBACK = Duration.ofHours(1);

  private TestStores() {}

  public static CheckpointStore open(Vertx vertx, Path stateDir, Clock clock, Duration removalGrace,
      Duration progressFlush, ConnectorDirectory directory, MeterRegistry registry) {
    return started(new CheckpointStore(vertx, stateDir, clock, removalGrace, progressFlush,
        new FutureCheckpoints(FutureCheckpoints.DEFAULT_TOLERANCE, LOOKBACK), directory, registry));
  }

  /** Waits for {@code store.start()}. */
  public static CheckpointStore started(CheckpointStore store) {
    try {
      store.start().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      return store;
    } catch (Exception e) {
      throw new IllegalStateException("checkpoint store did not start", e);
    }
  }
}
