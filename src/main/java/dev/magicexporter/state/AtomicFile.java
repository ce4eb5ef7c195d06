package dev.magicexporter.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replaces a file so that after a crash at any instant it holds either the old or the new content,
 * never a mix: write a temporary sibling, fsync it, rename it over the target, fsync the directory
 * (without the last step a power loss can forget the rename). Blocking; call off the event loop.
 *
 * <p>Never writes through a symbolic link: a link (or anything else) at the temporary name is
 * removed first and the temporary file is created anew without following links, and the rename
 * replaces a link at the target name rather than its target. A write that fails (a full disk)
 * removes its temporary file, so none is left behind until the next start.
 */
public final class AtomicFile {
  /** Suffix of the temporary sibling; leftovers of a crash are deleted when the state is loaded. */
  public static final String TMP_SUFFIX = ".tmp";

  private AtomicFile() {}

  public static void write(Path target, byte[] content) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + TMP_SUFFIX);
    Files.deleteIfExists(tmp); // removes a link itself, never its target
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
          LinkOption.NOFOLLOW_LINKS)) {
        ByteBuffer buf = ByteBuffer.wrap(content);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException | RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
    syncDirectory(target.getParent());
  }

  /** Makes renames and deletions in {@code dir} durable. */
  public static void syncDirectory(Path dir) throws IOException {
    FileChannel ch;
    try {
      ch = FileChannel.open(dir, StandardOpenOption.READ);
    } catch (AccessDeniedException e) {
      // Some platforms cannot open a directory at all; there the rename is as durable as it gets.
      return;
    }
    try (ch) {
      ch.force(true);
    }
  }
}
