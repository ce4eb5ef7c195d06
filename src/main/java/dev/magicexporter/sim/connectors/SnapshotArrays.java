package dev.magicexporter.sim.connectors;

import dev.magicexporter.sim.SimHash;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The array fields of a snapshot, each element with every field of the seed's schema (optional
 * element fields are left out where a real connector would lack them: no speed on {@code lo}, no
 * discard statistics on a SATA disk, no limits on an ACPI sensor). A method returns null when the
 * connector lacks the feature, and the field is then absent.
 */
final class SnapshotArrays {
  private static final long GIB = 1L << 30;
  private static final long MIB = 1L << 20;
  private static final String[] HEALTH = {"unknown", "healthy", "degraded", "down"};
  private static final String[] HOSTS = {"printer", "laptop", "phone", "nas", "camera", "tv", "desktop", "tablet"};
  /** Disks fill up with logs over this long, then the connector reclaims the space. */
  static final long DISK_FILL_CYCLE_SECONDS = 5 * 86_400;

  private SnapshotArrays() {}

  static Object bonds(SnapshotSample s) {
    if (!s.hw.bonded()) {
      return null;
    }
    return List.of(obj("name", "bond0", "status", s.chance(SimHash.of("bond"), 600, 0.04) ? "degraded" : "up"));
  }

  static Object dhcpLeases(SnapshotSample s) {
    if (!s.hw.dhcpServer()) {
      return null;
    }
    long hour = Math.floorDiv(s.t, 3_600);
    List<Object> leases = new ArrayList<>();
    for (int i = 0; i < HOSTS.length; i++) {
      long dk = s.key(SimHash.of(SimHash.of("lease"), i));
      double presence = i == 0 ? 1 : 0.3 + 0.65 * SimHash.unit(dk);
      if (SimHash.unit(SimHash.of(dk, hour)) >= presence) {
        continue;
      }
      String mac = mac(dk);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("client_id", "01:" + mac);
      m.put("expiry_time", (hour + 2) * 3_600 + SimHash.below(SimHash.of(dk, 1), 600));
      m.put("hostname", HOSTS[i] + "-" + SimHash.hex(dk, 4));
      m.put("interface_name", "eth1");
      m.put("ip_address", lanPrefix(s) + "." + (100 + i));
      m.put("mac_address", mac);
      leases.add(m);
    }
    return leases;
  }

  static Object disks(SnapshotSample s) {
    List<Object> out = new ArrayList<>();
    out.add(disk(s, s.hw.nvme() ? "nvme0n1" : "sda", s.hw.nvme() ? 259 : 8, 0, s.hw.nvme(), 1.0));
    if (s.hw.usbStick()) {
      out.add(disk(s, "sdb", 8, 16, false, 0.01));
    }
    return out;
  }

  private static Map<String, Object> disk(SnapshotSample s, String name, int major, int minor, boolean discards,
      double load) {
    long salt = SimHash.of(SimHash.of("disk"), SimHash.of(name));
    double r = 3 * load * s.hw.scale();
    double w = 12 * load;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("in_progress", s.gaugeLong(SimHash.of(salt, 1), 0, 3 * load));
    m.put("major", major);
    m.put("merged", s.counter(SimHash.of(salt, 2), r * 0.15));
    m.put("minor", minor);
    m.put("name", name);
    m.put("reads", s.counter(SimHash.of(salt, 3), r));
    m.put("sectors_read", s.counter(SimHash.of(salt, 4), r * 32));
    m.put("sectors_written", s.counter(SimHash.of(salt, 5), w * 24));
    m.put("time_in_progress_ms", s.counter(SimHash.of(salt, 6), 15 * load));
    m.put("time_reading_ms", s.counter(SimHash.of(salt, 7), r * 0.3));
    m.put("time_writing_ms", s.counter(SimHash.of(salt, 8), w * 0.5));
    m.put("weighted_time_in_progress_ms", s.counter(SimHash.of(salt, 9), 25 * load));
    m.put("writes", s.counter(SimHash.of(salt, 10), w));
    m.put("writes_merged", s.counter(SimHash.of(salt, 11), w * 0.3));
    if (discards) {
      m.put("discards", s.counter(SimHash.of(salt, 12), 0.05));
      m.put("discards_merged", s.counter(SimHash.of(salt, 13), 0.01));
      m.put("flushes", s.counter(SimHash.of(salt, 14), 0.8));
      m.put("sectors_discarded", s.counter(SimHash.of(salt, 15), 0.05 * 2_048));
      m.put("time_discarding_ms", s.counter(SimHash.of(salt, 16), 0.01));
      m.put("time_flushing_ms", s.counter(SimHash.of(salt, 17), 0.4));
    }
    return m;
  }

  static Object interfaces(SnapshotSample s) {
    List<Object> out = new ArrayList<>();
    boolean wanUp = !s.chance(SimHash.of("wan-down"), 300, 0.01);
    out.add(iface("eth0", wanUp ? "up" : "down", s.hw.linkSpeedBps(), wanUp ? List.of(wanAddress(s), wanAddress6(s)) : null));
    out.add(iface("eth1", "up", s.hw.linkSpeedBps(), List.of(lanPrefix(s) + ".1")));
    if (s.hw.spare()) {
      out.add(iface("eth2", "down", null, null));
    }
    out.add(iface("lo", "unknown", null, List.of("127.0.0.1", "::1")));
    return out;
  }

  private static Map<String, Object> iface(String name, String operstate, Long speed, List<String> addresses) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("operstate", operstate);
    if (addresses != null) {
      m.put("ip_addresses", addresses.stream().map(a -> obj("interface_name", name, "ip_address", a)).toList());
    }
    if (speed != null) {
      m.put("speed", speed);
    }
    return m;
  }

  static Object mounts(SnapshotSample s) {
    String disk = s.hw.nvme() ? "/dev/nvme0n1p" : "/dev/sda";
    String kind = s.hw.nvme() || !s.hw.platform().equals("hardware") ? "SSD" : "HDD";
    long root = s.hw.diskBytes() - 512 * MIB;
    double cycle = Math.floorMod(s.t - s.key(SimHash.of("fill")) % DISK_FILL_CYCLE_SECONDS, DISK_FILL_CYCLE_SECONDS)
        / (double) DISK_FILL_CYCLE_SECONDS;
    long rootAvailable = (long) (root * (0.8 - 0.35 * cycle)) / 4096 * 4096;
    List<Object> out = new ArrayList<>();
    out.add(mount("ext4", kind, "/", disk + "2", rootAvailable, false, false, root));
    out.add(mount("vfat", kind, "/boot/efi", disk + "1", 498 * MIB, false, false, 511 * MIB));
    if (s.hw.usbStick()) {
      out.add(mount("vfat", "USB", "/media/usb0", "/dev/sdb1", 7 * GIB, true, true, 15 * GIB));
    }
    return out;
  }

  private static Map<String, Object> mount(String fs, String kind, String point, String name, long available,
      boolean readOnly, boolean removable, long total) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("file_system", fs);
    m.put("kind", kind);
    m.put("mount_point", point);
    m.put("name", name);
    m.put("available_bytes", available);
    m.put("is_read_only", readOnly);
    m.put("is_removable", removable);
    m.put("total_bytes", total);
    return m;
  }

  static Object netdevs(SnapshotSample s) {
    List<Object> out = new ArrayList<>();
    double traffic = 1.2e6 * s.hw.scale();
    out.add(netdev(s, "eth0", traffic, 0.85 * traffic));
    out.add(netdev(s, "eth1", 0.85 * traffic, traffic));
    if (s.hw.spare()) {
      out.add(netdev(s, "eth2", 0, 0));
    }
    out.add(netdev(s, "lo", 2e4, 2e4));
    return out;
  }

  private static Map<String, Object> netdev(SnapshotSample s, String name, double recv, double sent) {
    long salt = SimHash.of(SimHash.of("netdev"), SimHash.of(name));
    boolean physical = !name.equals("lo");
    double errs = physical && recv > 0 ? 1e-4 : 0;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("recv_bytes", s.counter(SimHash.of(salt, 1), recv));
    m.put("recv_compressed", 0L);
    m.put("recv_drop", s.counter(SimHash.of(salt, 2), errs * 20));
    m.put("recv_errs", s.counter(SimHash.of(salt, 3), errs));
    m.put("recv_fifo", s.counter(SimHash.of(salt, 4), errs / 10));
    m.put("recv_frame", s.counter(SimHash.of(salt, 5), errs / 5));
    m.put("recv_multicast", s.counter(SimHash.of(salt, 6), physical && recv > 0 ? 0.5 : 0));
    m.put("recv_packets", s.counter(SimHash.of(salt, 7), recv / 750));
    m.put("sent_bytes", s.counter(SimHash.of(salt, 8), sent));
    m.put("sent_carrier", s.counter(SimHash.of(salt, 9), errs / 10));
    m.put("sent_colls", 0L);
    m.put("sent_compressed", 0L);
    m.put("sent_drop", s.counter(SimHash.of(salt, 10), errs * 5));
    m.put("sent_errs", s.counter(SimHash.of(salt, 11), errs / 2));
    m.put("sent_fifo", s.counter(SimHash.of(salt, 12), errs / 10));
    m.put("sent_packets", s.counter(SimHash.of(salt, 13), sent / 750));
    return m;
  }

  static Object thermals(SnapshotSample s) {
    if (!s.hw.sensors()) {
      return null;
    }
    List<Object> out = new ArrayList<>();
    out.add(thermal(s, "coretemp Package id 0", 45, 100.0, 100.0));
    for (int core = 0; core < Math.min(s.hw.cpus(), 4); core++) {
      out.add(thermal(s, "coretemp Core " + core, 43, 100.0, 100.0));
    }
    if (s.hw.nvme()) {
      out.add(thermal(s, "nvme Composite", 38, 84.85, 89.85));
    }
    out.add(thermal(s, "acpitz temp1", 30, null, null));
    return out;
  }

  private static Map<String, Object> thermal(SnapshotSample s, String label, double base, Double max, Double critical) {
    long salt = SimHash.of(SimHash.of("thermal"), SimHash.of(label));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("label", label);
    if (critical != null) {
      m.put("critical_celcius", critical);
    }
    if (!s.chance(salt, 60, 0.02)) {
      m.put("current_celcius", Math.round(s.gauge(salt, base, base + 25) * 10) / 10.0);
    }
    if (max != null) {
      m.put("max_celcius", max);
    }
    return m;
  }

  static Object tunnels(SnapshotSample s) {
    List<Object> out = new ArrayList<>();
    SimConnector c = s.life.connector;
    boolean flaky = c.role() == SimConnector.Role.INTERMITTENT;
    for (int j = 0; j < s.hw.tunnels(); j++) {
      long tk = SimHash.of(SimHash.of("tunnel"), j);
      double r = SimHash.unit(SimHash.of(s.key(tk), Math.floorDiv(s.t, 300)));
      int health = r < (flaky ? 0.08 : 0.02) ? 3 : r < (flaky ? 0.25 : 0.08) ? 2 : r < (flaky ? 0.27 : 0.09) ? 0 : 1;
      boolean gre = j % 2 == 1;
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("health_state", HEALTH[health]);
      m.put("health_value", health);
      m.put("interface_name", gre ? "gre" + j : j == 2 ? "xfrm3.99" : "xfrm" + (j + 1));
      m.put("tunnel_id", s.world.tunnelId(c.accountId(), c.index(), j));
      if (health != 0) {
        m.put("probed_mtu", gre ? 1476 : 1436);
        int unhealthy = switch (health) {
          case 1 -> 0;
          case 2 -> 1 + SimHash.below(SimHash.of(s.key(tk), s.t), 4);
          default -> 10;
        };
        m.put("recent_healthy_pings", 10 - unhealthy);
        m.put("recent_unhealthy_pings", unhealthy);
      }
      out.add(m);
    }
    return out;
  }

  private static String lanPrefix(SnapshotSample s) {
    return "192.168." + SimHash.below(s.key(SimHash.of("lan")), 250);
  }

  private static String wanAddress(SnapshotSample s) {
    return "203.0.113." + (1 + SimHash.below(s.key(SimHash.of("wan")), 254));
  }

  private static String wanAddress6(SnapshotSample s) {
    return "2001:db8:" + SimHash.hex(s.key(SimHash.of("wan6")), 4) + "::2";
  }

  private static String mac(long h) {
    StringBuilder b = new StringBuilder("02");
    String hex = SimHash.hex(h, 10);
    for (int i = 0; i < 10; i += 2) {
      b.append(':').append(hex, i, i + 2);
    }
    return b.toString();
  }

  private static Map<String, Object> obj(String k1, Object v1, String k2, Object v2) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(k1, v1);
    m.put(k2, v2);
    return m;
  }
}
