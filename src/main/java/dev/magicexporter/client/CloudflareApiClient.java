package dev.magicexporter.client;

import dev.magicexporter.client.graphql.GraphQlCall;
import dev.magicexporter.model.AppConfig;
import dev.magicexporter.model.ConnectivityService;
import dev.magicexporter.model.Connector;
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
import java.util.function.Supplier;

/** {@link CloudflareApi} over {@link ApiCalls}: each method is one row of {@link Endpoints} (GraphQL: one row, two bodies). */
public final class CloudflareApiClient implements CloudflareApi {
  private static final String ACCOUNT = "account_id";
  private static final String CONNECTOR = "connector_id";
  private static final String SITE = "site_id";

  private final ApiCalls calls;
  private final FieldErrors fieldErrors;

  public CloudflareApiClient(ApiCalls calls, FieldErrors fieldErrors) {
    this.calls = calls;
    this.fieldErrors = fieldErrors;
  }

  @Override
  public CloudflareApi at(Priority priority) {
    return new CloudflareApiClient(calls.at(priority), fieldErrors);
  }

  @Override
  public Future<List<Connector>> connectors(String accountId) {
    return list(Endpoints.CONNECTORS, null, ACCOUNT, accountId);
  }

  @Override
  public Future<Optional<Snapshot>> latestSnapshot(String accountId, String connectorId) {
    return calls.send(Endpoints.LATEST_SNAPSHOT.request(ACCOUNT, accountId, CONNECTOR, connectorId),
        Endpoints.LATEST_SNAPSHOT_DECODER).map(r -> Optional.ofNullable(r.result()));
  }

  @Override
  public Future<Snapshot> snapshotAt(String accountId, String connectorId, double t) {
    ApiRequest req = Endpoints.SNAPSHOT_AT.request(ACCOUNT, accountId, CONNECTOR, connectorId,
        "snapshot_t", ApiRequest.decimal(t));
    return calls.send(req, Endpoints.SNAPSHOT_DECODER).compose(r -> r.result() != null
        ? Future.succeededFuture(r.result())
        : Future.failedFuture(new ApiException.Malformed(r.status(), "no result in the answer to " + req.template(),
            null)));
  }

  @Override
  public Future<Void> snapshotList(String accountId, String connectorId, double from, double to,
      PageHandler<SnapshotListItem> onPage) {
    ApiRequest req = Endpoints.SNAPSHOT_LIST.request(ACCOUNT, accountId, CONNECTOR, connectorId)
        .withQuery("from", ApiRequest.decimal(from))
        .withQuery("to", ApiRequest.decimal(to));
    return calls.cursorPages(req, Endpoints.SNAPSHOT_LIST_DECODER, onPage);
  }

  @Override
  public Future<Void> events(String accountId, String connectorId, double from, double to, int limit,
      PageHandler<Event> onPage) {
    ApiRequest req = Endpoints.EVENTS.request(ACCOUNT, accountId, CONNECTOR, connectorId)
        .withQuery("from", ApiRequest.decimal(from))
        .withQuery("to", ApiRequest.decimal(to));
    if (limit > 0) {
      req = req.withQuery("limit", Integer.toString(limit));
    }
    return calls.cursorPages(req, Endpoints.EVENTS_DECODER, onPage);
  }

  @Override
  public Future<List<GreTunnel>> greTunnels(String accountId) {
    return list(Endpoints.GRE_TUNNELS, null, ACCOUNT, accountId);
  }

  @Override
  public Future<List<IpsecTunnel>> ipsecTunnels(String accountId) {
    return list(Endpoints.IPSEC_TUNNELS, null, ACCOUNT, accountId);
  }

  @Override
  public Future<List<Interconnect>> interconnects(String accountId) {
    return list(Endpoints.INTERCONNECTS, null, ACCOUNT, accountId);
  }

  @Override
  public Future<List<Pcap>> pcaps(String accountId) {
    return list(Endpoints.PCAPS, null, ACCOUNT, accountId);
  }

  @Override
  public Future<List<PcapOwnership>> pcapOwnership(String accountId) {
    return list(Endpoints.PCAP_OWNERSHIP, null, ACCOUNT, accountId);
  }

  @Override
  public Future<List<ConnectivityService>> vpcServices(String accountId, int perPage) {
    if (perPage < 1 || perPage > 1000) {
      return Future.failedFuture(new IllegalArgumentException("services per page must be within 1..1000, not "
          + perPage));
    }
    return list(Endpoints.VPC_SERVICES, perPage, ACCOUNT, accountId);
  }

  @Override
  public Future<List<Site>> sites(String accountId) {
    return list(Endpoints.SITES, null, ACCOUNT, accountId);
  }

  @Override
  public Future<List<SiteLan>> siteLans(String accountId, String siteId) {
    return list(Endpoints.SITE_LANS, null, ACCOUNT, accountId, SITE, siteId);
  }

  @Override
  public Future<List<SiteWan>> siteWans(String accountId, String siteId) {
    return list(Endpoints.SITE_WANS, null, ACCOUNT, accountId, SITE, siteId);
  }

  @Override
  public Future<List<SiteAcl>> siteAcls(String accountId, String siteId) {
    return list(Endpoints.SITE_ACLS, null, ACCOUNT, accountId, SITE, siteId);
  }

  @Override
  public Future<List<AppConfig>> siteAppConfigs(String accountId, String siteId) {
    return list(Endpoints.SITE_APP_CONFIGS, null, ACCOUNT, accountId, SITE, siteId);
  }

  @Override
  public Future<List<MagicApp>> apps(String accountId) {
    return list(Endpoints.APPS, null, ACCOUNT, accountId);
  }

  @Override
  public Future<List<MagicRoute>> routes(String accountId) {
    return list(Endpoints.ROUTES, null, ACCOUNT, accountId);
  }

  @Override
  public Future<AnalyticsAnswer> analytics(String accountId, List<FeedQuery> queries) {
    return graphQl(() -> GraphQlCall.analyticsBody(accountId, queries), GraphQlCall.analyticsReader(queries));
  }

  @Override
  public Future<Map<String, DatasetLimits>> analyticsLimits(String accountId, List<String> datasets) {
    return graphQl(() -> GraphQlCall.limitsBody(accountId, datasets), GraphQlCall.limitsReader(datasets));
  }

  /** One GraphQL request: the body (a query it cannot build fails the future), then the reader. */
  private <T> Future<T> graphQl(Supplier<Map<String, Object>> body, ResponseReader<T> reader) {
    ApiRequest req;
    try {
      req = GraphQlCall.withBody(Endpoints.GRAPHQL.request(), body.get());
    } catch (RuntimeException bad) {
      return Future.failedFuture(bad);
    }
    return calls.call(req, reader);
  }

  private <T> Future<List<T>> list(ListEndpoint<T> e, Integer perPage, String... path) {
    ApiRequest req;
    try {
      req = e.endpoint().request(path);
    } catch (IllegalArgumentException bad) {
      return Future.failedFuture(bad);
    }
    return calls.allPages(req, e.decoder(fieldErrors.of(e.endpoint().source())), perPage);
  }
}
