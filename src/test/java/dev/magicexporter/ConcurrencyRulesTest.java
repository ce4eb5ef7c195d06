package dev.magicexporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magicexporter.deploy.ProjectFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The concurrency model of the package doc ({@code dev/magicexporter/package-info.java}), checked
 * on the sources: blocking work only in the places it names, and constructors without I/O.
 */
class ConcurrencyRulesTest {
  private static final Path MAIN = ProjectFiles.path("src/main/java/dev/magicexporter");
  /** The classes that may run work on worker threads; each is named in the package doc. */
  private static final Set<String> BLOCKING_PLACES = Set.of(
      "state/CheckpointStore.java", "state/SlotWriter.java", "poll/analytics/AnalyticsPoller.java",
      "poll/analytics/AccountAnalyticsPoller.java", "listen/WebSecurity.java", "listen/BasicAuthCheck.java",
      "app/HttpEndpoints.java");
  /** Calls that hand work to worker threads. */
  private static final Pattern TO_WORKERS = Pattern.compile("executeBlocking\\(|createSharedWorkerExecutor\\(");
  /** Calls that block the calling thread, allowed on the main thread and on a worker only. */
  private static final Pattern BLOCKS = Pattern.compile(
      "Thread\\.sleep\\(|\\.toCompletableFuture\\(\\)\\.(get|join)\\(|CountDownLatch|\\.await\\(");
  private static final Set<String> MAY_BLOCK = Set.of(
      "app/Main.java", "app/ResponseOutputStream.java", "sim/SimulatorMain.java");
  /** File and network I/O a constructor must not do. */
  private static final Pattern IO = Pattern.compile(
      "\\bFiles\\.|FileChannel|File(Input|Output)Stream|\\.load\\(|executeBlocking\\(|\\.listen\\(|\\.connect\\(|"
          + "StateDirectory\\.|\\.start\\(\\)");

  @Test
  void onlyTheNamedPlacesRunWorkOnWorkerThreads() throws IOException {
    Set<String> found = new TreeSet<>();
    for (Path f : sources()) {
      if (TO_WORKERS.matcher(code(f)).find()) {
        found.add(name(f));
      }
    }
    assertThat(found).as("classes that call executeBlocking; name a new one in the package doc's concurrency "
        + "model and here").isEqualTo(new TreeSet<>(BLOCKING_PLACES));
    String doc = Files.readString(MAIN.resolve("package-info.java"));
    for (String place : BLOCKING_PLACES) {
      String cls = place.replace(".java", "").replace('/', '.');
      assertThat(doc).as("the package doc names %s", cls).contains("{@code " + cls + "}");
    }
  }

  @Test
  void nothingElseBlocksAThread() throws IOException {
    List<String> offenders = new ArrayList<>();
    for (Path f : sources()) {
      if (!MAY_BLOCK.contains(name(f)) && BLOCKS.matcher(code(f)).find()) {
        offenders.add(name(f));
      }
    }
    assertThat(offenders).as("blocking waits outside the main thread's and the scrape worker's code").isEmpty();
  }

  @Test
  void constructorsDoNoIo() throws IOException {
    List<String> offenders = new ArrayList<>();
    int constructors = 0;
    for (Path f : sources()) {
      String code = code(f);
      String cls = f.getFileName().toString().replace(".java", "");
      Matcher m = Pattern.compile("\\n  (public |protected |private )?" + cls + "\\(([^)]*)\\)[^{;]*\\{").matcher(code);
      while (m.find()) {
        constructors++;
        String body = block(code, m.end() - 1);
        Matcher io = IO.matcher(body);
        if (io.find()) {
          offenders.add(name(f) + ": " + io.group());
        }
      }
    }
    assertThat(constructors).as("constructors found by the scan").isGreaterThan(100);
    assertThat(offenders).as("constructors that do I/O or start something: move it to a start() that returns a "
        + "future").isEmpty();
  }

  @Test
  void theScanSeesIoInAConstructor() {
    String code = "class X {\n  X(Path p) {\n    this.b = Files.readAllBytes(p);\n  }\n}";
    Matcher m = Pattern.compile("\\n  (public |protected |private )?X\\(([^)]*)\\)[^{;]*\\{").matcher(code);
    assertThat(m.find()).isTrue();
    assertThat(IO.matcher(block(code, m.end() - 1)).find()).isTrue();
  }

  private static List<Path> sources() throws IOException {
    try (Stream<Path> files = Files.walk(MAIN)) {
      return files.filter(p -> p.toString().endsWith(".java") && !p.endsWith("package-info.java")).toList();
    }
  }

  private static String name(Path f) {
    return MAIN.relativize(f).toString().replace('\\', '/');
  }

  /** The source without comments and string literals, so that prose and messages do not count. */
  private static String code(Path f) throws IOException {
    String s = Files.readString(f);
    return s.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "")
        .replaceAll("\"(?:\\\\.|[^\"\\\\\\n])*\"", "\"\"");
  }

  /** The text of the brace block opening at {@code open}. */
  private static String block(String code, int open) {
    int depth = 0;
    for (int i = open; i < code.length(); i++) {
      char c = code.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return code.substring(open, i + 1);
      }
    }
    return code.substring(open);
  }
}
