package dev.magicexporter.poll;

import dev.magicexporter.client.ApiException;
import dev.magicexporter.client.ApiRequest;
import dev.magicexporter.client.CloudflareClient;
import dev.magicexporter.client.Priority;
import dev.magicexporter.client.ResultDecoder;
import dev.magicexporter.model.Connector;
import dev.magicexporter.store.ConnectorDirectory;
import dev.magicexporter.store.ConnectorRef;
import dev.magicexporter.store.ConnectorStore;
import dev.magicexporter.store.ConnectorStore.KnownConnector;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the connectors of every account ({@code GET /accounts/{account_id}/magic/connectors},
 * one page) and publishes them to the {@link ConnectorDirectory} (which the snapshot and events
 * pollers read, and whose removals drop a vanished connector's series) and the
 * {@link ConnectorStore} (the connector objects behind the {@code cloudflare_connector_info}
 * families). An account whose list fails keeps its previous connectors; the cycle fails only when
 * every account failed.
 */
public final class ConnectorDiscoveryPoller implements Poller {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectorDiscoveryPoller.class);
  static final String PATH = "/accounts/{account_id}/magic/connectors";

  private final Map<String, CloudflareClient> clients;
  private final ConnectorDirectory directory;
  private final ConnectorStore store;
  private final Duration interval;
  private final Predicate<ConnectorRef> filter;
  private final Map<String, Boolean> failing = new ConcurrentHashMap<>();

  /**
   * @param clients the client of each account to discover, by account id
   * @param interval time between discoveries (config {@code connectors.discovery_interval}, default 5 min)
   * @param filter which connectors this replica owns (sharding); {@code r -> true} for all
   */
  public ConnectorDiscoveryPoller(Map<String, CloudflareClient> clients, ConnectorDirectory directory,
      ConnectorStore store, Duration interval, Predicate<ConnectorRef> filter) {
    this.clients = new LinkedHashMap<>(clients);
    this.directory = directory;
    this.store = store;
    this.interval = interval;
    this.filter = filter;
  }

  @Override
  public String name() {
    return "connectors";
  }

  @Override
  public Duration interval() {
    return interval;
  }

  @Override
  public Future<PollOutcome> poll() {
    List<String> accounts = new ArrayList<>(clients.keySet());
    List<Future<List<Connector>>> lists = new ArrayList<>();
    for (String account : accounts) {
      lists.add(list(account));
    }
    return Future.join(lists).transform(ignored -> {
      Set<String> ok = new TreeSet<>();
      Set<ConnectorRef> refs = new TreeSet<>();
      List<KnownConnector> known = new ArrayList<>();
      Throwable firstError = null;
      for (int i = 0; i < accounts.size(); i++) {
        String account = accounts.get(i);
        Future<List<Connector>> f = lists.get(i);
        if (f.failed()) {
          firstError = firstError == null ? f.cause() : firstError;
          if (failing.put(account, Boolean.TRUE) == null) {
            LOG.warn("connector discovery of account {} failed, keeping its last known connectors: {}",
                account, f.cause().getMessage());
          }
          continue;
        }
        if (failing.remove(account) != null) {
          LOG.info("connector discovery of account {} recovered", account);
        }
        ok.add(account);
        for (Connector c : f.result()) {
          if (c == null || c.id() == null || c.id().isBlank()) {
            continue;
          }
          ConnectorRef ref = new ConnectorRef(account, c.id());
          if (filter.test(ref) && refs.add(ref)) {
            known.add(KnownConnector.of(ref, c));
          }
        }
      }
      if (ok.isEmpty() && firstError != null) {
        return Future.failedFuture(firstError);
      }
      // The store first: when the directory announces removals, the objects are gone already.
      store.replace(ok, known);
      directory.replace(ok, refs);
      return Future.succeededFuture(new PollOutcome(refs.size(), accounts.size() - ok.size()));
    });
  }

  private Future<List<Connector>> list(String account) {
    ApiRequest req = ApiRequest.get(PATH).withPath("account_id", account).withPriority(Priority.INVENTORY);
    try {
      return clients.get(account).send(req, ResultDecoder.listOf(Connector.class))
          .map(r -> r.result() == null ? List.<Connector>of() : r.result());
    } catch (RuntimeException e) {
      return Future.failedFuture(e instanceof ApiException ? e : new IllegalStateException(e.getMessage(), e));
    }
  }
}
