package dev.magicexporter.client;

import dev.magicexporter.model.AppConfig;
import dev.magicexporter.model.ConnectivityService;
import dev.magicexporter.model.Connector;
import dev.magicexporter.model.CursorPage;
import dev.magicexporter.model.Event;
import dev.magicexporter.model.GreTunnel;
import dev.magicexporter.model.Interconnect;
import dev.magicexporter.model.IpsecTunnel;
import dev.magicexporter.model.MagicApp;
import dev.magicexporter.model.MagicRoute;
import dev.magicexporter.model.Pcap;
import dev.magicexporter.model.PcapOwnership;
import dev.magicexporter.model.Site;
import dev.magicexporter.model.SiteAcl;
import dev.magicexporter.model.SiteLan;
import dev.magicexporter.model.SiteWan;
import dev.magicexporter.model.Snapshot;
import dev.magicexporter.model.SnapshotListItem;
import dev.magicexporter.model.analytics.AnalyticsAnswer;
import dev.magicexporter.model.analytics.DatasetLimits;
import dev.magicexporter.model.analytics.FeedQuery;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * An in-memory {@link CloudflareApi} for poller tests: every answer is set per call and key
 * ({@code "gre_tunnels acc1"}, {@code "latest acc1/c1"}) as a value or a failure, and every call is
 * recorded. A call without an answer fails with {@link ApiException.NotFound}. Futures complete
 * at once, on the calling thread, unless the answer is a pending future the test completes.
 * Open for tests whose answers depend on the arguments (the analytics poller's scripted feeds).
 */
public class FakeCloudflareApi implements CloudflareApi {
  private final Map<String, Supplier<Future<?>>> answers = new ConcurrentHashMap<>();
  /** Calls in order, as {@code "method key"}. */
  public final List<String> calls = new CopyOnWriteArrayList<>();

  /** Answers {@code method} for {@code key} with {@code value} from now on. */
  public <T> FakeCloudflareApi answer(String method, String key, T value) {
    answers.put(method + " " + key, () -> Future.succeededFuture(value));
    return this;
  }

  /** Answers {@code method} for {@code key} with a failure from now on. */
  public FakeCloudflareApi fail(String method, String key, Throwable failure) {
    answers.put(method + " " + key, () -> Future.failedFuture(failure));
    return this;
  }

  /** Answers {@code method} for {@code key} with whatever {@code next} gives, call by call. */
  public FakeCloudflareApi answerWith(String method, String key, Supplier<Future<?>> next) {
    answers.put(method + " " + key, next);
    return this;
  }

  /** The calls of {@code method}. */
  public List<String> calls(String method) {
    return calls.stream().filter(c -> c.startsWith(method + " ")).toList();
  }

  @SuppressWarnings("unchecked")
  private <T> Future<T> answer(String method, String key) {
    calls.add(method + " " + key);
    Supplier<Future<?>> a = answers.get(method + " " + key);
    return a == null
        ? Future.failedFuture(new ApiException.NotFound(List.of()))
        : (Future<T>) a.get();
  }

  private static <T> Future<Void> pages(Future<List<T>> items, PageHandler<T> onPage) {
    return items.compose(all -> onPage.apply(new CursorPage<>(all, null, all.size())));
  }

  @Override
  public Future<List<Connector>> connectors(String accountId) {
    return answer("connectors", accountId);
  }

  @Override
  public Future<Optional<Snapshot>> latestSnapshot(String accountId, String connectorId) {
    return answer("latest", accountId + "/" + connectorId);
  }

  @Override
  public Future<Snapshot> snapshotAt(String accountId, String connectorId, double t) {
    return answer("snapshot_at", accountId + "/" + connectorId + "@" + ApiRequest.decimal(t));
  }

  /** Answers with one page of the items set for {@code "snapshot_list account/connector"}. */
  @Override
  public Future<Void> snapshotList(String accountId, String connectorId, double from, double to,
      PageHandler<SnapshotListItem> onPage) {
    return pages(answer("snapshot_list", accountId + "/" + connectorId), onPage);
  }

  /** Answers with one page of the items set for {@code "events account/connector"}. */
  @Override
  public Future<Void> events(String accountId, String connectorId, double from, double to, int limit,
      PageHandler<Event> onPage) {
    return pages(answer("events", accountId + "/" + connectorId), onPage);
  }

  @Override
  public Future<List<GreTunnel>> greTunnels(String accountId) {
    return answer("gre_tunnels", accountId);
  }

  @Override
  public Future<List<IpsecTunnel>> ipsecTunnels(String accountId) {
    return answer("ipsec_tunnels", accountId);
  }

  @Override
  public Future<List<Interconnect>> interconnects(String accountId) {
    return answer("interconnects", accountId);
  }

  @Override
  public Future<List<Pcap>> pcaps(String accountId) {
    return answer("pcaps", accountId);
  }

  @Override
  public Future<List<PcapOwnership>> pcapOwnership(String accountId) {
    return answer("pcap_ownership", accountId);
  }

  @Override
  public Future<List<ConnectivityService>> vpcServices(String accountId, int perPage) {
    return answer("vpc_services", accountId);
  }

  @Override
  public Future<List<Site>> sites(String accountId) {
    return answer("sites", accountId);
  }

  @Override
  public Future<List<SiteLan>> siteLans(String accountId, String siteId) {
    return answer("lans", accountId + "/" + siteId);
  }

  @Override
  public Future<List<SiteWan>> siteWans(String accountId, String siteId) {
    return answer("wans", accountId + "/" + siteId);
  }

  @Override
  public Future<List<SiteAcl>> siteAcls(String accountId, String siteId) {
    return answer("acls", accountId + "/" + siteId);
  }

  @Override
  public Future<List<AppConfig>> siteAppConfigs(String accountId, String siteId) {
    return answer("app_configs", accountId + "/" + siteId);
  }

  @Override
  public Future<List<MagicApp>> apps(String accountId) {
    return answer("apps", accountId);
  }

  @Override
  public Future<List<MagicRoute>> routes(String accountId) {
    return answer("routes", accountId);
  }

  @Override
  public Future<AnalyticsAnswer> analytics(String accountId, List<FeedQuery> queries) {
    return answer("analytics", accountId);
  }

  @Override
  public Future<Map<String, DatasetLimits>> analyticsLimits(String accountId, List<String> datasets) {
    return answer("analytics_limits", accountId);
  }
}
