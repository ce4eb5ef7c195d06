package dev.magicexporter.poll.source;

import dev.magicexporter.client.CloudflareApi;

/** One account to poll and the API (credential, budget) to poll it with. */
public record AccountTarget(String accountId, CloudflareApi api) {
  public AccountTarget {
    if (accountId == null || accountId.isBlank() || api == null) {
      throw new IllegalArgumentException("an account target needs an account id and an API");
    }
  }
}
