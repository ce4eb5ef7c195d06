package dev.magicexporter.sim;

import dev.magicexporter.sim.connectors.SimWorld;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulator on its own ({@code magic-exporter simulate ...}): parses the command line, serves
 * the default modules on the system clock and blocks until the process is killed.
 */
public final class SimulatorMain {
  /** Exit status for a bad command line. */
  public static final int USAGE = 2;
  public static final int DEFAULT_PORT = 8787;

  static final String HELP = """
      Usage: magic-exporter simulate [options]

      Serves a simulated Cloudflare v4 API (Magic Transit / Magic WAN connectors and telemetry)
      on http://HOST:PORT/client/v4 until killed.

        --port P              port to listen on (default 8787; 0 picks a free port)
        --host H              address to listen on (default 127.0.0.1)
        --connectors N        connectors per account, 1 to 10000 (default 3)
        --seed S              world seed, a whole number (default 42)
        --token T             the Bearer token accepted (default: the built-in demo token)
        --accounts a,b        account ids served (default 023e105f4ecef8ad9ca31a8372d0c353)
        --rate-limit N/300s   answer 429 after N requests per window (s, m or h; default off)
        --error-rate R        share of requests answered with a 5xx, 0 to 1 (default 0)
        --malformed-rate R    share of answers with a malformed body, 0 to 1 (default 0)
        --latency D           added to every answer, e.g. 50ms or 1s (default 0)
        --help                show this help
      """;

  private static final Pattern RATE = Pattern.compile("(\\d+)/(\\d+)(ms|s|m|h)?");
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");
  private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private SimulatorMain() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs until killed; returns only for {@code --help} (0), a bad command line (2) or a failed start (1). */
  public static int run(String[] args) {
    SimOptions options;
    try {
      options = parse(args);
    } catch (UsageException e) {
      System.err.println("simulate: " + e.getMessage());
      System.err.println("Try 'simulate --help'.");
      return USAGE;
    }
    if (options == null) {
      System.out.print(HELP);
      return 0;
    }
    Vertx vertx = Vertx.vertx();
    Simulator sim = Simulator.withDefaultModules(vertx, options, SimClock.system());
    try {
      sim.start().await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("simulate: cannot listen on " + options.host() + ":" + options.port() + ": " + e.getMessage());
      vertx.close();
      return 1;
    }
    PrintStream out = System.out;
    out.println("Simulated Cloudflare API on " + sim.baseUrl() + " (" + options.accountIds().size() + " account(s), "
        + options.connectors() + " connectors each, seed " + options.seed() + ")");
    out.flush();
    CountDownLatch forever = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      sim.stop();
      vertx.close();
      forever.countDown();
    }, "simulator-shutdown"));
    try {
      forever.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  /** The options of a command line, or null for {@code --help}. */
  static SimOptions parse(String[] args) throws UsageException {
    SimOptions o = SimOptions.defaults().withPort(DEFAULT_PORT);
    List<String> a = new ArrayList<>(Arrays.asList(args));
    for (int i = 0; i < a.size(); i++) {
      String opt = a.get(i);
      String value = null;
      int eq = opt.indexOf('=');
      if (opt.startsWith("--") && eq > 0) {
        value = opt.substring(eq + 1);
        opt = opt.substring(0, eq);
      }
      if (opt.equals("--help") || opt.equals("-h")) {
        return null;
      }
      if (!opt.startsWith("--")) {
        throw new UsageException("unexpected argument '" + opt + "'");
      }
      if (value == null) {
        if (i + 1 >= a.size()) {
          throw new UsageException(opt + " needs a value");
        }
        value = a.get(++i);
      }
      try {
        o = apply(o, opt, value);
      } catch (IllegalArgumentException e) {
        throw new UsageException(opt + ": " + e.getMessage());
      } catch (UsageException e) {
        throw e.getMessage().startsWith("--") ? e : new UsageException(opt + " " + e.getMessage());
      }
    }
    return o;
  }

  private static SimOptions apply(SimOptions o, String opt, String v) throws UsageException {
    return switch (opt) {
      case "--port" -> o.withPort(integer(v, 0, 65_535, "a port from 0 to 65535"));
      case "--host" -> {
        if (v.isBlank()) {
          throw new UsageException("--host needs an address");
        }
        yield o.withHost(v);
      }
      case "--connectors" -> o.withConnectors(integer(v, 1, SimWorld.MAX_CONNECTORS, "a number from 1 to 10000"));
      case "--seed" -> {
        try {
          yield o.withSeed(Long.parseLong(v));
        } catch (NumberFormatException e) {
          throw new UsageException("--seed needs a whole number, not '" + v + "'");
        }
      }
      case "--token" -> {
        if (v.isEmpty()) {
          throw new UsageException("--token must not be empty");
        }
        yield o.withToken(v);
      }
      case "--accounts" -> {
        List<String> ids = Arrays.stream(v.split(",")).map(String::trim).toList();
        for (String id : ids) {
          if (!ACCOUNT.matcher(id).matches()) {
            throw new UsageException("--accounts needs comma-separated ids of letters, digits, '-' or '_', not '" + id + "'");
          }
        }
        yield o.withAccounts(ids);
      }
      case "--rate-limit" -> {
        if (v.equals("0") || v.equals("off")) {
          yield o.withRateLimit(0, o.rateLimitWindow());
        }
        Matcher m = RATE.matcher(v);
        if (!m.matches()) {
          throw new UsageException("--rate-limit needs REQUESTS/WINDOW like 1200/300s or 100/1m, not '" + v + "'");
        }
        Duration window = duration(m.group(2), m.group(3) == null ? "s" : m.group(3));
        if (window.isZero()) {
          throw new UsageException("--rate-limit window must be longer than 0");
        }
        yield o.withRateLimit(integer(m.group(1), 0, Integer.MAX_VALUE, "a request count"), window);
      }
      case "--error-rate" -> o.withServerErrorRate(rate(opt, v));
      case "--malformed-rate" -> o.withMalformedRate(rate(opt, v));
      case "--latency" -> {
        Matcher m = DURATION.matcher(v);
        if (!m.matches()) {
          throw new UsageException("--latency needs a duration like 50ms or 1s, not '" + v + "'");
        }
        yield o.withLatency(duration(m.group(1), m.group(2)));
      }
      default -> throw new UsageException("unknown option " + opt);
    };
  }

  private static int integer(String v, int min, int max, String what) throws UsageException {
    try {
      int n = Integer.parseInt(v);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException("needs " + what + ", not '" + v + "'");
  }

  private static double rate(String opt, String v) throws UsageException {
    try {
      double r = Double.parseDouble(v);
      if (r >= 0 && r <= 1) {
        return r;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException(opt + " needs a share from 0 to 1 like 0.01, not '" + v + "'");
  }

  private static Duration duration(String amount, String unit) throws UsageException {
    long n;
    try {
      n = Long.parseLong(amount);
    } catch (NumberFormatException e) {
      throw new UsageException("'" + amount + "' is not a whole number");
    }
    return switch (unit) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> throw new UsageException("unknown time unit " + unit);
    };
  }

  /** A command line that cannot be run; the message says why. */
  static final class UsageException extends Exception {
    UsageException(String message) {
      super(message);
    }
  }
}
