package dev.magicexporter.client;

import static dev.magicexporter.client.Priority.INVENTORY;
import static dev.magicexporter.client.Priority.TELEMETRY;
import static dev.magicexporter.client.Priority.TUNNELS;

import dev.magicexporter.client.graphql.GraphQlCall;
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

/**
 * Every Cloudflare endpoint the exporter reads, with its path, budget priority, headers and
 * decoder, in one table. {@link CloudflareApiClient} turns each row into one method of
 * {@link CloudflareApi}; nothing outside this package knows a path or a decoder.
 */
public final class Endpoints {
  /** Makes {@code health_check.target} the object {@code {effective, saved}}, as Terraform does. */
  static final String NEW_HC_TARGET = "x-magic-new-hc-target";

  private static final String ACCOUNT = "/accounts/{account_id}";
  private static final String MAGIC = ACCOUNT + "/magic";
  private static final String CONNECTOR = MAGIC + "/connectors/{connector_id}/telemetry";
  private static final String SITE = MAGIC + "/sites/{site_id}";

  private Endpoints() {}

  // Connectors and their telemetry.
  static final ListEndpoint<Connector> CONNECTORS = list("connectors", MAGIC + "/connectors", INVENTORY, null,
      Connector.class);
  static final Endpoint LATEST_SNAPSHOT = Endpoint.get("snapshots", CONNECTOR + "/snapshots/latest", TELEMETRY);
  static final Endpoint SNAPSHOT_AT = Endpoint.get("snapshots", CONNECTOR + "/snapshots/{snapshot_t}", TELEMETRY);
  static final Endpoint SNAPSHOT_LIST = Endpoint.get("snapshots", CONNECTOR + "/snapshots", TELEMETRY);
  static final Endpoint EVENTS = Endpoint.get("events", CONNECTOR + "/events", TELEMETRY);

  /** {@code snapshots/latest}: the newest of its items, or null when there is none yet. */
  static final ResultDecoder<Snapshot> LATEST_SNAPSHOT_DECODER = SnapshotDecoder.LATEST;
  static final ResultDecoder<Snapshot> SNAPSHOT_DECODER = SnapshotDecoder.SNAPSHOT;
  /** An item without a readable {@code t} is skipped by the consumer. */
  static final ResultDecoder<CursorPage<SnapshotListItem>> SNAPSHOT_LIST_DECODER =
      ResultDecoder.cursorPage(LenientItems.itemOr(SnapshotListItem.class, new SnapshotListItem(null, null)));
  /** An item without a readable {@code t} or {@code n} is counted as invalid by the consumer. */
  static final ResultDecoder<CursorPage<Event>> EVENTS_DECODER =
      ResultDecoder.cursorPage(LenientItems.itemOr(Event.class, new Event(null, null, null, null)));

  // Tunnels and interconnects: lists inside an object result, health-check targets in object form.
  static final ListEndpoint<GreTunnel> GRE_TUNNELS = list("gre_tunnels", MAGIC + "/gre_tunnels", TUNNELS,
      "gre_tunnels", GreTunnel.class).withHeader(NEW_HC_TARGET, "true");
  static final ListEndpoint<IpsecTunnel> IPSEC_TUNNELS = list("ipsec_tunnels", MAGIC + "/ipsec_tunnels", TUNNELS,
      "ipsec_tunnels", IpsecTunnel.class).withHeader(NEW_HC_TARGET, "true");
  static final ListEndpoint<Interconnect> INTERCONNECTS = list("cf_interconnects", MAGIC + "/cf_interconnects",
      TUNNELS, "interconnects", Interconnect.class).withHeader(NEW_HC_TARGET, "true");

  // Packet captures.
  static final ListEndpoint<Pcap> PCAPS = list("pcaps", ACCOUNT + "/pcaps", TUNNELS, null, Pcap.class);
  static final ListEndpoint<PcapOwnership> PCAP_OWNERSHIP = list("pcap_ownership", ACCOUNT + "/pcaps/ownership",
      TUNNELS, null, PcapOwnership.class);

  // Workers VPC services (paged by page/per_page).
  static final ListEndpoint<ConnectivityService> VPC_SERVICES = list("vpc_services",
      ACCOUNT + "/connectivity/directory/services", INVENTORY, null, ConnectivityService.class);

  // Inventory: sites and their children (counted under the sites source), apps, routes.
  static final ListEndpoint<Site> SITES = list("sites", MAGIC + "/sites", INVENTORY, null, Site.class);
  static final ListEndpoint<SiteLan> SITE_LANS = list("sites", SITE + "/lans", INVENTORY, null, SiteLan.class);
  static final ListEndpoint<SiteWan> SITE_WANS = list("sites", SITE + "/wans", INVENTORY, null, SiteWan.class);
  static final ListEndpoint<SiteAcl> SITE_ACLS = list("sites", SITE + "/acls", INVENTORY, null, SiteAcl.class);
  static final ListEndpoint<AppConfig> SITE_APP_CONFIGS = list("sites", SITE + "/app_configs", INVENTORY, null,
      AppConfig.class);
  static final ListEndpoint<MagicApp> APPS = list("apps", MAGIC + "/apps", INVENTORY, null, MagicApp.class);
  static final ListEndpoint<MagicRoute> ROUTES = list("routes", MAGIC + "/routes", INVENTORY, "routes",
      MagicRoute.class);

  // GraphQL Analytics: one endpoint, the body says what is asked (GraphQlCall reads the answers).
  static final Endpoint GRAPHQL = Endpoint.post("analytics", GraphQlCall.PATH, TUNNELS);

  private static <T> ListEndpoint<T> list(String source, String template, Priority priority, String field,
      Class<T> type) {
    return new ListEndpoint<>(Endpoint.get(source, template, priority), field, type);
  }
}
