package dev.magicexporter.client;

import java.time.Duration;

/**
 * Tuning of one credential's client ({@code app.ClientStack}) and of its credential's {@link RequestBudget}. Defaults
 * follow the official SDKs (2 retries, backoff min(0.5 s * 2^n, 8 s) minus up to 25% jitter) and
 * Cloudflare's documented global limit of 1,200 requests per 300 s per credential, with 10% of it
 * reserved for the admin API.
 *
 * @param baseUrl API root, e.g. {@value #DEFAULT_BASE_URL} (no trailing slash)
 * @param requestTimeout connect timeout, and longest silence while waiting for an answer
 * @param maxRetries attempts after the first one
 * @param initialBackoff backoff before the first retry
 * @param maxBackoff longest backoff
 * @param budgetRequests requests per budget window per credential
 * @param budgetWindow the budget window
 * @param adminShare share of the budget reserved for admin API requests, in [0, 1)
 * @param maxPages pages after which a list that keeps going is treated as broken
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

  public ClientOptions {
    if (baseUrl == null || !(baseUrl.startsWith("http://") || baseUrl.startsWith("https://"))) {
      throw new IllegalArgumentException("base URL must be an http(s) URL, got " + baseUrl);
    }
    while (baseUrl.endsWith("/")) {
      baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
    }
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("request timeout must be positive, got " + requestTimeout);
    }
    if (maxRetries < 0) {
      throw new IllegalArgumentException("max retries must not be negative, got " + maxRetries);
    }
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("backoff must satisfy 0 <= initial <= max, got "
          + initialBackoff + " and " + maxBackoff);
    }
    if (budgetRequests < 1 || budgetWindow.isNegative() || budgetWindow.isZero()) {
      throw new IllegalArgumentException("budget must be at least 1 request per positive window, got "
          + budgetRequests + " per " + budgetWindow);
    }
    if (!(adminShare >= 0 && adminShare < 1)) {
      throw new IllegalArgumentException("admin share must be in [0, 1), got " + adminShare);
    }
    if (maxPages < 1) {
      throw new IllegalArgumentException("max pages must be at least 1, got " + maxPages);
    }
  }

  public static ClientOptions defaults(String baseUrl) {
    return new ClientOptions(baseUrl, Duration.ofSeconds(30), 2, Duration.ofMillis(500),
        Duration.ofSeconds(8), 1200, Duration.ofSeconds(300), 0.1, 1_000);
  }

  public ClientOptions withRequestTimeout(Duration d) {
    return new ClientOptions(baseUrl, d, maxRetries, initialBackoff, maxBackoff, budgetRequests, budgetWindow,
        adminShare, maxPages);
  }

  public ClientOptions withRetries(int retries, Duration initial, Duration max) {
    return new ClientOptions(baseUrl, requestTimeout, retries, initial, max, budgetRequests, budgetWindow,
        adminShare, maxPages);
  }

  public ClientOptions withBudget(int requests, Duration window, double share) {
    return new ClientOptions(baseUrl, requestTimeout, maxRetries, initialBackoff, maxBackoff, requests, window,
        share, maxPages);
  }

  public ClientOptions withMaxPages(int pages) {
    return new ClientOptions(baseUrl, requestTimeout, maxRetries, initialBackoff, maxBackoff, budgetRequests,
        budgetWindow, adminShare, pages);
  }
}
