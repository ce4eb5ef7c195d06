package dev.magicexporter.state;

import dev.magicexporter.logging.LogText;
import dev.magicexporter.store.ConnectorRef;
import io.micrometer.core.instrument.Counter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connector files of the state directory as found at start-up: lists them, reads each one
 * and moves aside what cannot be read. Blocking: runs on a worker thread, once, in
 * {@link CheckpointStore#start}.
 *
 * <p>Nothing here follows a symbolic link or opens anything but a regular file (a link or a FIFO
 * named like a checkpoint is moved aside unread), and nothing taken from a file, its name
 * included, reaches a log unescaped ({@link LogText}).
 */
final class CheckpointFiles {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);

  static final String SUFFIX = ".json";
  /** Suffix (plus a timestamp) of files moved aside because they could not be read. */
  static final String CORRUPT_SUFFIX = ".corrupt-";
  /** A checkpoint holds one window's keys at most; anything this large is not one. */
  static final int MAX_BYTES = 16 << 20;

  /** A checkpoint read from its file. */
  record Loaded(Path file, ConnectorCheckpoint checkpoint) {}

  private final Path dir;
  private final Clock clock;
  private final Counter corruptFiles;

  CheckpointFiles(Path dir, Clock clock, Counter corruptFiles) {
    this.dir = dir;
    this.clock = clock;
    this.corruptFiles = corruptFiles;
  }

  /** The file name of a connector's checkpoint: ids with anything but {@code [A-Za-z0-9_-]} escaped. */
  static String fileName(ConnectorRef ref) {
    return escape(ref.accountId()) + "." + escape(ref.connectorId()) + SUFFIX;
  }

  /** An id as a file name part: anything but {@code [A-Za-z0-9_-]} %-escaped (UTF-8 bytes). */
  static String escape(String id) {
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

  /**
   * Creates the directory if needed, deletes the temporary files of writes cut short (a crash, a
   * full disk: the previous version, if any, is intact) and reads every checkpoint.
   */
  Map<ConnectorRef, Loaded> loadAll() {
    Map<ConnectorRef, Loaded> out = new LinkedHashMap<>();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      LOG.error("state directory {} cannot be created ({}); checkpoints will not be kept", dir,
          LogText.escape(e.getMessage()));
      return out;
    }
    int leftovers = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        if (name.endsWith(AtomicFile.TMP_SUFFIX)) {
          leftovers += deleteQuietly(f) ? 1 : 0;
        } else if (name.endsWith(SUFFIX)) {
          ConnectorCheckpoint cp = read(f);
          if (cp != null) {
            out.put(cp.ref(), new Loaded(f, cp));
          }
        }
      }
    } catch (IOException e) {
      LOG.error("state directory {} cannot be listed ({}); connectors start afresh", dir,
          LogText.escape(e.getMessage()));
    }
    LOG.info("loaded {} connector checkpoints from {}{}", out.size(), dir,
        leftovers == 0 ? "" : " (deleted " + leftovers + " temporary files of writes cut short)");
    return out;
  }

  private ConnectorCheckpoint read(Path f) {
    return read(f, CheckpointCodec::decode,
        cp -> fileName(cp.ref()).equals(f.getFileName().toString()) ? null
            : "it holds connector " + cp.ref().connectorId() + " of account " + cp.ref().accountId()
                + ", not the one its name says",
        clock, corruptFiles, "its connector starts afresh from the look-back");
  }

  /** Decodes a state file's bytes. */
  interface Decoder<T> {
    T decode(byte[] bytes) throws CheckpointCodec.CorruptCheckpointException;
  }

  /**
   * Reads one state file safely (a regular file only, never through a link, at most
   * {@link #MAX_BYTES}); anything that cannot be used is counted, moved aside and logged with its
   * reason escaped. Shared by every kind of state file.
   *
   * @param wrongName why the decoded value does not belong in a file of this name, or null
   * @param consequence what happens instead, for the log line
   * @return the value, or null when the file was moved aside
   */
  static <T> T read(Path f, Decoder<T> decoder, java.util.function.Function<T, String> wrongName, Clock clock,
      Counter corruptFiles, String consequence) {
    String reason;
    try {
      BasicFileAttributes attrs = Files.readAttributes(f, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (attrs.isSymbolicLink()) {
        reason = "it is a symbolic link, which is never followed";
      } else if (!attrs.isRegularFile()) {
        reason = "it is not a regular file";
      } else if (attrs.size() > MAX_BYTES) {
        reason = "it has " + attrs.size() + " bytes, more than a checkpoint ever holds";
      } else {
        T value = decoder.decode(readBounded(f));
        reason = wrongName.apply(value);
        if (reason == null) {
          return value;
        }
      }
    } catch (CheckpointCodec.CorruptCheckpointException e) {
      reason = e.getMessage();
    } catch (IOException e) {
      reason = "unreadable: " + e.getClass().getSimpleName();
    }
    corruptFiles.increment();
    Path aside = f.resolveSibling(f.getFileName() + CORRUPT_SUFFIX + clock.millis());
    String shown = LogText.escape(f.getFileName());
    try {
      Files.move(f, aside, StandardCopyOption.ATOMIC_MOVE); // renames a link, never its target
      LOG.warn("state file {} in {} cannot be used ({}); moved it to {}; {}", shown, f.getParent(),
          LogText.escape(reason), LogText.escape(aside.getFileName()), consequence);
    } catch (IOException e) {
      LOG.warn("state file {} in {} cannot be used ({}) nor moved aside ({}); ignoring it, {}", shown, f.getParent(),
          LogText.escape(reason), e.getClass().getSimpleName(), consequence);
    }
    return null;
  }

  /** The file's bytes, opened without following a link, and never more than {@link #MAX_BYTES}. */
  private static byte[] readBounded(Path f) throws IOException {
    try (InputStream in = Files.newInputStream(f, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      byte[] bytes = in.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw new IOException("larger than " + MAX_BYTES + " bytes");
      }
      return bytes;
    }
  }

  static boolean deleteQuietly(Path f) {
    try {
      return Files.deleteIfExists(f);
    } catch (IOException e) {
      LOG.warn("cannot delete leftover {}: {}", LogText.escape(f.getFileName()), e.getClass().getSimpleName());
      return false;
    }
  }
}
