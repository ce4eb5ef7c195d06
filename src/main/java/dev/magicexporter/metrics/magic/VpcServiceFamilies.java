package dev.magicexporter.metrics.magic;

import dev.magicexporter.metrics.family.Conversion;
import dev.magicexporter.metrics.family.Family;
import dev.magicexporter.metrics.family.FamilyTable;
import dev.magicexporter.metrics.family.FamilyType;
import dev.magicexporter.metrics.family.Row;
import dev.magicexporter.model.ConnectivityService;
import dev.magicexporter.model.Rfc3339;
import java.util.ArrayList;
import java.util.List;

/**
 * Workers VPC connectivity services. The TLS verification mode is a state set so that
 * {@code cloudflare_vpc_service_tls_cert_verification_mode{mode="disabled"} == 1} can be alerted
 * on; a service without {@code tls_settings} uses the documented default, {@code verify_full}.
 */
public final class VpcServiceFamilies {
  private VpcServiceFamilies() {}

  public static final FamilyTable<ConnectivityService> TABLE = new FamilyTable<>(
      "Workers VPC services",
      "From `GET /accounts/{account_id}/connectivity/directory/services`, every page (`page`/`per_page`), "
          + "polled every `sources.services_interval`.",
      List.of("account_id", "service_id"),
      List.of(
          Family.info("cloudflare_vpc_service_info",
              "Descriptive fields of the service (type tcp/http, host kind ipv4/ipv6/dual/hostname, the Cloudflare "
                  + "Tunnel it goes through, app protocol); value 1.",
              "name, type, host, host.network.tunnel_id, app_protocol",
              List.of("name", "type", "host_kind", "tunnel_id", "app_protocol"),
              s -> new String[] {s.name(), s.type(), s.host() == null ? null : s.host().kind(),
                  s.host() == null ? null : s.host().tunnelId(), s.appProtocol()}),
          new Family<>("cloudflare_vpc_service_port", "Port the service is reached on, by protocol (http, https, tcp).",
              FamilyType.GAUGE, List.of("protocol"), "http_port, https_port, tcp_port", Conversion.NONE,
              (s, out) -> {
                out.sample("http", Values.of(s.httpPort()));
                out.sample("https", Values.of(s.httpsPort()));
                out.sample("tcp", Values.of(s.tcpPort()));
              }),
          Family.stateSet("cloudflare_vpc_service_tls_cert_verification_mode",
              "TLS certificate verification towards the origin, one-hot (verify_full, verify_ca, disabled).",
              "tls_settings.cert_verification_mode (default verify_full)", "mode",
              ConnectivityService.CERT_VERIFICATION_MODES, ConnectivityService::certVerificationMode),
          Family.gauge("cloudflare_vpc_service_created_timestamp_seconds", "When the service was created.",
              "created_at (RFC 3339)", Conversion.NONE, s -> Rfc3339.seconds(s.createdAt())),
          Family.gauge("cloudflare_vpc_service_updated_timestamp_seconds", "When the service was last updated.",
              "updated_at (RFC 3339)", Conversion.NONE, s -> Rfc3339.seconds(s.updatedAt()))));

  static List<Row<ConnectivityService>> rows(String accountId, List<ConnectivityService> services) {
    List<Row<ConnectivityService>> out = new ArrayList<>(services.size());
    for (ConnectivityService s : services) {
      out.add(TABLE.row(s, accountId, s.serviceId()));
    }
    return out;
  }
}
