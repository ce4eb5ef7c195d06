package dev.magicexporter.metrics.connector;

import static dev.magicexporter.metrics.connector.SnapshotFamilies.BOND_STATES;
import static dev.magicexporter.metrics.connector.SnapshotFamilies.DEVICE;
import static dev.magicexporter.metrics.connector.SnapshotFamilies.OPERSTATES;
import static dev.magicexporter.metrics.connector.SnapshotFamilies.PREFIX;
import static dev.magicexporter.metrics.connector.SnapshotFamilies.STATE;
import static dev.magicexporter.metrics.connector.SnapshotFamilies.TUNNEL_STATES;
import static dev.magicexporter.metrics.family.Conversion.MILLIS_TO_SECONDS;
import static dev.magicexporter.metrics.family.Conversion.NONE;
import static dev.magicexporter.metrics.family.FamilyType.COUNTER;
import static dev.magicexporter.metrics.family.FamilyType.GAUGE;

import dev.magicexporter.metrics.family.Conversion;
import dev.magicexporter.metrics.family.Family;
import dev.magicexporter.metrics.family.FamilyType;
import dev.magicexporter.metrics.family.StateSets;
import dev.magicexporter.model.DiskNumber;
import dev.magicexporter.model.NetdevNumber;
import dev.magicexporter.model.Snapshot;
import java.util.List;

/**
 * The per-element fields of a connector snapshot (disks, mounts, network devices and interfaces,
 * DHCP leases, sensors, tunnels) as metric families of {@link SnapshotFamilies}' table, each
 * element labelled by its natural key. Descriptive labels beside that key are declared droppable
 * ({@code metrics.label_denylist}): removing them merges no series.
 */
final class SnapshotDeviceFamilies {
  private static final Conversion SECTORS = Conversion.SECTORS_TO_BYTES;

  private SnapshotDeviceFamilies() {}

  /** Appends the element families, in reference order. */
  static void add(List<Family<Snapshot>> f, boolean dhcpLeaseSeries) {
    disks(f);
    mounts(f);
    network(f);
    dhcp(f, dhcpLeaseSeries);
    thermals(f);
    tunnels(f);
  }

  private static void disks(List<Family<Snapshot>> f) {
    f.add(new Family<Snapshot>(PREFIX + "disk_info", "Block device major and minor numbers.", FamilyType.INFO,
        List.of(DEVICE, "major", "minor"), "disks[].name, disks[].major, disks[].minor", NONE, (s, out) -> {
          for (Snapshot.Disk d : s.disks()) {
            out.sample(new String[] {d.name(), integer(d.get(DiskNumber.MAJOR)), integer(d.get(DiskNumber.MINOR))}, 1);
          }
        }).withDroppable("major", "minor"));
    f.add(disk("disk_reads_completed_total", COUNTER, NONE, DiskNumber.READS, "Reads completed successfully."));
    f.add(disk("disk_reads_merged_total", COUNTER, NONE, DiskNumber.MERGED, "Reads merged."));
    f.add(disk("disk_read_bytes_total", COUNTER, SECTORS, DiskNumber.SECTORS_READ, "Bytes read successfully."));
    f.add(disk("disk_read_time_seconds_total", COUNTER, MILLIS_TO_SECONDS, DiskNumber.TIME_READING_MS,
        "Time spent reading."));
    f.add(disk("disk_writes_completed_total", COUNTER, NONE, DiskNumber.WRITES, "Writes completed successfully."));
    f.add(disk("disk_writes_merged_total", COUNTER, NONE, DiskNumber.WRITES_MERGED, "Writes merged."));
    f.add(disk("disk_written_bytes_total", COUNTER, SECTORS, DiskNumber.SECTORS_WRITTEN,
        "Bytes written successfully."));
    f.add(disk("disk_write_time_seconds_total", COUNTER, MILLIS_TO_SECONDS, DiskNumber.TIME_WRITING_MS,
        "Time spent writing."));
    f.add(disk("disk_io_now", GAUGE, NONE, DiskNumber.IN_PROGRESS, "I/Os currently in progress."));
    f.add(disk("disk_io_time_seconds_total", COUNTER, MILLIS_TO_SECONDS, DiskNumber.TIME_IN_PROGRESS_MS,
        "Time spent doing I/Os."));
    f.add(disk("disk_io_time_weighted_seconds_total", COUNTER, MILLIS_TO_SECONDS,
        DiskNumber.WEIGHTED_TIME_IN_PROGRESS_MS, "Weighted time spent doing I/Os."));
    f.add(disk("disk_discards_completed_total", COUNTER, NONE, DiskNumber.DISCARDS,
        "Discards completed successfully."));
    f.add(disk("disk_discards_merged_total", COUNTER, NONE, DiskNumber.DISCARDS_MERGED, "Discards merged."));
    f.add(disk("disk_discarded_bytes_total", COUNTER, SECTORS, DiskNumber.SECTORS_DISCARDED,
        "Bytes discarded (node_exporter keeps sectors here; this exporter converts to bytes)."));
    f.add(disk("disk_discard_time_seconds_total", COUNTER, MILLIS_TO_SECONDS, DiskNumber.TIME_DISCARDING_MS,
        "Time spent discarding."));
    f.add(disk("disk_flush_requests_total", COUNTER, NONE, DiskNumber.FLUSHES, "Flushes completed successfully."));
    f.add(disk("disk_flush_requests_time_seconds_total", COUNTER, MILLIS_TO_SECONDS, DiskNumber.TIME_FLUSHING_MS,
        "Time spent flushing."));
  }

  private static void mounts(List<Family<Snapshot>> f) {
    String mp = "mountpoint";
    f.add(new Family<Snapshot>(PREFIX + "filesystem_info", "Descriptive fields of a mounted file system.", FamilyType.INFO,
        List.of(mp, DEVICE, "fstype", "kind"),
        "mounts[].mount_point, mounts[].name, mounts[].file_system, mounts[].kind", NONE, (s, out) -> {
          for (Snapshot.Mount m : s.mounts()) {
            out.sample(new String[] {m.mountPoint(), m.name(), m.fileSystem(), m.kind()}, 1);
          }
        }).withDroppable(DEVICE, "fstype", "kind"));
    f.add(perMount("filesystem_avail_bytes", "Available file system space.", "mounts[].available_bytes",
        Snapshot.Mount::availableBytes));
    f.add(perMount("filesystem_size_bytes", "File system size.", "mounts[].total_bytes", Snapshot.Mount::totalBytes));
    f.add(perMount("filesystem_readonly", "1 when the file system is read-only, else 0.", "mounts[].is_read_only",
        m -> flag(m.readOnly())));
    f.add(perMount("filesystem_removable", "1 when the disk is removable, else 0.", "mounts[].is_removable",
        m -> flag(m.removable())));
  }

  private static void network(List<Family<Snapshot>> f) {
    String[][] netdev = {
        {"receive_bytes_total", "recv_bytes", "Bytes received."},
        {"receive_compressed_total", "recv_compressed", "Compressed packets received."},
        {"receive_drop_total", "recv_drop", "Received packets dropped."},
        {"receive_errs_total", "recv_errs", "Bad packets received."},
        {"receive_fifo_total", "recv_fifo", "Receive FIFO overruns."},
        {"receive_frame_total", "recv_frame", "Frame alignment errors."},
        {"receive_multicast_total", "recv_multicast", "Multicast packets received."},
        {"receive_packets_total", "recv_packets", "Packets received."},
        {"transmit_bytes_total", "sent_bytes", "Bytes transmitted."},
        {"transmit_carrier_total", "sent_carrier", "Packets not sent due to carrier errors."},
        {"transmit_colls_total", "sent_colls", "Collisions."},
        {"transmit_compressed_total", "sent_compressed", "Compressed packets transmitted."},
        {"transmit_drop_total", "sent_drop", "Packets dropped during transmission."},
        {"transmit_errs_total", "sent_errs", "Transmission errors."},
        {"transmit_fifo_total", "sent_fifo", "Transmit FIFO overruns."},
        {"transmit_packets_total", "sent_packets", "Packets transmitted."}};
    for (String[] row : netdev) {
      NetdevNumber n = NetdevNumber.byJson(row[1]);
      f.add(new Family<>(PREFIX + "network_" + row[0], row[2] + " (/proc/net/dev)", COUNTER, List.of(DEVICE),
          "netdevs[]." + n.json() + ", netdevs[].name", NONE, (s, out) -> {
            for (Snapshot.Netdev d : s.netdevs()) {
              out.sample(d.name(), d.get(n));
            }
          }));
    }
    f.add(new Family<>(PREFIX + "network_operstate", "Operational state of the interface, one-hot.",
        FamilyType.STATESET, List.of(DEVICE, STATE), "interfaces[].operstate, interfaces[].name", NONE,
        (s, out) -> {
          for (Snapshot.NetInterface i : s.interfaces()) {
            StateSets.oneHot(i.name(), OPERSTATES, i.operstate(), out);
          }
        }));
    f.add(new Family<>(PREFIX + "network_speed_bytes", "Interface speed in bytes per second.", GAUGE,
        List.of(DEVICE), "interfaces[].speed, interfaces[].name", Conversion.BITS_TO_BYTES, (s, out) -> {
          for (Snapshot.NetInterface i : s.interfaces()) {
            out.sample(i.name(), i.speed());
          }
        }));
    f.add(new Family<Snapshot>(PREFIX + "network_address_info", "An IP address of an interface.", FamilyType.INFO,
        List.of(DEVICE, "address", "interface"),
        "interfaces[].ip_addresses[].ip_address, interfaces[].ip_addresses[].interface_name, interfaces[].name",
        NONE, (s, out) -> {
          for (Snapshot.NetInterface i : s.interfaces()) {
            for (Snapshot.IpAddress a : i.ipAddresses()) {
              out.sample(new String[] {i.name(), a.ipAddress(), a.interfaceName()}, 1);
            }
          }
        }).withDroppable("interface"));
    f.add(new Family<>(PREFIX + "bond_status", "Status of a bonded interface, one-hot.", FamilyType.STATESET,
        List.of("bond", STATE), "bonds[].status, bonds[].name", NONE, (s, out) -> {
          for (Snapshot.Bond b : s.bonds()) {
            StateSets.oneHot(b.name(), BOND_STATES, b.status(), out);
          }
        }));
  }

  private static void dhcp(List<Family<Snapshot>> f, boolean perLease) {
    f.add(new Family<>(PREFIX + "dhcp_leases", "DHCP leases the connector handed out, per interface.", GAUGE,
        List.of("interface"), "dhcp_leases[].interface_name", NONE, (s, out) -> {
          List<Snapshot.DhcpLease> leases = s.dhcpLeases();
          int i = 0;
          while (i < leases.size()) {
            String iface = leases.get(i).interfaceName();
            int j = i;
            while (j < leases.size() && iface.equals(leases.get(j).interfaceName())) {
              j++;
            }
            out.sample(iface, j - i);
            i = j;
          }
        }));
    if (perLease) {
      f.add(new Family<Snapshot>(PREFIX + "dhcp_lease_expiry_timestamp_seconds",
          "Expiry of one DHCP lease (opt-in: host names and MAC addresses are personal data).", GAUGE,
          List.of("interface", "ip_address", "mac_address", "hostname", "client_id"),
          "dhcp_leases[].expiry_time, dhcp_leases[].interface_name, dhcp_leases[].ip_address, "
              + "dhcp_leases[].mac_address, dhcp_leases[].hostname, dhcp_leases[].client_id",
          NONE, (s, out) -> {
            for (Snapshot.DhcpLease l : s.dhcpLeases()) {
              out.sample(new String[] {l.interfaceName(), l.ipAddress(), l.macAddress(), l.hostname(), l.clientId()},
                  l.expiryTime());
            }
          }).withDroppable("mac_address", "hostname", "client_id"));
    }
  }

  private static void thermals(List<Family<Snapshot>> f) {
    f.add(perSensor("hwmon_temp_celsius", "Current temperature of the component.", "thermals[].current_celcius",
        Snapshot.Thermal::currentCelsius));
    f.add(perSensor("hwmon_temp_max_celsius", "Maximum temperature of the component.", "thermals[].max_celcius",
        Snapshot.Thermal::maxCelsius));
    f.add(perSensor("hwmon_temp_crit_celsius", "Critical failure temperature of the component.",
        "thermals[].critical_celcius", Snapshot.Thermal::criticalCelsius));
  }

  private static void tunnels(List<Family<Snapshot>> f) {
    String id = "tunnel_id";
    f.add(new Family<Snapshot>(PREFIX + "tunnel_info", "Interface of a tunnel on the connector.", FamilyType.INFO,
        List.of(id, "interface"), "tunnels[].tunnel_id, tunnels[].interface_name", NONE, (s, out) -> {
          for (Snapshot.TunnelHealth t : s.tunnels()) {
            out.sample(t.tunnelId(), t.interfaceName(), 1);
          }
        }).withDroppable("interface"));
    f.add(new Family<>(PREFIX + "tunnel_health_state", "Tunnel health as seen by the connector, one-hot.",
        FamilyType.STATESET, List.of(id, STATE), "tunnels[].health_state, tunnels[].tunnel_id", NONE, (s, out) -> {
          for (Snapshot.TunnelHealth t : s.tunnels()) {
            StateSets.oneHot(t.tunnelId(), TUNNEL_STATES, t.healthState(), out);
          }
        }));
    f.add(perTunnel("tunnel_health_value", "Tunnel health as a number: 0 unknown, 1 healthy, 2 degraded, 3 down.",
        "tunnels[].health_value", Snapshot.TunnelHealth::healthValue));
    f.add(perTunnel("tunnel_probed_mtu_bytes", "MTU measured between the two ends of the tunnel.",
        "tunnels[].probed_mtu", Snapshot.TunnelHealth::probedMtu));
    f.add(perTunnel("tunnel_recent_healthy_pings", "Recent healthy pings of the tunnel.",
        "tunnels[].recent_healthy_pings", Snapshot.TunnelHealth::recentHealthyPings));
    f.add(perTunnel("tunnel_recent_unhealthy_pings", "Recent unhealthy pings of the tunnel.",
        "tunnels[].recent_unhealthy_pings", Snapshot.TunnelHealth::recentUnhealthyPings));
  }

  private static Family<Snapshot> disk(String name, FamilyType type, Conversion c, DiskNumber n, String help) {
    return new Family<>(PREFIX + name, help + " (/proc/diskstats)", type, List.of(DEVICE),
        "disks[]." + n.json() + ", disks[].name", c, (s, out) -> {
          List<Snapshot.Disk> disks = s.disks();
          for (int i = 0; i < disks.size(); i++) {
            out.sample(disks.get(i).name(), disks.get(i).get(n));
          }
        });
  }

  private static Family<Snapshot> perMount(String name, String help, String source,
      java.util.function.ToDoubleFunction<Snapshot.Mount> value) {
    return new Family<>(PREFIX + name, help, GAUGE, List.of("mountpoint"), source + ", mounts[].mount_point", NONE,
        (s, out) -> {
          for (Snapshot.Mount m : s.mounts()) {
            out.sample(m.mountPoint(), value.applyAsDouble(m));
          }
        });
  }

  private static Family<Snapshot> perSensor(String name, String help, String source,
      java.util.function.ToDoubleFunction<Snapshot.Thermal> value) {
    return new Family<>(PREFIX + name, help, GAUGE, List.of("sensor"), source + ", thermals[].label", NONE,
        (s, out) -> {
          for (Snapshot.Thermal t : s.thermals()) {
            out.sample(t.label(), value.applyAsDouble(t));
          }
        });
  }

  private static Family<Snapshot> perTunnel(String name, String help, String source,
      java.util.function.ToDoubleFunction<Snapshot.TunnelHealth> value) {
    return new Family<>(PREFIX + name, help, GAUGE, List.of("tunnel_id"), source + ", tunnels[].tunnel_id", NONE,
        (s, out) -> {
          for (Snapshot.TunnelHealth t : s.tunnels()) {
            out.sample(t.tunnelId(), value.applyAsDouble(t));
          }
        });
  }

  private static double flag(Boolean b) {
    return b == null ? Double.NaN : b ? 1 : 0;
  }

  private static String integer(double v) {
    return Double.isNaN(v) ? "" : Long.toString((long) v);
  }
}
