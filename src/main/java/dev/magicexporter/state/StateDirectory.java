package dev.magicexporter.state;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The state directory as a whole: {@link #check} for the configuration check, which changes
 * nothing, and {@link #prepare} for the daemon's start, which creates it and proves it takes a
 * durable write. Both blocking (file system calls); both run before the event loops start work.
 */
public final class StateDirectory {
  /** Sub-directory of the state directory that holds the connector files. */
  public static final String CONNECTORS = "connectors";

  private StateDirectory() {}

  /**
   * Why {@code stateDir} could not hold checkpoints, or empty when it looks fine, without creating
   * or writing anything ({@code --check-config} changes nothing): the directory, or while it does
   * not exist yet its nearest existing parent, must be a writable directory.
   */
  public static Optional<String> check(Path stateDir) {
    if (stateDir == null) {
      return Optional.of("state directory is not set");
    }
    Path existing = stateDir.toAbsolutePath();
    try {
      Path sub = stateDir.resolve(CONNECTORS);
      if (Files.exists(sub)) {
        existing = sub.toAbsolutePath();
      } else {
        while (existing != null && !Files.exists(existing)) {
          existing = existing.getParent();
        }
      }
      if (existing == null) {
        return Optional.of("no parent of " + stateDir + " exists");
      }
      if (!Files.isDirectory(existing)) {
        return Optional.of(existing + " is not a directory");
      }
      if (!Files.isWritable(existing)) {
        return Optional.of(existing + " is not writable");
      }
    } catch (SecurityException e) {
      return Optional.of("state directory " + stateDir + " cannot be checked: " + describe(e));
    }
    return Optional.empty();
  }

  /**
   * Why {@code stateDir} cannot hold checkpoints, or empty when it can: it is created if missing
   * and must accept a durably written and renamed file. For the daemon's start.
   */
  public static Optional<String> prepare(Path stateDir) {
    if (stateDir == null) {
      return Optional.of("state directory is not set");
    }
    Path sub = stateDir.resolve(CONNECTORS);
    try {
      Files.createDirectories(sub);
    } catch (IOException | SecurityException e) {
      return Optional.of("state directory " + stateDir + " cannot be created: " + describe(e));
    }
    if (!Files.isDirectory(sub)) {
      return Optional.of("state directory " + stateDir + " is not a directory");
    }
    Path probe = sub.resolve(".write-probe-" + ProcessHandle.current().pid());
    try {
      AtomicFile.write(probe, "probe".getBytes(StandardCharsets.US_ASCII));
      Files.delete(probe);
    } catch (IOException | SecurityException e) {
      return Optional.of("state directory " + stateDir + " is not writable: " + describe(e));
    }
    return Optional.empty();
  }

  static String describe(Exception e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : " (" + m + ")");
  }
}
