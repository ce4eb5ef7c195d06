package dev.magicexporter.state;

import dev.magicexporter.store.ConnectorDirectory;
import dev.magicexporter.store.ConnectorRef;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable checkpoints of every connector: one small JSON file per connector in
 * {@code <state dir>/connectors/} (format in {@link CheckpointCodec}).
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
 * <p>A connector that leaves the directory is marked with the time it left; its file is deleted
 * once it has been gone for the grace period, and kept (counting continues from the totals) if
 * it comes back before that.
 */
public final class CheckpointStore {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);

  /** Sub-directory of the state directory that holds the connector files. */
  public static final String SUBDIR = StateDirectory.CONNECTORS;
  private static final String SUFFIX = ".json";
  /** Suffix (plus a timestamp) of files moved aside because they could not be read. */
  public static final String CORRUPT_SUFFIX = ".corrupt-";

  private final Vertx vertx;
  private final Path dir;
  private final Clock clock;
  private final Duration removalGrace;
  private final Duration progressFlush;
  private final ConnectorDirectory directory;
  private final ConcurrentMap<ConnectorRef, Slot> slots = new ConcurrentHashMap<>();
  private final Counter writesOk;
  private final Counter writesFailed;
  private final Counter corruptFiles;
  private final Counter removedFiles;
  private final Timer writeTimer;

  private static final class Slot {
    final ConnectorRef ref;
    final Path file;
    volatile ConnectorCheckpoint working;
    volatile ConnectorCheckpoint durable;
    volatile Long removedAtMillis;
    long version;
    long durableVersion;
    long durableAtMillis;
    boolean writing;
    boolean deleted;
    final List<Waiter> waiters = new ArrayList<>();

    Slot(ConnectorRef ref, Path file, ConnectorCheckpoint cp, boolean onDisk, long now) {
      this.ref = ref;
      this.file = file;
      this.working = cp;
      this.durable = onDisk ? cp : null;
      this.durableAtMillis = now;
    }
  }

  private record Waiter(long version, Promise<Void> promise) {}

  /**
   * Loads every checkpoint of {@code stateDir} (blocking: call at start-up, after
   * {@link #checkStateDir} passed). Unreadable files are moved aside with a warning and their
   * connectors start afresh; nothing here refuses to start.
   *
   * @param removalGrace how long a connector must be gone from the directory before its
   *     checkpoint is deleted (config {@code connectors.checkpoint_grace_period})
   * @param progressFlush longest time a version that only moved the read position stays unwritten
   */
  public CheckpointStore(Vertx vertx, Path stateDir, Clock clock, Duration removalGrace, Duration progressFlush,
      ConnectorDirectory directory, MeterRegistry registry) {
    this.vertx = vertx;
    this.dir = stateDir.resolve(SUBDIR);
    this.clock = clock;
    this.removalGrace = removalGrace;
    this.progressFlush = progressFlush;
    this.directory = directory;
    String p = "cloudflare_exporter_state_";
    this.writesOk = Counter.builder(p + "writes_total").tag("result", "success")
        .description("Checkpoint files written (atomically replaced).").register(registry);
    this.writesFailed = Counter.builder(p + "writes_total").tag("result", "error")
        .description("Checkpoint files written (atomically replaced).").register(registry);
    this.corruptFiles = Counter.builder(p + "corrupt_files_total")
        .description("Checkpoint files that could not be read and were moved aside.").register(registry);
    this.removedFiles = Counter.builder(p + "removed_total")
        .description("Checkpoints deleted because their connector was gone for the grace period.")
        .register(registry);
    this.writeTimer = Timer.builder(p + "write_duration_seconds")
        .description("Time to write one checkpoint file durably (write, fsync, rename, fsync dir).")
        .register(registry);
    Gauge.builder(p + "checkpoints", slots, m -> m.size())
        .description("Connectors with a checkpoint in memory (loaded or created).").register(registry);
    load();
    directory.onRemoved(this::connectorsRemoved);
  }

  /** See {@link StateDirectory#prepare}. */
  public static Optional<String> checkStateDir(Path stateDir) {
    return StateDirectory.prepare(stateDir);
  }

  private static String describe(Exception e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : " (" + m + ")");
  }

  /** The file name of a connector's checkpoint: ids with anything but {@code [A-Za-z0-9_-]} escaped. */
  static String fileName(ConnectorRef ref) {
    return escape(ref.accountId()) + "." + escape(ref.connectorId()) + SUFFIX;
  }

  private static String escape(String id) {
    StringBuilder sb = new StringBuilder(id.length());
    for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-') {
        sb.append(c);
      } else {
        sb.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return sb.toString();
  }

  private void load() {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      LOG.error("state directory {} cannot be created ({}); checkpoints will not be kept", dir, e.getMessage());
      return;
    }
    long now = clock.millis();
    int loaded = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        if (name.endsWith(AtomicFile.TMP_SUFFIX)) {
          // A write that crashed before its rename: the previous version (if any) is intact.
          deleteQuietly(f);
        } else if (name.endsWith(SUFFIX)) {
          ConnectorCheckpoint cp = read(f);
          if (cp != null) {
            slots.put(cp.ref(), new Slot(cp.ref(), f, cp, true, now));
            loaded++;
          }
        }
      }
    } catch (IOException e) {
      LOG.error("state directory {} cannot be listed ({}); connectors start afresh", dir, e.getMessage());
    }
    LOG.info("loaded {} connector checkpoints from {}", loaded, dir);
  }

  private ConnectorCheckpoint read(Path f) {
    String reason;
    try {
      ConnectorCheckpoint cp = CheckpointCodec.decode(Files.readAllBytes(f));
      if (fileName(cp.ref()).equals(f.getFileName().toString())) {
        return cp;
      }
      reason = "it holds connector " + cp.ref().connectorId() + " of account " + cp.ref().accountId()
          + ", not the one its name says";
    } catch (CheckpointCodec.CorruptCheckpointException e) {
      reason = e.getMessage();
    } catch (IOException e) {
      reason = "unreadable: " + describe(e);
    }
    corruptFiles.increment();
    Path aside = f.resolveSibling(f.getFileName() + CORRUPT_SUFFIX + clock.millis());
    try {
      Files.move(f, aside, StandardCopyOption.ATOMIC_MOVE);
      LOG.warn("state file {} is corrupt ({}); moved it to {}; its connector starts afresh from the look-back",
          f, reason, aside.getFileName());
    } catch (IOException e) {
      LOG.warn("state file {} is corrupt ({}) and cannot be moved aside ({}); ignoring it, "
          + "its connector starts afresh from the look-back", f, reason, e.getMessage());
    }
    return null;
  }

  private static void deleteQuietly(Path f) {
    try {
      Files.deleteIfExists(f);
    } catch (IOException e) {
      LOG.warn("cannot delete leftover {}: {}", f, e.getMessage());
    }
  }

  /** The newest version of a connector's checkpoint (empty if it has none). */
  public ConnectorCheckpoint working(ConnectorRef ref) {
    Slot s = slots.get(ref);
    return s == null ? ConnectorCheckpoint.empty(ref) : s.working;
  }

  /** The newest version that is on disk, or null: what exposed counters show. */
  public ConnectorCheckpoint durable(ConnectorRef ref) {
    Slot s = slots.get(ref);
    return s == null ? null : s.durable;
  }

  /** Connectors with a checkpoint that are not marked as gone. */
  public Set<ConnectorRef> present() {
    Set<ConnectorRef> out = new java.util.TreeSet<>();
    slots.forEach((ref, s) -> {
      if (s.removedAtMillis == null) {
        out.add(ref);
      }
    });
    return out;
  }

  /** True when the connector left the directory and its checkpoint waits for deletion. */
  public boolean isRemoved(ConnectorRef ref) {
    Slot s = slots.get(ref);
    return s != null && s.removedAtMillis != null;
  }

  /**
   * Applies {@code change} to the connector's newest version. The future completes once a version
   * including the change is on disk (at once when nothing that is counted changed and the last
   * write is recent), and fails if that write failed; the change stays in the working version
   * either way and goes to disk with the next write.
   */
  public Future<Void> update(ConnectorRef ref, UnaryOperator<ConnectorCheckpoint> change) {
    while (true) {
      Slot s = slots.computeIfAbsent(ref,
          r -> new Slot(r, dir.resolve(fileName(r)), ConnectorCheckpoint.empty(r), false, clock.millis()));
      Promise<Void> promise;
      synchronized (s) {
        if (s.deleted) {
          continue;
        }
        ConnectorCheckpoint next = change.apply(s.working);
        if (next == s.working || next.equals(s.working)) {
          return Future.succeededFuture();
        }
        s.working = next;
        s.version++;
        ConnectorCheckpoint onDisk = s.durable == null ? ConnectorCheckpoint.empty(ref) : s.durable;
        boolean due = clock.millis() - s.durableAtMillis >= progressFlush.toMillis();
        if (next.sameCounts(onDisk) && !due) {
          return Future.succeededFuture();
        }
        promise = Promise.promise();
        s.waiters.add(new Waiter(s.version, promise));
        startWrite(s);
      }
      return promise.future();
    }
  }

  /** Must hold the slot's lock. */
  private void startWrite(Slot s) {
    if (s.writing) {
      return;
    }
    s.writing = true;
    ConnectorCheckpoint snapshot = s.working;
    long version = s.version;
    byte[] bytes = CheckpointCodec.encode(snapshot);
    vertx.<Void>executeBlocking(() -> {
      Timer.Sample sample = Timer.start();
      AtomicFile.write(s.file, bytes);
      sample.stop(writeTimer);
      return null;
    }, false).onComplete(ar -> written(s, snapshot, version, ar.cause()));
  }

  private void written(Slot s, ConnectorCheckpoint snapshot, long version, Throwable failure) {
    List<Waiter> done = new ArrayList<>();
    synchronized (s) {
      s.writing = false;
      if (failure == null) {
        s.durable = snapshot;
        s.durableVersion = version;
        s.durableAtMillis = clock.millis();
        writesOk.increment();
      } else {
        writesFailed.increment();
        LOG.warn("cannot write checkpoint {} ({}); counting continues in memory and is retried with the next write",
            s.file, failure.getMessage());
      }
      for (Iterator<Waiter> it = s.waiters.iterator(); it.hasNext(); ) {
        Waiter w = it.next();
        if (w.version() <= version) {
          done.add(w);
          it.remove();
        }
      }
      if (!s.waiters.isEmpty()) {
        startWrite(s);
      }
    }
    for (Waiter w : done) {
      if (failure == null) {
        w.promise().complete();
      } else {
        w.promise().fail(new IOException("checkpoint " + s.file + " not written: " + failure.getMessage(), failure));
      }
    }
  }

  /** Directory listener: stamps connectors that left with the time they left. */
  public void connectorsRemoved(Set<ConnectorRef> gone) {
    long now = clock.millis();
    for (ConnectorRef ref : gone) {
      Slot s = slots.get(ref);
      if (s != null && s.removedAtMillis == null) {
        s.removedAtMillis = now;
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
    List<Slot> expired = new ArrayList<>();
    List<Future<Void>> flushes = new ArrayList<>();
    for (Slot s : slots.values()) {
      if (current.contains(s.ref)) {
        s.removedAtMillis = null;
      } else if (discovered && s.removedAtMillis == null) {
        s.removedAtMillis = now;
      }
      Long removedAt = s.removedAtMillis;
      if (removedAt != null && now - removedAt >= removalGrace.toMillis()) {
        expired.add(s);
      } else {
        flushes.add(flushIfDue(s, now, false));
      }
    }
    Future<Void> deletion = expired.isEmpty() ? Future.succeededFuture()
        : vertx.executeBlocking(() -> {
          for (Slot s : expired) {
            delete(s);
          }
          return null;
        }, false);
    flushes.add(deletion);
    return Future.join(flushes).mapEmpty();
  }

  /** Writes every version not on disk yet (at shutdown). */
  public Future<Void> flush() {
    List<Future<Void>> all = new ArrayList<>();
    long now = clock.millis();
    for (Slot s : slots.values()) {
      all.add(flushIfDue(s, now, true));
    }
    return Future.join(all).mapEmpty();
  }

  private Future<Void> flushIfDue(Slot s, long now, boolean force) {
    synchronized (s) {
      if (s.deleted || s.version == s.durableVersion) {
        return Future.succeededFuture();
      }
      ConnectorCheckpoint onDisk = s.durable == null ? ConnectorCheckpoint.empty(s.ref) : s.durable;
      boolean countsPending = !s.working.sameCounts(onDisk); // an earlier write failed
      if (!force && !countsPending && now - s.durableAtMillis < progressFlush.toMillis()) {
        return Future.succeededFuture();
      }
      Promise<Void> p = Promise.promise();
      s.waiters.add(new Waiter(s.version, p));
      startWrite(s);
      return p.future();
    }
  }

  /** Blocking; on a worker thread. */
  private void delete(Slot s) {
    synchronized (s) {
      Long removedAt = s.removedAtMillis;
      if (s.writing || removedAt == null || s.deleted) {
        return;
      }
      try {
        Files.deleteIfExists(s.file);
        AtomicFile.syncDirectory(dir);
      } catch (IOException e) {
        LOG.warn("cannot delete checkpoint {} of removed connector: {}", s.file, e.getMessage());
        return;
      }
      s.deleted = true;
      slots.remove(s.ref, s);
      removedFiles.increment();
      LOG.info("deleted checkpoint of connector {} (account {}): gone for {} s", s.ref.connectorId(),
          s.ref.accountId(), (clock.millis() - removedAt) / 1000);
    }
  }
}
