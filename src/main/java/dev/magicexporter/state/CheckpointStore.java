package dev.magicexporter.state;

import dev.magicexporter.logging.LogLimiter;
import dev.magicexporter.logging.LogText;
import dev.magicexporter.store.ConnectorDirectory;
import dev.magicexporter.store.ConnectorRef;
import dev.magicexporter.metrics.self.SelfMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The durable checkpoints of every connector: one small JSON file per connector in
 * {@code <state dir>/connectors/} (format in {@link CheckpointCodec}, files in
 * {@link CheckpointFiles}). Threads and blocking: see the package comment.
 *
 * <p>Each connector has a working version (the newest, in memory) and a durable version (the
 * newest on disk). {@link #update} builds the next working version and, when it changes what is
 * counted, writes it before its future completes; writes of one connector are serialised and
 * coalesced (a burst of updates costs one write per write-time, not one per update). Exposed
 * counters read the durable version only, so a crash between counting and writing loses nothing
 * visible: the events are counted again after the restart and the counter never goes back.
 * Versions that only move the read position forward (an empty window) are written at most once
 * per {@code progressFlush}, which keeps an idle estate of thousands of connectors from fsyncing
 * every cycle; an older position on disk only means a slightly longer first window after a
 * restart.
 *
 * <p>A version holding a time later than now plus a tolerance is never handed out: it is rebased
 * first ({@link FutureCheckpoints}), counted in
 * {@code cloudflare_exporter_state_future_checkpoints_total} and written at once.
 *
 * <p>A connector that leaves the directory is marked with the time it left; its file is deleted
 * once it has been gone for the grace period, and kept (counting continues from the totals) if
 * it comes back before that.
 */
public final class CheckpointStore {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);

  /** Sub-directory of the state directory that holds the connector files. */
  public static final String SUBDIR = StateDirectory.CONNECTORS;
  /** Suffix (plus a timestamp) of files moved aside because they could not be read. */
  public static final String CORRUPT_SUFFIX = CheckpointFiles.CORRUPT_SUFFIX;

  private final Vertx vertx;
  private final Path dir;
  private final Clock clock;
  private final Duration removalGrace;
  private final Duration progressFlush;
  private final FutureCheckpoints future;
  private final ConnectorDirectory directory;
  private final CheckpointFiles files;
  private final ConcurrentMap<ConnectorRef, CheckpointSlot> slots = new ConcurrentHashMap<>();
  private final AtomicBoolean starting = new AtomicBoolean();
  private final AtomicBoolean started = new AtomicBoolean();
  private final Counter removedFiles;
  private final Counter futureCheckpoints;
  private final SlotWriter writer;
  /** One line per kind of trouble and minute: a full disk fails every write of every connector. */
  private final LogLimiter limited;

  /**
   * Does no I/O: {@link #start} loads the files.
   *
   * @param removalGrace how long a connector must be gone from the directory before its
   *     checkpoint is deleted (config {@code connectors.checkpoint_grace_period})
   * @param progressFlush longest time a version that only moved the read position stays unwritten
   * @param future what counts as a checkpoint from the future, and the look-back it resumes from
   */
  public CheckpointStore(Vertx vertx, Path stateDir, Clock clock, Duration removalGrace, Duration progressFlush,
      FutureCheckpoints future, ConnectorDirectory directory, MeterRegistry registry) {
    this.vertx = vertx;
    this.dir = stateDir.resolve(SUBDIR);
    this.clock = clock;
    this.removalGrace = removalGrace;
    this.progressFlush = progressFlush;
    this.future = future;
    this.directory = directory;
    Counter corruptFiles = SelfMetrics.STATE_CORRUPT_FILES.counter(registry);
    this.removedFiles = SelfMetrics.STATE_REMOVED.counter(registry);
    this.futureCheckpoints = SelfMetrics.STATE_FUTURE_CHECKPOINTS.counter(registry);
    SelfMetrics.STATE_CHECKPOINTS.gauge(registry, slots, m -> m.size());
    this.files = new CheckpointFiles(dir, clock, corruptFiles);
    this.limited = new LogLimiter(Duration.ofMinutes(1), clock);
    this.writer = new SlotWriter(vertx, clock, registry, limited);
    directory.onRemoved(this::connectorsRemoved);
  }

  /**
   * Loads every checkpoint of the state directory on a worker thread; completes once they are in
   * memory. Call once, before anything reads or updates a checkpoint (the daemon does so before it
   * starts the pollers). Unreadable files are moved aside with a warning and their connectors
   * start afresh; nothing here fails the start.
   */
  public Future<Void> start() {
    if (!starting.compareAndSet(false, true)) {
      return Future.failedFuture(new IllegalStateException("CheckpointStore.start() called twice"));
    }
    return vertx.executeBlocking(files::loadAll, false).map(loaded -> {
      long now = clock.millis();
      loaded.forEach((ref, l) -> slots.put(ref, new CheckpointSlot(ref, l.file(), SlotState.loaded(l.checkpoint(), now))));
      started.set(true);
      return null;
    });
  }

  private void requireStarted() {
    if (!started.get()) {
      throw new IllegalStateException("CheckpointStore used before start() completed");
    }
  }

  /** The file name of a connector's checkpoint: ids with anything but {@code [A-Za-z0-9_-]} escaped. */
  static String fileName(ConnectorRef ref) {
    return CheckpointFiles.fileName(ref);
  }


  private CheckpointSlot slot(ConnectorRef ref) {
    return slots.computeIfAbsent(ref,
        r -> new CheckpointSlot(r, dir.resolve(fileName(r)), SlotState.fresh(ConnectorCheckpoint.empty(r), clock.millis())));
  }

  /** The newest version of a connector's checkpoint (empty if it has none); never one from the future. */
  public ConnectorCheckpoint working(ConnectorRef ref) {
    requireStarted();
    CheckpointSlot s = slots.get(ref);
    if (s == null) {
      return ConnectorCheckpoint.empty(ref);
    }
    SlotState st = s.state().get();
    if (!future.isAhead(st.working(), clock.millis() / 1000.0)) {
      return st.working();
    }
    update(ref, UnaryOperator.identity());
    return working(ref);
  }

  /** The newest version that is on disk, or null: what exposed counters show. */
  public ConnectorCheckpoint durable(ConnectorRef ref) {
    CheckpointSlot s = slots.get(ref);
    return s == null ? null : s.state().get().durable();
  }

  /** Connectors with a checkpoint that are not marked as gone. */
  public Set<ConnectorRef> present() {
    Set<ConnectorRef> out = new TreeSet<>();
    slots.forEach((ref, s) -> {
      if (s.state().get().removedAtMillis() == null) {
        out.add(ref);
      }
    });
    return out;
  }

  /** True when the connector left the directory and its checkpoint waits for deletion. */
  public boolean isRemoved(ConnectorRef ref) {
    CheckpointSlot s = slots.get(ref);
    return s != null && s.state().get().removedAtMillis() != null;
  }

  /**
   * Applies {@code change} to the connector's newest version. The future completes once a version
   * including the change is on disk (at once when nothing that is counted changed and the last
   * write is recent), and fails if that write failed; the change stays in the working version
   * either way and goes to disk with the next write. {@code change} may be applied more than once
   * when another thread updates the same connector at the same moment: it must depend on its
   * argument only (the last application is the one kept).
   */
  public Future<Void> update(ConnectorRef ref, UnaryOperator<ConnectorCheckpoint> change) {
    requireStarted();
    while (true) {
      CheckpointSlot s = slot(ref);
      SlotState cur = s.state().get();
      if (cur.deleted()) {
        slots.remove(ref, s);
        continue;
      }
      long now = clock.millis();
      boolean ahead = future.isAhead(cur.working(), now / 1000.0);
      ConnectorCheckpoint base = ahead ? future.rebase(cur.working(), now / 1000.0) : cur.working();
      ConnectorCheckpoint next = change.apply(base);
      if (next == cur.working() || next.equals(cur.working())) {
        return Future.succeededFuture();
      }
      boolean due = now - cur.durableAtMillis() >= progressFlush.toMillis();
      boolean write = ahead || due || !next.sameCounts(cur.durableOrEmpty());
      Promise<Void> promise = write ? Promise.promise() : null;
      SlotState after = cur.changed(next, promise);
      if (!s.state().compareAndSet(cur, after)) {
        continue;
      }
      if (ahead) {
        futureCheckpoints.increment();
        limited.log(LOG, Level.WARN, "future-checkpoint", "checkpoint of connector {} (account {}) holds a time "
            + "{} s ahead of the clock (a file from the future, or a clock that ran ahead); counting resumes from "
            + "{} with the totals kept, nothing counted twice", LogText.escape(ref.connectorId()),
            LogText.escape(ref.accountId()), Math.round(FutureCheckpoints.latestTime(cur.working()) - now / 1000.0),
            next.events().floor() == null ? "the look-back" : Math.round(next.events().floor().t()));
      }
      if (write && !cur.busy()) {
        writer.start(s, after);
      }
      return promise == null ? Future.succeededFuture() : promise.future();
    }
  }

  /** Directory listener: stamps connectors that left with the time they left. */
  public void connectorsRemoved(Set<ConnectorRef> gone) {
    long now = clock.millis();
    for (ConnectorRef ref : gone) {
      CheckpointSlot s = slots.get(ref);
      if (s != null) {
        s.state().updateAndGet(st -> st.removedAtMillis() == null ? st.removedAt(now) : st);
      }
    }
  }

  /**
   * Housekeeping, run once per events cycle: connectors back in the directory lose their removal
   * mark; after the first discovery, loaded checkpoints of connectors no longer in it get one (they
   * left while the daemon was down); checkpoints gone longer than the grace period are deleted;
   * counts whose write failed are written again; versions that only moved the read position are
   * written once {@code progressFlush} has passed.
   */
  public Future<Void> maintain() {
    long now = clock.millis();
    Set<ConnectorRef> current = directory.connectors();
    boolean discovered = directory.discovered();
    List<CheckpointSlot> expired = new ArrayList<>();
    List<Future<Void>> flushes = new ArrayList<>();
    for (CheckpointSlot s : slots.values()) {
      boolean present = current.contains(s.ref());
      SlotState st = s.state().updateAndGet(x -> present && x.removedAtMillis() != null ? x.removedAt(null)
          : !present && discovered && x.removedAtMillis() == null ? x.removedAt(now) : x);
      Long removedAt = st.removedAtMillis();
      if (removedAt != null && now - removedAt >= removalGrace.toMillis()) {
        expired.add(s);
      } else {
        flushes.add(flushIfDue(s, now, false));
      }
    }
    if (!expired.isEmpty()) {
      flushes.add(vertx.executeBlocking(() -> {
        expired.forEach(this::delete);
        return null;
      }, false));
    }
    return Future.join(flushes).mapEmpty();
  }

  /** Writes every version not on disk yet (at shutdown). */
  public Future<Void> flush() {
    List<Future<Void>> all = new ArrayList<>();
    long now = clock.millis();
    for (CheckpointSlot s : slots.values()) {
      all.add(flushIfDue(s, now, true));
    }
    return Future.join(all).mapEmpty();
  }

  private Future<Void> flushIfDue(CheckpointSlot s, long now, boolean force) {
    while (true) {
      SlotState cur = s.state().get();
      if (cur.deleted() || cur.version() == cur.durableVersion()) {
        return Future.succeededFuture();
      }
      boolean countsPending = !cur.working().sameCounts(cur.durableOrEmpty()); // an earlier write failed
      if (!force && !countsPending && now - cur.durableAtMillis() < progressFlush.toMillis()) {
        return Future.succeededFuture();
      }
      Promise<Void> p = Promise.promise();
      SlotState after = cur.flushing(p);
      if (s.state().compareAndSet(cur, after)) {
        if (!cur.busy()) {
          writer.start(s, after);
        }
        return p.future();
      }
    }
  }

  /**
   * Deletes the file of a connector gone for the grace period. Blocking; on a worker thread. The
   * slot is marked busy while the file is deleted, so no write of it starts meanwhile; if the
   * connector came back or was updated meanwhile, the slot stays and is written again.
   */
  private void delete(CheckpointSlot s) {
    SlotState claimed = s.state().updateAndGet(st ->
        st.busy() || st.deleted() || st.removedAtMillis() == null ? st : st.withBusy(true));
    if (!claimed.busy() || claimed.removedAtMillis() == null || claimed.deleted()) {
      return;
    }
    IOException failure = null;
    try {
      Files.deleteIfExists(s.file());
      AtomicFile.syncDirectory(dir);
    } catch (IOException e) {
      failure = e;
    }
    while (true) {
      SlotState cur = s.state().get();
      boolean keep = failure != null || cur.removedAtMillis() == null || !cur.waiters().isEmpty();
      // kept although its file is gone (it came back meanwhile): write it again
      boolean rewrite = keep && failure == null;
      SlotState after = keep ? cur.withBusy(rewrite || !cur.waiters().isEmpty()) : cur.asDeleted();
      if (!s.state().compareAndSet(cur, after)) {
        continue;
      }
      if (after.busy()) {
        writer.start(s, after);
      }
      if (failure != null) {
        limited.log(LOG, Level.WARN, "checkpoint-delete", "cannot delete checkpoint {} of a removed connector: {}",
            LogText.escape(s.file().getFileName()), LogText.escape(failure.getMessage()));
      } else if (!keep) {
        slots.remove(s.ref(), s);
        removedFiles.increment();
        LOG.info("deleted checkpoint of connector {} (account {}): gone for {} s", LogText.escape(s.ref().connectorId()),
            LogText.escape(s.ref().accountId()), (clock.millis() - cur.removedAtMillis()) / 1000);
      }
      return;
    }
  }
}
