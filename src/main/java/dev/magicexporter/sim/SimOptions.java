package dev.magicexporter.sim;

import java.time.Duration;
import java.util.List;

/**
 * How the simulated Cloudflare behaves: its world (seed, accounts, connectors) and the faults it
 * injects on demand.
 *
 * @param apiToken the only Bearer token accepted; a wrong one gets 403 with code 10000
 * @param rateLimitRequests requests allowed per {@code rateLimitWindow} before 429s (0: no limit)
 * @param serverErrorRate share of requests answered with a 5xx (0..1)
 * @param malformedRate share of requests answered with a malformed body (0..1)
 * @param latency added to every answer
 */
public record SimOptions(
    String host,
    int port,
    long seed,
    List<String> accountIds,
    int connectors,
    String apiToken,
    int rateLimitRequests,
    Duration rateLimitWindow,
    double serverErrorRate,
    double malformedRate,
    Duration latency) {

  public static final String DEFAULT_ACCOUNT = "023e105f4ecef8ad9ca31a8372d0c353";
  public static final String DEFAULT_TOKEN = "simulated-token-not-a-secret";

  public static SimOptions defaults() {
    return new SimOptions("127.0.0.1", 0, 42L, List.of(DEFAULT_ACCOUNT), 3, DEFAULT_TOKEN,
        0, Duration.ofSeconds(300), 0.0, 0.0, Duration.ZERO);
  }

  public SimOptions withPort(int p) {
    return new SimOptions(host, p, seed, accountIds, connectors, apiToken, rateLimitRequests,
        rateLimitWindow, serverErrorRate, malformedRate, latency);
  }

  public SimOptions withConnectors(int n) {
    return new SimOptions(host, port, seed, accountIds, n, apiToken, rateLimitRequests,
        rateLimitWindow, serverErrorRate, malformedRate, latency);
  }

  public SimOptions withSeed(long s) {
    return new SimOptions(host, port, s, accountIds, connectors, apiToken, rateLimitRequests,
        rateLimitWindow, serverErrorRate, malformedRate, latency);
  }
}
