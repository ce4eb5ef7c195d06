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
import java.util.function.Function;

/**
 * The Cloudflare API as the pollers see it: one method per endpoint, answering with model
 * records, for one credential (so one request budget); account and object ids are parameters.
 * Nothing here names a path, a header or a decoder: those are rows of {@link Endpoints}.
 *
 * <p>Every future completes on the caller's context. A failure is an {@link ApiException} whose
 * kind says what went wrong (after retries); a list whose answer has no {@code result} fails
 * {@link ApiException.Malformed} rather than reading as empty, so a broken answer never empties a
 * store. Lists return every page ({@code result_info} is followed wherever a list returns it).
 * One odd value in one object of a list never fails the list: the value is left out of that
 * object and counted ({@link FieldErrors}). A page handler's own failure ends the paging and is
 * passed through unchanged.
 */
public interface CloudflareApi {

  /** Where paging of a telemetry list resumes, page by page; see {@link ApiCalls#cursorPages}. */
  @FunctionalInterface
  interface PageHandler<T> extends Function<CursorPage<T>, Future<Void>> {}

  /**
   * This API with every request at {@code priority} in the credential's request budget instead of
   * its endpoint's: a connector's first pass asks at {@link Priority#FIRST_PASS}, behind the
   * steady cycle and the other sources. An API without a budget (a test fake) is itself.
   */
  default CloudflareApi at(Priority priority) {
    return this;
  }

  // Connectors and their telemetry.

  Future<List<Connector>> connectors(String accountId);

  /** The connector's newest snapshot, or empty when it has none yet. */
  Future<Optional<Snapshot>> latestSnapshot(String accountId, String connectorId);

  /** The full snapshot recorded at {@code t} (seconds since the epoch). */
  Future<Snapshot> snapshotAt(String accountId, String connectorId, double t);

  /** The snapshot list between {@code from} and {@code to} (seconds), page by page. */
  Future<Void> snapshotList(String accountId, String connectorId, double from, double to,
      PageHandler<SnapshotListItem> onPage);

  /**
   * The events between {@code from} and {@code to} (seconds), page by page; the next page is
   * asked for only when {@code onPage}'s future has completed.
   *
   * @param limit items per page, or 0 for the server's default
   */
  Future<Void> events(String accountId, String connectorId, double from, double to, int limit,
      PageHandler<Event> onPage);

  // Tunnels and interconnects.

  Future<List<GreTunnel>> greTunnels(String accountId);

  Future<List<IpsecTunnel>> ipsecTunnels(String accountId);

  Future<List<Interconnect>> interconnects(String accountId);

  // Packet captures.

  Future<List<Pcap>> pcaps(String accountId);

  Future<List<PcapOwnership>> pcapOwnership(String accountId);

  // Workers VPC services.

  /** @param perPage services per page, 1..1000 */
  Future<List<ConnectivityService>> vpcServices(String accountId, int perPage);

  // Inventory.

  Future<List<Site>> sites(String accountId);

  Future<List<SiteLan>> siteLans(String accountId, String siteId);

  Future<List<SiteWan>> siteWans(String accountId, String siteId);

  Future<List<SiteAcl>> siteAcls(String accountId, String siteId);

  Future<List<AppConfig>> siteAppConfigs(String accountId, String siteId);

  Future<List<MagicApp>> apps(String accountId);

  Future<List<MagicRoute>> routes(String accountId);

  // GraphQL Analytics (POST /graphql, the same credential and request budget).

  /**
   * One request carrying every query of one account (each is one dataset node, one query of the
   * GraphQL quota). The future fails only when the whole request does (HTTP error, network,
   * malformed body); a GraphQL error of one dataset comes back inside the answer, for that feed.
   */
  Future<AnalyticsAnswer> analytics(String accountId, List<FeedQuery> queries);

  /** The node limits of {@code datasets} for one account (the {@code settings} node), by dataset. */
  Future<Map<String, DatasetLimits>> analyticsLimits(String accountId, List<String> datasets);
}
