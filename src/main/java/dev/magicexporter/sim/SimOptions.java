package dev.magicexporter.sim;

import dev.magicexporter.sim.connectors.SimWorld;
import java.time.Duration;
import java.util.List;

/**
 * How the simulated Cloudflare behaves: its world (seed, accounts, connectors) and the faults it
 * injects on demand.
 *
 * @param seed the world's seed: same seed and clock, same answers
 * @param accountIds the accounts served; any other account gets 404
 * @param connectors connectors in each account (1 to {@link SimWorld#MAX_CONNECTORS})
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

  public SimOptions {
    accountIds = List.copyOf(accountIds);
    if (accountIds.isEmpty()) {
      throw new IllegalArgumentException("at least one account is needed");
    }
    if (connectors < 1 || connectors > SimWorld.MAX_CONNECTORS) {
      throw new IllegalArgumentException("connectors must be 1 to " + SimWorld.MAX_CONNECTORS + ", not " + connectors);
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0 to 65535, not " + port);
    }
    if (apiToken == null || apiToken.isEmpty()) {
      throw new IllegalArgumentException("an API token is needed");
    }
    if (rateLimitRequests < 0 || rateLimitWindow == null || rateLimitWindow.isNegative() || rateLimitWindow.isZero()) {
      throw new IllegalArgumentException("rate limit must be >= 0 requests per a positive window");
    }
    if (!(serverErrorRate >= 0 && serverErrorRate <= 1) || !(malformedRate >= 0 && malformedRate <= 1)) {
      throw new IllegalArgumentException("fault rates must be between 0 and 1");
    }
    if (latency == null || latency.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative");
    }
  }

  public static SimOptions defaults() {
    return new SimOptions("127.0.0.1", 0, 42L, List.of(DEFAULT_ACCOUNT), 3, DEFAULT_TOKEN,
        0, Duration.ofSeconds(300), 0.0, 0.0, Duration.ZERO);
  }

  public SimOptions withHost(String h) {
    return new SimOptions(h, port, seed, accountIds, connectors, apiToken, rateLimitRequests,
        rateLimitWindow, serverErrorRate, malformedRate, latency);
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

  public SimOptions withAccounts(List<String> ids) {
    return new SimOptions(host, port, seed, ids, connectors, apiToken, rateLimitRequests,
        rateLimitWindow, serverErrorRate, malformedRate, latency);
  }

  public SimOptions withToken(String token) {
    return new SimOptions(host, port, seed, accountIds, connectors, token, rateLimitRequests,
        rateLimitWindow, serverErrorRate, malformedRate, latency);
  }

  /** At most {@code requests} per {@code window}; 0 turns the limit off. */
  public SimOptions withRateLimit(int requests, Duration window) {
    return new SimOptions(host, port, seed, accountIds, connectors, apiToken, requests,
        window, serverErrorRate, malformedRate, latency);
  }

  public SimOptions withServerErrorRate(double rate) {
    return new SimOptions(host, port, seed, accountIds, connectors, apiToken, rateLimitRequests,
        rateLimitWindow, rate, malformedRate, latency);
  }

  public SimOptions withMalformedRate(double rate) {
    return new SimOptions(host, port, seed, accountIds, connectors, apiToken, rateLimitRequests,
        rateLimitWindow, serverErrorRate, rate, latency);
  }

  public SimOptions withLatency(Duration d) {
    return new SimOptions(host, port, seed, accountIds, connectors, apiToken, rateLimitRequests,
        rateLimitWindow, serverErrorRate, malformedRate, d);
  }
}
