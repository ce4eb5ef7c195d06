package dev.magicexporter.poll.source;

import dev.magicexporter.client.CloudflareClient;

/** One account to poll and the client (credential, budget) to poll it with. */
public record AccountTarget(String accountId, CloudflareClient client) {
  public AccountTarget {
    if (accountId == null || accountId.isBlank() || client == null) {
      throw new IllegalArgumentException("an account target needs an account id and a client");
    }
  }
}
