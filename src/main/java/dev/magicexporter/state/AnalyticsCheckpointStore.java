package dev.magicexporter.state;

import dev.magicexporter.logging.LogText;
import dev.magicexporter.metrics.self.SelfMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable {@link AnalyticsCheckpoint}s: one small JSON file per account in
 * {@code <state dir>/analytics/}, replaced atomically ({@link AtomicFile}) on every counted window.
 * Methods block (file I/O): call them off the event loop. The constructor does no I/O; {@link #load}
 * reads what a previous run left, moving unreadable files aside so that their accounts count afresh
 * from the look-back rather than refusing to start. Writes are counted in the same self-metrics as
 * the connector checkpoints ({@code cloudflare_exporter_state_writes_total{result}}).
 */
public final class AnalyticsCheckpointStore {
  private static final Logger LOG = LoggerFactory.getLogger(AnalyticsCheckpointStore.class);

  /** Sub-directory of the state directory that holds the account files. */
  public static final String SUBDIR = "analytics";
  private static final String SUFFIX = ".json";

  private final Path dir;
  private final Clock clock;
  private final Counter writesOk;
  private final Counter writesFailed;
  private final Counter corruptFiles;

  public AnalyticsCheckpointStore(Path stateDir, Clock clock, MeterRegistry registry) {
    this.dir = stateDir.resolve(SUBDIR);
    this.clock = clock;
    this.writesOk = SelfMetrics.STATE_WRITES.counter(registry, "success");
    this.writesFailed = SelfMetrics.STATE_WRITES.counter(registry, "error");
    this.corruptFiles = SelfMetrics.STATE_CORRUPT_FILES.counter(registry);
  }

  public Path directory() {
    return dir;
  }

  /** The file of an account: its id with anything but {@code [A-Za-z0-9_-]} escaped. */
  static String fileName(String accountId) {
    return CheckpointFiles.escape(accountId) + SUFFIX;
  }

  /** Every readable checkpoint, by account (blocking). */
  public Map<String, AnalyticsCheckpoint> load() {
    Map<String, AnalyticsCheckpoint> out = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        if (name.endsWith(AtomicFile.TMP_SUFFIX)) {
          // a write that crashed before its rename: the previous version is intact
          CheckpointFiles.deleteQuietly(f);
        } else if (name.endsWith(SUFFIX)) {
          AnalyticsCheckpoint cp = read(f);
          if (cp != null) {
            out.put(cp.accountId(), cp);
          }
        }
      }
    } catch (IOException e) {
      LOG.error("analytics state directory {} cannot be listed ({}); analytics counters start afresh", dir,
          LogText.escape(e.getMessage()));
    }
    LOG.info("loaded {} analytics checkpoints from {}", out.size(), dir);
    return out;
  }

  private AnalyticsCheckpoint read(Path f) {
    return CheckpointFiles.read(f, AnalyticsCheckpointCodec::decode,
        cp -> fileName(cp.accountId()).equals(f.getFileName().toString()) ? null
            : "it holds account " + cp.accountId() + ", not the one its name says",
        clock, corruptFiles, "its account counts afresh");
  }

  /** Replaces the account's file (blocking); the counted windows it records are final once this returns. */
  public void write(AnalyticsCheckpoint cp) throws IOException {
    try {
      Files.createDirectories(dir);
      AtomicFile.write(dir.resolve(fileName(cp.accountId())), AnalyticsCheckpointCodec.encode(cp));
      writesOk.increment();
    } catch (IOException | RuntimeException e) {
      writesFailed.increment();
      throw e;
    }
  }
}
