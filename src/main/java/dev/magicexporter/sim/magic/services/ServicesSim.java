package dev.magicexporter.sim.magic.services;

import static dev.magicexporter.sim.magic.JsonMaps.obj;

import dev.magicexporter.sim.magic.MagicSimSizes;
import dev.magicexporter.sim.magic.SimHash;
import dev.magicexporter.sim.magic.SimObject;
import dev.magicexporter.sim.magic.SimResourceStore;
import dev.magicexporter.sim.magic.SimTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Simulated Workers VPC services: HTTP and TCP services over the four host shapes (IPv4, IPv6,
 * dual stack, hostname with resolver), with every TLS verification mode including
 * {@code disabled} and services without {@code tls_settings} (the default mode).
 */
public final class ServicesSim {
  private static final String[] MODES = {null, "verify_full", "verify_ca", "disabled"};

  private ServicesSim() {}

  public static SimResourceStore store(long seed, MagicSimSizes sizes) {
    return new SimResourceStore(new SimResourceStore.Generator() {
      @Override
      public List<SimObject> permanent(String account) {
        List<SimObject> out = new ArrayList<>();
        for (int i = 0; i < sizes.services(); i++) {
          out.add(service(seed, account, i));
        }
        return out;
      }

      @Override
      public List<SimObject> aliveAt(String account, double now) {
        return List.of();
      }
    });
  }

  static SimObject service(long seed, String account, int i) {
    String id = SimHash.uuid(seed, account, "service", i);
    String tunnel = SimHash.uuid(seed, account, "cf-tunnel", i % 3);
    Map<String, Object> host = switch (i % 4) {
      case 0 -> obj("ipv4", "10.0." + (i / 250) + "." + (1 + i % 250), "network", obj("tunnel_id", tunnel));
      case 1 -> obj("ipv6", "fd00::" + Integer.toHexString(i + 1), "network", obj("tunnel_id", tunnel));
      case 2 -> obj("ipv4", "10.1." + (i / 250) + "." + (1 + i % 250), "ipv6", "fd01::" + Integer.toHexString(i + 1),
          "network", obj("tunnel_id", tunnel));
      default -> obj("hostname", "svc" + i + ".internal.example", "resolver_network",
          obj("tunnel_id", tunnel, "resolver_ips", List.of("10.0.0.53")));
    };
    double created = SimTime.createdAt(seed, id);
    String mode = MODES[SimHash.below(MODES.length, seed, id, "tls")];
    Map<String, Object> tls = mode == null ? null : obj("cert_verification_mode", mode);
    boolean http = i % 3 != 2;
    if (http) {
      return SimObject.permanent(id, null, obj(
          "host", host,
          "name", "web-app-" + i,
          "type", "http",
          "created_at", SimTime.rfc3339(created),
          "http_port", 8080,
          "https_port", i % 2 == 0 ? 8443 : null,
          "service_id", id,
          "tls_settings", tls,
          "updated_at", SimTime.rfc3339(created + 3600)));
    }
    return SimObject.permanent(id, null, obj(
        "host", host,
        "name", "db-" + i,
        "type", "tcp",
        "app_protocol", i % 2 == 0 ? "postgresql" : "mysql",
        "created_at", SimTime.rfc3339(created),
        "service_id", id,
        "tcp_port", i % 2 == 0 ? 5432 : 3306,
        "tls_settings", tls,
        "updated_at", SimTime.rfc3339(created + 7200)));
  }
}
