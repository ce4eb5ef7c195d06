package dev.magicexporter.app;

import dev.magicexporter.client.BudgetShare;
import dev.magicexporter.client.ClientOptions;
import dev.magicexporter.client.CloudflareClient;
import dev.magicexporter.client.Credential;
import dev.magicexporter.client.RequestBudget;
import dev.magicexporter.config.ExporterConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@link CloudflareClient} and one {@link RequestBudget} per credential, and the client to
 * use for each account. Accounts that share a credential share its budget, because Cloudflare's
 * limit is per user or token, not per account.
 */
public final class AccountClients {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AccountClients.class);
  private final Map<String, CloudflareClient> byAccount = new LinkedHashMap<>();
  private final Map<Credential, CloudflareClient> byCredential = new LinkedHashMap<>();

  /**
   * @param share this replica's part of each credential's limit (the same for every credential),
   *     logged once per credential
   */
  public AccountClients(Vertx vertx, ExporterConfig.Cloudflare cf, String baseUrl, BudgetShare share,
      MeterRegistry registry) {
    ClientOptions options = new ClientOptions(baseUrl, cf.requestTimeout(), cf.maxRetries(), cf.retryInitialBackoff(),
        cf.retryMaxBackoff(), share.planned(), cf.budgetWindow(), cf.adminBudgetShare(),
        ClientOptions.defaults(baseUrl).maxPages());
    for (ExporterConfig.Account a : cf.accounts()) {
      Credential c = a.apiToken() != null ? Credential.token(a.apiToken()) : Credential.legacy(a.apiKey(), a.email());
      CloudflareClient client = byCredential.computeIfAbsent(c, k -> {
        LOG.info(share.describe(k.id()));
        RequestBudget budget = RequestBudget.create(vertx, k, share).bindTo(registry);
        return new CloudflareClient(vertx, options, k, budget, registry);
      });
      byAccount.put(a.id(), client);
    }
  }

  public List<String> accountIds() {
    return List.copyOf(byAccount.keySet());
  }

  public CloudflareClient forAccount(String accountId) {
    CloudflareClient c = byAccount.get(accountId);
    if (c == null) {
      throw new IllegalArgumentException("account " + accountId + " is not configured");
    }
    return c;
  }

  public Map<String, CloudflareClient> byAccount() {
    return Map.copyOf(byAccount);
  }

  /** Every distinct client (one per credential). */
  public Collection<CloudflareClient> clients() {
    return List.copyOf(byCredential.values());
  }

  public Future<Void> close() {
    List<Future<Void>> all = new ArrayList<>();
    byCredential.values().forEach(c -> all.add(c.close()));
    return Future.all(all).mapEmpty();
  }
}
