package dev.magicexporter.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import dev.magicexporter.config.ConfigLoader;
import dev.magicexporter.config.ConfigProblem;
import dev.magicexporter.state.StateDirectory;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Command line: {@code magic-exporter [--config FILE] [--demo] [--check-config] [--shard I
 * --total-shards N] [--version] [--help]} runs the daemon; {@code magic-exporter simulate ...}
 * runs only the simulated Cloudflare API. Exit status 2 means bad usage or configuration.
 */
public final class Main {
  public static final int EXIT_OK = 0;
  public static final int EXIT_FAILURE = 1;
  public static final int EXIT_USAGE = 2;

  static final String USAGE = """
      Usage: magic-exporter [options]
             magic-exporter simulate [simulator options]   (see: simulate --help)

      Prometheus exporter and admin API for Cloudflare Magic Transit / Magic WAN.

      Options:
        --config FILE        read configuration from a YAML file (see config/exporter.yaml)
        --demo               run against the built-in simulator (no Cloudflare account needed)
        --check-config       validate the configuration, print the problems, and exit
        --web.config.file F  TLS and basic auth for /metrics (Prometheus exporter-toolkit format)
        --shard I            this replica's shard ordinal (with --total-shards)
        --total-shards N     number of replicas sharing the connectors
        --version            print the version and exit
        --help               print this help and exit

      Credentials come from CLOUDFLARE_API_TOKEN (or CLOUDFLARE_API_KEY + CLOUDFLARE_EMAIL),
      accounts from CLOUDFLARE_ACCOUNT_ID; every key can be set as MAGIC_EXPORTER_<KEY>.
      Exit status: 0 ok, 1 runtime failure, 2 bad usage or configuration.
      """;

  private Main() {}

  public static void main(String[] args) {
    int status = run(args, System.getenv(), System.out, System.err);
    if (status != EXIT_OK || args.length == 0 || !isDaemonRun(args)) {
      System.exit(status);
    }
  }

  private static boolean isDaemonRun(String[] args) {
    return Arrays.stream(args).noneMatch(a -> a.equals("--check-config") || a.equals("--help")
        || a.equals("--version") || a.equals("simulate"));
  }

  /** Parses the command line and runs; returns the exit status (blocks while the daemon runs). */
  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    if (args.length > 0 && args[0].equals("simulate")) {
      return dev.magicexporter.sim.SimulatorMain.run(Arrays.copyOfRange(args, 1, args.length));
    }
    Path config = null;
    boolean demo = false;
    boolean check = false;
    Integer shard = null;
    Integer total = null;
    Path webConfig = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--help", "-h" -> {
          out.print(USAGE);
          return EXIT_OK;
        }
        case "--version" -> {
          out.println("magic-exporter " + Version.get());
          return EXIT_OK;
        }
        case "--demo" -> demo = true;
        case "--check-config" -> check = true;
        case "--config", "--shard", "--total-shards", "--web.config.file" -> {
          if (i + 1 >= args.length) {
            err.println("error: " + a + " needs a value\n\n" + USAGE);
            return EXIT_USAGE;
          }
          String v = args[++i];
          if (a.equals("--config")) {
            config = Path.of(v);
          } else if (a.equals("--web.config.file")) {
            webConfig = Path.of(v);
          } else {
            try {
              int n = Integer.parseInt(v);
              if (a.equals("--shard")) {
                shard = n;
              } else {
                total = n;
              }
            } catch (NumberFormatException e) {
              err.println("error: " + a + " needs a whole number, got '" + v + "'");
              return EXIT_USAGE;
            }
          }
        }
        default -> {
          if (a.startsWith("--web.config.file=")) {
            webConfig = Path.of(a.substring("--web.config.file=".length()));
            continue;
          }
          err.println("error: unknown argument '" + a + "'\n\n" + USAGE);
          return EXIT_USAGE;
        }
      }
    }
    ConfigLoader.Result result = ConfigLoader.load(new ConfigLoader.CommandLine(config, demo, shard, total, webConfig), env);
    applyLogLevel(result);
    Logger log = LoggerFactory.getLogger(Main.class);
    result.warnings().forEach(w -> log.warn("{}", w));
    if (!result.ok()) {
      err.println("magic-exporter: invalid configuration (" + result.problems().size() + " problem"
          + (result.problems().size() == 1 ? "" : "s") + "):");
      for (ConfigProblem p : result.problems()) {
        err.println("  - " + p);
      }
      return EXIT_USAGE;
    }
    if (check) {
      out.println("configuration ok: " + result.config().cloudflare().accounts().size() + " account(s), "
          + "metrics on " + result.config().listenAddress() + ":" + result.config().listenPort()
          + (demo ? " (demo mode)" : ""));
      return EXIT_OK;
    }
    // Only a daemon run creates the state directory: checking changes nothing.
    Optional<String> stateProblem = StateDirectory.prepare(result.config().stateDir());
    if (stateProblem.isPresent()) {
      err.println("magic-exporter: invalid configuration (1 problem):");
      err.println("  - " + new ConfigProblem("state_dir", null, result.config().stateDir().toString(),
          "a writable directory (" + stateProblem.get() + ")"));
      return EXIT_USAGE;
    }
    return runDaemon(result, log);
  }

  private static int runDaemon(ConfigLoader.Result result, Logger log) {
    Vertx vertx = Vertx.vertx();
    Daemon daemon = new Daemon(vertx, result.config());
    CountDownLatch stopped = new CountDownLatch(1);
    try {
      daemon.start().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      log.error("magic-exporter failed to start: {}", cause.getMessage());
      vertx.close();
      return EXIT_FAILURE;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("shutting down");
      try {
        daemon.stop().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        // After the checkpoint flush (a failed one was logged as a warning) and the listeners closed.
        log.info("stopped cleanly");
      } catch (Exception e) {
        log.warn("unclean shutdown: {}", e.toString());
      }
      stopped.countDown();
    }, "shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return EXIT_OK;
  }

  /** Applies log_level before the daemon logs anything of its own. */
  private static void applyLogLevel(ConfigLoader.Result result) {
    String level = result.ok() ? result.config().logLevel() : null;
    if (level != null && LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx) {
      ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.toLevel(level, Level.INFO));
    }
  }
}
