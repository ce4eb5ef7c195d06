package dev.magicexporter.poll;

import dev.magicexporter.client.CloudflareApi;
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
 * Lists the connectors of every account ({@link CloudflareApi#connectors}, every page) and
 * publishes them to the {@link ConnectorDirectory} (which the snapshot and events
 * pollers read, and whose removals drop a vanished connector's series) and the
 * {@link ConnectorStore} (the connector objects behind the {@code cloudflare_connector_info}
 * families). An account whose list fails keeps its previous connectors and their series, whatever
 * the failure: an answer without {@code result} is malformed like any other broken answer, never
 * "no connectors" (the rule of every source). The failure is logged when the account starts
 * failing and counted in the client's error metrics; the cycle fails only when every account
 * failed.
 */
public final class ConnectorDiscoveryPoller implements Poller {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectorDiscoveryPoller.class);
  private final Map<String, CloudflareApi> apis;
  private final ConnectorDirectory directory;
  private final ConnectorStore store;
  private final Duration interval;
  private final Predicate<ConnectorRef> filter;
  private final Map<String, Boolean> failing = new ConcurrentHashMap<>();

  /**
   * @param apis the API of each account to discover, by account id
   * @param interval time between discoveries (config {@code connectors.discovery_interval}, default 5 min)
   * @param filter which connectors this replica owns (sharding); {@code r -> true} for all
   */
  public ConnectorDiscoveryPoller(Map<String, CloudflareApi> apis, ConnectorDirectory directory,
      ConnectorStore store, Duration interval, Predicate<ConnectorRef> filter) {
    this.apis = new LinkedHashMap<>(apis);
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
    List<String> accounts = new ArrayList<>(apis.keySet());
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
    try {
      return apis.get(account).connectors(account);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
