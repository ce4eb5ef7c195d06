package dev.magicexporter.model;

import java.util.List;

/**
 * A Workers VPC connectivity service ({@code /connectivity/directory/services}), HTTP or TCP.
 * HTTP services carry {@code http_port}/{@code https_port}, TCP ones {@code tcp_port} and an
 * optional {@code app_protocol}.
 */
public record ConnectivityService(
    String serviceId,
    String name,
    String type,
    Host host,
    Integer httpPort,
    Integer httpsPort,
    Integer tcpPort,
    String appProtocol,
    TlsSettings tlsSettings,
    String createdAt,
    String updatedAt) {

  /** Documented default when {@code tls_settings} is omitted. */
  public static final String DEFAULT_CERT_VERIFICATION_MODE = "verify_full";
  /** Every verification mode the API documents. */
  public static final List<String> CERT_VERIFICATION_MODES = List.of("verify_full", "verify_ca", "disabled");

  /** One of the four host shapes: IPv4, IPv6, dual stack, or a hostname with its resolver. */
  public record Host(String ipv4, String ipv6, String hostname, Network network, ResolverNetwork resolverNetwork) {
    /** {@code ipv4}, {@code ipv6}, {@code dual}, {@code hostname}, or null for an empty host. */
    public String kind() {
      if (hostname != null) {
        return "hostname";
      }
      if (ipv4 != null && ipv6 != null) {
        return "dual";
      }
      if (ipv4 != null) {
        return "ipv4";
      }
      return ipv6 != null ? "ipv6" : null;
    }

    /** The tunnel the service is reached through, from whichever network object is present. */
    public String tunnelId() {
      if (network != null && network.tunnelId() != null) {
        return network.tunnelId();
      }
      return resolverNetwork == null ? null : resolverNetwork.tunnelId();
    }
  }

  public record Network(String tunnelId) {}

  public record ResolverNetwork(String tunnelId, List<String> resolverIps) {}

  public record TlsSettings(String certVerificationMode) {}

  /** The mode in force: the configured one, else the documented default. */
  public String certVerificationMode() {
    if (tlsSettings == null || tlsSettings.certVerificationMode() == null) {
      return DEFAULT_CERT_VERIFICATION_MODE;
    }
    return tlsSettings.certVerificationMode();
  }
}
