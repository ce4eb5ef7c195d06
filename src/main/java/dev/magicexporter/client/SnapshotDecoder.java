package dev.magicexporter.client;

import static dev.magicexporter.client.JsonTokens.bool;
import static dev.magicexporter.client.JsonTokens.expect;
import static dev.magicexporter.client.JsonTokens.nextElement;
import static dev.magicexporter.client.JsonTokens.number;
import static dev.magicexporter.client.JsonTokens.startArray;
import static dev.magicexporter.client.JsonTokens.string;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.magicexporter.model.DiskNumber;
import dev.magicexporter.model.NetdevNumber;
import dev.magicexporter.model.Snapshot;
import dev.magicexporter.model.SnapshotNumber;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Decodes connector snapshots straight from the token stream into the compact {@link Snapshot}
 * (no tree model, no reflection). Unknown fields are skipped; absent and {@code null} fields stay
 * absent; a value of the wrong shape fails the whole snapshot with a message naming the field
 * (the client reports it as {@link ApiException.Malformed}), so the caller keeps its last good
 * snapshot rather than storing a half-read one. Array elements without their natural key (disk
 * name, mount point, ...) cannot be labelled and are dropped; a repeated key keeps the first
 * element, since two series with the same labels would be invalid exposition.
 */
public final class SnapshotDecoder {
  /** {@code snapshots/{t}}: one full snapshot. */
  public static final ResultDecoder<Snapshot> SNAPSHOT = SnapshotDecoder::snapshot;

  /**
   * {@code snapshots/latest}: {@code {count, items}}; the item with the greatest {@code t}, or
   * null when the connector has no snapshot yet.
   */
  public static final ResultDecoder<Snapshot> LATEST = SnapshotDecoder::latest;

  private static final int DISK_FIELDS = DiskNumber.values().length;
  private static final int NETDEV_FIELDS = NetdevNumber.values().length;

  private SnapshotDecoder() {}

  static Snapshot latest(JsonParser p) throws IOException {
    expect(p, JsonToken.START_OBJECT, "result");
    Snapshot newest = null;
    boolean sawItems = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String f = p.currentName();
      JsonToken v = p.nextToken();
      if (f.equals("items")) {
        sawItems = true;
        if (v == JsonToken.VALUE_NULL) {
          continue;
        }
        expect(p, JsonToken.START_ARRAY, "items");
        while (p.nextToken() != JsonToken.END_ARRAY) {
          Snapshot s = snapshot(p);
          if (newest == null || s.t() > newest.t()) {
            newest = s;
          }
        }
      } else {
        p.skipChildren();
      }
    }
    if (!sawItems) {
      throw new IOException("latest snapshots without 'items'");
    }
    return newest;
  }

  static Snapshot snapshot(JsonParser p) throws IOException {
    expect(p, JsonToken.START_OBJECT, "snapshot");
    Snapshot.Builder b = Snapshot.builder();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      SnapshotNumber n = SnapshotNumber.byJson(name);
      if (n != null) {
        b.set(n, number(p, name));
        continue;
      }
      switch (name) {
        case "v" -> b.version(string(p, name));
        case "platform" -> b.platform(string(p, name));
        case "ha_state" -> b.haState(string(p, name));
        case "bonds" -> b.bonds(bonds(p));
        case "dhcp_leases" -> b.dhcpLeases(leases(p));
        case "disks" -> b.disks(disks(p));
        case "interfaces" -> b.interfaces(interfaces(p));
        case "mounts" -> b.mounts(mounts(p));
        case "netdevs" -> b.netdevs(netdevs(p));
        case "thermals" -> b.thermals(thermals(p));
        case "tunnels" -> b.tunnels(tunnels(p));
        default -> p.skipChildren();
      }
    }
    Snapshot s = b.build();
    if (Double.isNaN(s.t())) {
      throw new IOException("snapshot without 't'");
    }
    return s;
  }

  private static List<Snapshot.Bond> bonds(JsonParser p) throws IOException {
    List<Snapshot.Bond> out = new ArrayList<>();
    FirstKeys keys = new FirstKeys();
    for (boolean more = startArray(p, "bonds"); more; more = nextElement(p, "bonds")) {
      String name = null;
      String status = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String f = p.currentName();
        p.nextToken();
        switch (f) {
          case "name" -> name = string(p, "bonds[].name");
          case "status" -> status = string(p, "bonds[].status");
          default -> p.skipChildren();
        }
      }
      if (keys.first(name)) {
        out.add(new Snapshot.Bond(name, status));
      }
    }
    return out;
  }

  private static List<Snapshot.DhcpLease> leases(JsonParser p) throws IOException {
    List<Snapshot.DhcpLease> out = new ArrayList<>();
    FirstKeys keys = new FirstKeys();
    for (boolean more = startArray(p, "dhcp_leases"); more; more = nextElement(p, "dhcp_leases")) {
      String clientId = null, hostname = null, iface = null, ip = null, mac = null;
      double expiry = Double.NaN;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String f = p.currentName();
        p.nextToken();
        switch (f) {
          case "client_id" -> clientId = string(p, "dhcp_leases[].client_id");
          case "expiry_time" -> expiry = number(p, "dhcp_leases[].expiry_time");
          case "hostname" -> hostname = string(p, "dhcp_leases[].hostname");
          case "interface_name" -> iface = string(p, "dhcp_leases[].interface_name");
          case "ip_address" -> ip = string(p, "dhcp_leases[].ip_address");
          case "mac_address" -> mac = string(p, "dhcp_leases[].mac_address");
          default -> p.skipChildren();
        }
      }
      // A lease is counted per interface even without an address; per-lease series key on both.
      if (iface != null && keys.first(iface + "\u0000" + ip)) {
        out.add(new Snapshot.DhcpLease(clientId, expiry, hostname, iface, ip, mac));
      }
    }
    return out;
  }

  private static List<Snapshot.Disk> disks(JsonParser p) throws IOException {
    return numbered(p, "disks", DISK_FIELDS, DiskNumber::byJson, Snapshot.Disk::new);
  }

  private static List<Snapshot.Netdev> netdevs(JsonParser p) throws IOException {
    return numbered(p, "netdevs", NETDEV_FIELDS, NetdevNumber::byJson, Snapshot.Netdev::new);
  }

  /** An array of {@code {name, <number>...}} objects whose numbers are the slots of an enum. */
  private static <T> List<T> numbered(JsonParser p, String field, int slots, Function<String, Enum<?>> byJson,
      BiFunction<String, double[], T> make) throws IOException {
    List<T> out = new ArrayList<>();
    FirstKeys keys = new FirstKeys();
    double[] values = new double[slots];
    for (boolean more = startArray(p, field); more; more = nextElement(p, field)) {
      Arrays.fill(values, Double.NaN);
      String name = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String f = p.currentName();
        p.nextToken();
        Enum<?> n = byJson.apply(f);
        if (n != null) {
          values[n.ordinal()] = number(p, f);
        } else if (f.equals("name")) {
          name = string(p, field + "[].name");
        } else {
          p.skipChildren();
        }
      }
      if (keys.first(name)) {
        out.add(make.apply(name, values));
      }
    }
    return out;
  }

  private static List<Snapshot.NetInterface> interfaces(JsonParser p) throws IOException {
    List<Snapshot.NetInterface> out = new ArrayList<>();
    FirstKeys keys = new FirstKeys();
    for (boolean more = startArray(p, "interfaces"); more; more = nextElement(p, "interfaces")) {
      String name = null;
      String operstate = null;
      double speed = Double.NaN;
      List<Snapshot.IpAddress> ips = List.of();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String f = p.currentName();
        p.nextToken();
        switch (f) {
          case "name" -> name = string(p, "interfaces[].name");
          case "operstate" -> operstate = string(p, "interfaces[].operstate");
          case "speed" -> speed = number(p, "interfaces[].speed");
          case "ip_addresses" -> ips = ipAddresses(p);
          default -> p.skipChildren();
        }
      }
      if (keys.first(name)) {
        out.add(new Snapshot.NetInterface(name, operstate, speed, ips));
      }
    }
    return out;
  }

  private static List<Snapshot.IpAddress> ipAddresses(JsonParser p) throws IOException {
    List<Snapshot.IpAddress> out = new ArrayList<>();
    FirstKeys keys = new FirstKeys();
    String where = "interfaces[].ip_addresses";
    for (boolean more = startArray(p, where); more; more = nextElement(p, where)) {
      String iface = null;
      String ip = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String f = p.currentName();
        p.nextToken();
        switch (f) {
          case "interface_name" -> iface = string(p, where + "[].interface_name");
          case "ip_address" -> ip = string(p, where + "[].ip_address");
          default -> p.skipChildren();
        }
      }
      if (keys.first(ip)) {
        out.add(new Snapshot.IpAddress(iface, ip));
      }
    }
    return out;
  }

  private static List<Snapshot.Mount> mounts(JsonParser p) throws IOException {
    List<Snapshot.Mount> out = new ArrayList<>();
    FirstKeys keys = new FirstKeys();
    for (boolean more = startArray(p, "mounts"); more; more = nextElement(p, "mounts")) {
      String fs = null, kind = null, mountPoint = null, name = null;
      double avail = Double.NaN, total = Double.NaN;
      Boolean ro = null, removable = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String f = p.currentName();
        p.nextToken();
        switch (f) {
          case "file_system" -> fs = string(p, "mounts[].file_system");
          case "kind" -> kind = string(p, "mounts[].kind");
          case "mount_point" -> mountPoint = string(p, "mounts[].mount_point");
          case "name" -> name = string(p, "mounts[].name");
          case "available_bytes" -> avail = number(p, "mounts[].available_bytes");
          case "total_bytes" -> total = number(p, "mounts[].total_bytes");
          case "is_read_only" -> ro = bool(p, "mounts[].is_read_only");
          case "is_removable" -> removable = bool(p, "mounts[].is_removable");
          default -> p.skipChildren();
        }
      }
      if (keys.first(mountPoint)) {
        out.add(new Snapshot.Mount(fs, kind, mountPoint, name, avail, total, ro, removable));
      }
    }
    return out;
  }

  private static List<Snapshot.Thermal> thermals(JsonParser p) throws IOException {
    List<Snapshot.Thermal> out = new ArrayList<>();
    FirstKeys keys = new FirstKeys();
    for (boolean more = startArray(p, "thermals"); more; more = nextElement(p, "thermals")) {
      String label = null;
      double crit = Double.NaN, cur = Double.NaN, max = Double.NaN;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String f = p.currentName();
        p.nextToken();
        switch (f) {
          case "label" -> label = string(p, "thermals[].label");
          case "critical_celcius" -> crit = number(p, "thermals[].critical_celcius");
          case "current_celcius" -> cur = number(p, "thermals[].current_celcius");
          case "max_celcius" -> max = number(p, "thermals[].max_celcius");
          default -> p.skipChildren();
        }
      }
      if (keys.first(label)) {
        out.add(new Snapshot.Thermal(label, crit, cur, max));
      }
    }
    return out;
  }

  private static List<Snapshot.TunnelHealth> tunnels(JsonParser p) throws IOException {
    List<Snapshot.TunnelHealth> out = new ArrayList<>();
    FirstKeys keys = new FirstKeys();
    for (boolean more = startArray(p, "tunnels"); more; more = nextElement(p, "tunnels")) {
      String id = null, iface = null, state = null;
      double value = Double.NaN, mtu = Double.NaN, healthy = Double.NaN, unhealthy = Double.NaN;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String f = p.currentName();
        p.nextToken();
        switch (f) {
          case "tunnel_id" -> id = string(p, "tunnels[].tunnel_id");
          case "interface_name" -> iface = string(p, "tunnels[].interface_name");
          case "health_state" -> state = string(p, "tunnels[].health_state");
          case "health_value" -> value = number(p, "tunnels[].health_value");
          case "probed_mtu" -> mtu = number(p, "tunnels[].probed_mtu");
          case "recent_healthy_pings" -> healthy = number(p, "tunnels[].recent_healthy_pings");
          case "recent_unhealthy_pings" -> unhealthy = number(p, "tunnels[].recent_unhealthy_pings");
          default -> p.skipChildren();
        }
      }
      if (keys.first(id)) {
        out.add(new Snapshot.TunnelHealth(id, iface, state, value, mtu, healthy, unhealthy));
      }
    }
    return out;
  }
}
