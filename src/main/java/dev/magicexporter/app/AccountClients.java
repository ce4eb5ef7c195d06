package dev.magicexporter.app;

import dev.magicexporter.client.BudgetShare;
import dev.magicexporter.client.ClientMetrics;
import dev.magicexporter.client.ClientOptions;
import dev.magicexporter.client.CloudflareApi;
import dev.magicexporter.client.Credential;
import dev.magicexporter.client.FieldErrors;
import dev.magicexporter.client.PassThrough;
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
 * One {@link ClientStack} (so one {@link RequestBudget} and one connection pool) per credential,
 * and the stack to use for each account. Accounts that share a credential share its budget,
 * because Cloudflare's limit is per user or token, not per account.
 */
public final class AccountClients {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AccountClients.class);
  private final Map<String, ClientStack> byAccount = new LinkedHashMap<>();
  private final Map<Credential, ClientStack> byCredential = new LinkedHashMap<>();

  /**
   * @param share this replica's part of each credential's limit (the same for every credential),
   *     logged once per credential
   */
  public AccountClients(Vertx vertx, ExporterConfig.Cloudflare cf, String baseUrl, BudgetShare share,
      MeterRegistry registry) {
    ClientOptions options = new ClientOptions(baseUrl, cf.requestTimeout(), cf.maxRetries(), cf.retryInitialBackoff(),
        cf.retryMaxBackoff(), share.planned(), cf.budgetWindow(), cf.adminBudgetShare(),
        ClientOptions.defaults(baseUrl).maxPages());
    ClientMetrics metrics = new ClientMetrics(registry);
    FieldErrors fieldErrors = new FieldErrors(registry);
    for (ExporterConfig.Account a : cf.accounts()) {
      Credential c = a.apiToken() != null ? Credential.token(a.apiToken()) : Credential.legacy(a.apiKey(), a.email());
      ClientStack stack = byCredential.computeIfAbsent(c, k -> {
        LOG.info(share.describe(k.id()));
        RequestBudget budget = RequestBudget.create(vertx, k, share).bindTo(registry);
        return ClientStack.compose(vertx, options, k, budget, metrics, fieldErrors);
      });
      byAccount.put(a.id(), stack);
    }
  }

  public List<String> accountIds() {
    return List.copyOf(byAccount.keySet());
  }

  /** The stack of an account's credential. */
  public ClientStack stack(String accountId) {
    ClientStack s = byAccount.get(accountId);
    if (s == null) {
      throw new IllegalArgumentException("account " + accountId + " is not configured");
    }
    return s;
  }

  /** The typed API of an account's credential. */
  public CloudflareApi api(String accountId) {
    return stack(accountId).api();
  }

  /** The typed API of every account. */
  public Map<String, CloudflareApi> apis() {
    Map<String, CloudflareApi> out = new LinkedHashMap<>();
    byAccount.forEach((id, s) -> out.put(id, s.api()));
    return out;
  }

  /** The admin API's way to Cloudflare for every account. */
  public Map<String, PassThrough> passThroughs() {
    Map<String, PassThrough> out = new LinkedHashMap<>();
    byAccount.forEach((id, s) -> out.put(id, s.passThrough()));
    return out;
  }

  /** Every distinct stack (one per credential). */
  public Collection<ClientStack> stacks() {
    return List.copyOf(byCredential.values());
  }

  /** How many configured accounts use {@code stack}'s credential. */
  public long accountsOf(ClientStack stack) {
    return byAccount.values().stream().filter(s -> s == stack).count();
  }

  public Future<Void> close() {
    List<Future<Void>> all = new ArrayList<>();
    byCredential.values().forEach(s -> all.add(s.close()));
    return Future.all(all).mapEmpty();
  }
}
