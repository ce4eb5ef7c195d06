package dev.magicexporter.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code promtool check metrics} on an exposition, for tests. Fails (never skips) when
 * promtool is missing: CI installs Debian's {@code prometheus} package, and a lint that silently
 * does not run proves nothing.
 */
public final class Promtool {
  private Promtool() {}

  /** The path of promtool: {@code $PROMTOOL}, else {@code /usr/bin/promtool}. */
  public static Path binary() {
    String env = System.getenv("PROMTOOL");
    Path p = Path.of(env != null && !env.isBlank() ? env : "/usr/bin/promtool");
    if (!Files.isExecutable(p)) {
      throw new AssertionError("promtool not found at " + p
          + "; install it with `apt-get install -y prometheus` or set PROMTOOL");
    }
    return p;
  }

  /** promtool's complaints (stdout + stderr); empty when the exposition is clean. */
  public static String checkMetrics(String exposition) throws IOException, InterruptedException {
    Process proc = new ProcessBuilder(binary().toString(), "check", "metrics")
        .redirectErrorStream(true).start();
    Thread feeder = new Thread(() -> {
      try (OutputStream in = proc.getOutputStream()) {
        in.write(exposition.getBytes(StandardCharsets.UTF_8));
      } catch (IOException ignored) {
        // promtool stopped reading; its exit code and output tell why.
      }
    });
    feeder.start();
    String output = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!proc.waitFor(60, TimeUnit.SECONDS)) {
      proc.destroyForcibly();
      throw new AssertionError("promtool did not finish in 60 s");
    }
    feeder.join();
    int rc = proc.exitValue();
    if (rc != 0 && output.isBlank()) {
      return "promtool exited with " + rc;
    }
    return output.strip();
  }
}
