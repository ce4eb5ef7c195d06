package dev.magicexporter.client;

import java.time.Duration;

/**
 * Tuning of one {@link CloudflareClient}. Defaults follow the official SDKs (2 retries, backoff
 * min(0.5 s * 2^n, 8 s) minus up to 25% jitter) and Cloudflare's documented global limit of 1,200
 * requests per 300 s per credential.
 */
public record ClientOptions(
    String baseUrl,
    Duration requestTimeout,
    int maxRetries,
    Duration initialBackoff,
    Duration maxBackoff,
    int budgetRequests,
    Duration budgetWindow,
    double adminShare,
    int maxPages) {

  public static final String DEFAULT_BASE_URL = "https://api.cloudflare.com/client/v4";

  public static ClientOptions defaults(String baseUrl) {
    return new ClientOptions(baseUrl, Duration.ofSeconds(30), 2, Duration.ofMillis(500),
        Duration.ofSeconds(8), 1200, Duration.ofSeconds(300), 0.1, 10_000);
  }
}
