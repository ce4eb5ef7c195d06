package dev.magicexporter.listen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 items 1 and 4, as reported: the daemon (demo mode) in a child JVM with the Dockerfile's
 * heap flags ({@code -Xmx384m -XX:+ExitOnOutOfMemoryError}) under a 1,024 file descriptor limit,
 * attacked on loopback with 500 token-less POSTs announcing 1 MiB bodies that never end, a few
 * authenticated ones, and 1,100 idle connections on the metrics port plus 300 on the admin port,
 * all held open together. While they are held the daemon must be alive, /healthz and the admin
 * API must answer, its heap after a full GC must stay within a bound derived from the configured
 * caps, and its descriptors must leave the reserve for checkpoints; after them it must stop
 * cleanly on SIGTERM, flushing its checkpoints. Conditions only: no timing is asserted, and the
 * generous timeouts matter only when the test fails.
 */
class ListenerLoadTest {
  private static final String TOKEN = "load-test-admin-token-5c2e91";
  private static final int METRICS_CAP = 256;
  private static final int ADMIN_CAP = 64;
  private static final long BODY_BUDGET = 16L << 20;
  /** Netty's and Vert.x's per-connection state, generously: buffers, pipeline, request objects. */
  private static final long PER_CONNECTION = 64 * 1024;
  /** What a scrape, a GC's leftovers and the attack's short-lived garbage may add. */
  private static final long SLACK = 48L << 20;

  @Test
  void slowBodiesAndIdleConnectionsNeitherExhaustMemoryNorDescriptors(@TempDir Path tmp) throws Exception {
    int metricsPort = freePort();
    int adminPort = freePort();
    Path log = tmp.resolve("daemon.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cmd = "ulimit -n 1024 && exec '" + java + "' -Xmx384m -XX:+ExitOnOutOfMemoryError -cp '"
        + System.getProperty("java.class.path") + "' dev.magicexporter.app.Main --demo";
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("MAGIC_EXPORTER_LISTEN_ADDRESS", "127.0.0.1");
    pb.environment().put("MAGIC_EXPORTER_LISTEN_PORT", Integer.toString(metricsPort));
    pb.environment().put("MAGIC_EXPORTER_ADMIN_PORT", Integer.toString(adminPort));
    pb.environment().put("MAGIC_EXPORTER_ADMIN_TOKEN", TOKEN);
    pb.environment().put("MAGIC_EXPORTER_STATE_DIR", tmp.resolve("state").toString());
    pb.environment().put("MAGIC_EXPORTER_POLL_INTERVAL", "2s");
    pb.environment().put("MAGIC_EXPORTER_LISTEN_MAX_CONNECTIONS", Integer.toString(METRICS_CAP));
    pb.environment().put("MAGIC_EXPORTER_ADMIN_MAX_CONNECTIONS", Integer.toString(ADMIN_CAP));
    pb.environment().put("MAGIC_EXPORTER_ADMIN_MAX_BUFFERED_BYTES", Long.toString(BODY_BUDGET));
    Process daemon = pb.start();
    List<Socket> held = new ArrayList<>();
    try {
      waitFor(() -> healthz(metricsPort) == 200, daemon, log, "the daemon to answer /healthz");
      long baseline = heapAfterGc(daemon, metricsPort);

      for (int i = 0; i < 500; i++) {
        held.add(slowPost(adminPort, null));
      }
      for (int i = 0; i < 10; i++) {
        held.add(slowPost(adminPort, TOKEN));
      }
      held.addAll(RawHttp.idle(metricsPort, 1100));
      held.addAll(RawHttp.idle(adminPort, 300));

      assertThat(daemon.isAlive()).as("daemon alive; log:\n%s", tail(log)).isTrue();
      assertThat(RawHttp.eventually(metricsPort, "/healthz")).as("/healthz under attack").isEqualTo(200);
      assertThat(RawHttp.eventually(adminPort, "/status", "Authorization: Bearer " + TOKEN))
          .as("admin /status under attack").isEqualTo(200);
      long fds = openDescriptors(daemon);
      assertThat(fds).as("descriptors in use under attack, of 1024").isLessThan(1024 - 128);
      long heap = heapAfterGc(daemon, metricsPort);
      long bound = BODY_BUDGET + (METRICS_CAP + ADMIN_CAP) * PER_CONNECTION + SLACK;
      assertThat(heap - baseline).as("heap growth after GC (baseline %d MiB)", baseline >> 20).isLessThan(bound);
      assertThat(daemon.isAlive()).isTrue();
    } finally {
      RawHttp.closeAll(held);
      daemon.destroy();
      if (!daemon.waitFor(60, TimeUnit.SECONDS)) {
        daemon.destroyForcibly();
        throw new AssertionError("the daemon ignored SIGTERM; log:\n" + tail(log));
      }
    }
    String text = Files.readString(log);
    assertThat(text).doesNotContain("OutOfMemoryError").doesNotContain("Too many open files")
        .doesNotContain("could not write every checkpoint").contains("shutting down");
  }

  /** A POST head announcing 1,048,575 body bytes, and one byte of them: the rest never comes. */
  private static Socket slowPost(int port, String token) throws IOException {
    Socket s = RawHttp.connect(port);
    s.getOutputStream().write(("POST /client/v4/accounts/x/magic/gre_tunnels HTTP/1.1\r\nHost: 127.0.0.1:" + port
        + "\r\nContent-Type: application/json\r\n" + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
        + "Content-Length: 1048575\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
    return s;
  }

  private static int healthz(int port) {
    try {
      return RawHttp.get(port, "/healthz").status();
    } catch (IOException e) {
      return -1;
    }
  }

  /** Heap in use right after a full collection, as the daemon's own JVM metrics report it. */
  private static long heapAfterGc(Process daemon, int metricsPort) throws Exception {
    Process gc = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
        Long.toString(daemon.pid()), "GC.run").redirectErrorStream(true).start();
    String out = new String(gc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(gc.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(gc.exitValue()).as("jcmd GC.run: %s", out).isZero();
    String metrics = RawHttp.get(metricsPort, "/metrics").body();
    Matcher m = Pattern.compile("(?m)^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*\\} ([0-9.eE+]+)").matcher(metrics);
    long sum = 0;
    boolean any = false;
    while (m.find()) {
      sum += (long) Double.parseDouble(m.group(1));
      any = true;
    }
    assertThat(any).as("jvm_memory_used_bytes{area=heap} in the scrape").isTrue();
    return sum;
  }

  private static long openDescriptors(Process daemon) throws IOException {
    try (var s = Files.list(Path.of("/proc", Long.toString(daemon.pid()), "fd"))) {
      return s.count();
    }
  }

  private static void waitFor(java.util.function.BooleanSupplier c, Process daemon, Path log, String what)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (!c.getAsBoolean()) {
      if (!daemon.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("gave up waiting for " + what + "; log:\n" + tail(log));
      }
      Thread.sleep(100);
    }
  }

  private static String tail(Path log) {
    try {
      String t = Files.readString(log);
      return t.length() > 6000 ? t.substring(t.length() - 6000) : t;
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
