package dev.magicexporter.app;

import dev.magicexporter.client.ClientMetrics;
import dev.magicexporter.client.ClientOptions;
import dev.magicexporter.client.CloudflareApi;
import dev.magicexporter.client.CloudflareClient;
import dev.magicexporter.client.Credential;
import dev.magicexporter.client.FieldErrors;
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
  private final Map<String, ClientStack> byAccount = new LinkedHashMap<>();
  private final Map<Credential, ClientStack> byCredential = new LinkedHashMap<>();
  private final Map<ClientStack, CloudflareClient> generic = new LinkedHashMap<>();

  public AccountClients(Vertx vertx, ExporterConfig.Cloudflare cf, String baseUrl, MeterRegistry registry) {
    ClientOptions options = new ClientOptions(baseUrl, cf.requestTimeout(), cf.maxRetries(), cf.retryInitialBackoff(),
        cf.retryMaxBackoff(), cf.budgetRequests(), cf.budgetWindow(), cf.adminBudgetShare(),
        ClientOptions.defaults(baseUrl).maxPages());
    ClientMetrics metrics = new ClientMetrics(registry);
    FieldErrors fieldErrors = new FieldErrors(registry);
    for (ExporterConfig.Account a : cf.accounts()) {
      Credential c = a.apiToken() != null ? Credential.token(a.apiToken()) : Credential.legacy(a.apiKey(), a.email());
      ClientStack stack = byCredential.computeIfAbsent(c, k -> {
        RequestBudget budget = RequestBudget.create(vertx, k, options).bindTo(registry);
        ClientStack s = ClientStack.compose(vertx, options, k, budget, metrics, fieldErrors);
        generic.put(s, new CloudflareClient(vertx, options, k, budget, s.http(), s.calls(), s.passThrough()));
        return s;
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

  public CloudflareClient forAccount(String accountId) {
    return generic.get(stack(accountId));
  }

  public Map<String, CloudflareClient> byAccount() {
    Map<String, CloudflareClient> out = new LinkedHashMap<>();
    byAccount.forEach((id, s) -> out.put(id, generic.get(s)));
    return out;
  }

  /** Every distinct stack (one per credential). */
  public Collection<ClientStack> stacks() {
    return List.copyOf(byCredential.values());
  }

  /** Every distinct client (one per credential). */
  public Collection<CloudflareClient> clients() {
    return List.copyOf(generic.values());
  }

  public Future<Void> close() {
    List<Future<Void>> all = new ArrayList<>();
    byCredential.values().forEach(s -> all.add(s.close()));
    return Future.all(all).mapEmpty();
  }
}
