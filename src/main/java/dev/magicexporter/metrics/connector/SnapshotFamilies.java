package dev.magicexporter.metrics.connector;

import static dev.magicexporter.metrics.family.Conversion.MICROS_TO_SECONDS;
import static dev.magicexporter.metrics.family.Conversion.MILLIS_TO_SECONDS;
import static dev.magicexporter.metrics.family.Conversion.NONE;
import static dev.magicexporter.metrics.family.Conversion.PERCENT_TO_RATIO;
import static dev.magicexporter.metrics.family.FamilyType.COUNTER;
import static dev.magicexporter.metrics.family.FamilyType.GAUGE;

import dev.magicexporter.metrics.family.Conversion;
import dev.magicexporter.metrics.family.Family;
import dev.magicexporter.metrics.family.FamilyTable;
import dev.magicexporter.metrics.family.FamilyType;
import dev.magicexporter.metrics.family.StateSets;
import dev.magicexporter.model.DiskNumber;
import dev.magicexporter.model.NetdevNumber;
import dev.magicexporter.model.Snapshot;
import dev.magicexporter.model.SnapshotNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Every field of a connector snapshot as a metric family: the one table from which the
 * exposition and the metrics reference are derived. Names follow node_exporter wherever the
 * field is the same Linux statistic (with snake_case meminfo and netstat names), in base units.
 * Sources name every API field a family reads, including fields used as labels, so a test can
 * prove that every field of the schema is mapped.
 */
public final class SnapshotFamilies {
  /** Prefix of connector series. */
  public static final String PREFIX = "cloudflare_connector_";
  /** Label of the disk or network device name (node_exporter's {@code device}). */
  public static final String DEVICE = "device";
  /** Label of the one-hot state of a state set. */
  public static final String STATE = "state";

  /** The states of {@code ha_value} (0 disabled, 1 active, 2 standby, 3 stopped, 4 fault). */
  public static final List<String> HA_STATES = List.of("disabled", "active", "standby", "stopped", "fault");
  /** The states of {@code tunnels[].health_value} (0 unknown, 1 healthy, 2 degraded, 3 down). */
  public static final List<String> TUNNEL_STATES = List.of("unknown", "healthy", "degraded", "down");
  /** Linux operstates (RFC 2863 as in /sys/class/net/X/operstate). */
  public static final List<String> OPERSTATES =
      List.of("unknown", "notpresent", "down", "lowerlayerdown", "testing", "dormant", "up");
  /** Bond statuses. */
  public static final List<String> BOND_STATES = List.of("up", "down");

  private static final Conversion SECTORS = Conversion.SECTORS_TO_BYTES;

  /**
   * Meminfo fields whose API name would make a misleading metric name: HugePages_Total is a gauge
   * (a {@code _total} suffix reads as a counter), and the one-letter words of SReclaimable,
   * SUnreclaim, KReclaimable, Zswap and Zswapped look like unit abbreviations to promtool.
   */
  private static final java.util.Map<SnapshotNumber, String> MEMINFO_RENAMES = java.util.Map.of(
      SnapshotNumber.MEMORY_HUGEPAGES_TOTAL, "memory_hugepages_pool",
      SnapshotNumber.MEMORY_S_RECLAIMABLE_BYTES, "memory_sreclaimable_bytes",
      SnapshotNumber.MEMORY_S_UNRECLAIM_BYTES, "memory_sunreclaim_bytes",
      SnapshotNumber.MEMORY_K_RECLAIMABLE_BYTES, "memory_kreclaimable_bytes",
      SnapshotNumber.MEMORY_Z_SWAP_BYTES, "memory_zswap_bytes",
      SnapshotNumber.MEMORY_Z_SWAPPED_BYTES, "memory_zswapped_bytes");

  private SnapshotFamilies() {}

  /**
   * The table. With {@code dhcpLeaseSeries} false, DHCP leases are only counted per interface;
   * true adds one series per lease labelled with its host name, MAC and client id (personal
   * data, unbounded cardinality: opt-in).
   */
  public static FamilyTable<Snapshot> table(boolean dhcpLeaseSeries) {
    List<Family<Snapshot>> f = new ArrayList<>();
    snapshotMeta(f);
    cpuAndKernel(f);
    pressure(f);
    memory(f);
    netstat(f);
    disks(f);
    mounts(f);
    network(f);
    dhcp(f, dhcpLeaseSeries);
    thermals(f);
    tunnels(f);
    return new FamilyTable<>("Connector snapshots",
        "From `GET /accounts/{account_id}/magic/connectors/{connector_id}/telemetry/snapshots/latest` "
            + "(or `snapshots/{t}`): the connector's own Linux statistics, in node_exporter's names and "
            + "base units. Values are those of the last good snapshot; "
            + "`time() - cloudflare_connector_snapshot_timestamp_seconds` is its age. Array elements are "
            + "labelled by their natural key (`device`, `mountpoint`, `sensor`, `tunnel_id`, `bond`, "
            + "`interface`).",
        List.of(ConnectorLabels.ACCOUNT_ID, ConnectorLabels.CONNECTOR_ID), f);
  }

  private static void snapshotMeta(List<Family<Snapshot>> f) {
    f.add(scalar("snapshot_timestamp_seconds", GAUGE, NONE, SnapshotNumber.T,
        "When the connector recorded the snapshot (seconds since the epoch)."));
    f.add(scalar("snapshot_collected_timestamp_seconds", GAUGE, NONE, SnapshotNumber.A,
        "When the connector collected the snapshot (seconds since the epoch), when the API gives it."));
    f.add(Family.info(PREFIX + "snapshot_info", "Connector software version and platform from the snapshot.",
        "v, platform", List.of("version", "platform"),
        s -> s.version() == null && s.platform() == null ? null : new String[] {s.version(), s.platform()}));
    f.add(scalar("reclaim_failures_total", COUNTER, NONE, SnapshotNumber.COUNT_RECLAIM_FAILURES,
        "Failures to reclaim disk space."));
    f.add(scalar("reclaimed_paths_total", COUNTER, NONE, SnapshotNumber.COUNT_RECLAIMED_PATHS,
        "Paths reclaimed to free disk space."));
    f.add(scalar("snapshot_record_failures_total", COUNTER, NONE, SnapshotNumber.COUNT_RECORD_FAILED,
        "Snapshots the connector failed to record."));
    f.add(scalar("snapshot_transmit_failures_total", COUNTER, NONE, SnapshotNumber.COUNT_TRANSMIT_FAILURES,
        "Snapshots the connector failed to transmit."));
    f.add(scalar("state_transition_operations", GAUGE, NONE, SnapshotNumber.DELTA,
        "Network operations applied during the last state transition."));
    f.add(scalar("state_transition_simulated_operations", GAUGE, NONE, SnapshotNumber.EPSILON,
        "Simulated network operations applied during the last state transition."));
    f.add(Family.stateSet(PREFIX + "ha_state", "High availability state, one-hot.", "ha_state", STATE,
        HA_STATES, Snapshot::haState));
    f.add(scalar("ha_value", GAUGE, NONE, SnapshotNumber.HA_VALUE,
        "High availability state as a number: 0 disabled, 1 active, 2 standby, 3 stopped, 4 fault."));
  }

  private static void cpuAndKernel(List<Family<Snapshot>> f) {
    f.add(scalar("cpus", GAUGE, NONE, SnapshotNumber.CPU_COUNT, "Processors (cores) of the connector."));
    f.add(labelled("cpu_seconds_total", COUNTER, MILLIS_TO_SECONDS,
        "Seconds the CPUs spent in each mode, summed over CPUs (node_cpu_seconds_total without cpu).", "mode",
        "user", SnapshotNumber.CPU_TIME_USER_MS, "nice", SnapshotNumber.CPU_TIME_NICE_MS,
        "system", SnapshotNumber.CPU_TIME_SYSTEM_MS, "idle", SnapshotNumber.CPU_TIME_IDLE_MS,
        "iowait", SnapshotNumber.CPU_TIME_IOWAIT_MS, "irq", SnapshotNumber.CPU_TIME_IRQ_MS,
        "softirq", SnapshotNumber.CPU_TIME_SOFTIRQ_MS, "steal", SnapshotNumber.CPU_TIME_STEAL_MS));
    f.add(labelled("cpu_guest_seconds_total", COUNTER, MILLIS_TO_SECONDS,
        "Seconds the CPUs spent running guests, by mode (user: guest, nice: guest_nice).", "mode",
        "user", SnapshotNumber.CPU_TIME_GUEST_MS, "nice", SnapshotNumber.CPU_TIME_GUEST_NICE_MS));
    f.add(scalar("boot_time_seconds", GAUGE, NONE, SnapshotNumber.KERNEL_BTIME,
        "Kernel boot time from /proc/stat btime (seconds since the epoch)."));
    f.add(scalar("system_boot_time_seconds", GAUGE, NONE, SnapshotNumber.SYSTEM_BOOT_TIME_S,
        "System boot time as reported by the connector (seconds since the epoch)."));
    f.add(scalar("uptime_seconds", GAUGE, MILLIS_TO_SECONDS, SnapshotNumber.UPTIME_TOTAL_MS,
        "Uptime of the system including time in suspend (/proc/uptime)."));
    f.add(scalar("uptime_idle_seconds_total", COUNTER, MILLIS_TO_SECONDS, SnapshotNumber.UPTIME_IDLE_MS,
        "Idle time summed over cores since boot (/proc/uptime)."));
    f.add(scalar("context_switches_total", COUNTER, NONE, SnapshotNumber.KERNEL_CTXT, "Context switches."));
    f.add(scalar("forks_total", COUNTER, NONE, SnapshotNumber.KERNEL_PROCESSES, "Forks since boot."));
    f.add(scalar("procs_blocked", GAUGE, NONE, SnapshotNumber.KERNEL_PROCESSES_BLOCKED,
        "Processes blocked waiting for I/O."));
    f.add(scalar("procs_running", GAUGE, NONE, SnapshotNumber.KERNEL_PROCESSES_RUNNING,
        "Processes in runnable state."));
    f.add(scalar("load1", GAUGE, NONE, SnapshotNumber.LOAD_AVERAGE_1M, "1-minute load average."));
    f.add(scalar("load5", GAUGE, NONE, SnapshotNumber.LOAD_AVERAGE_5M, "5-minute load average."));
    f.add(scalar("load15", GAUGE, NONE, SnapshotNumber.LOAD_AVERAGE_15M, "15-minute load average."));
    f.add(scalar("scheduling_entities_runnable", GAUGE, NONE, SnapshotNumber.LOAD_AVERAGE_CUR,
        "Currently runnable kernel scheduling entities (/proc/loadavg)."));
    f.add(scalar("scheduling_entities", GAUGE, NONE, SnapshotNumber.LOAD_AVERAGE_MAX,
        "Kernel scheduling entities that currently exist (/proc/loadavg)."));
  }

  private static void pressure(List<Family<Snapshot>> f) {
    // node_exporter: "waiting" = some tasks stalled, "stalled" = all non-idle tasks stalled (full).
    f.add(scalar("pressure_cpu_waiting_seconds_total", COUNTER, MICROS_TO_SECONDS,
        SnapshotNumber.CPU_PRESSURE_TOTAL_US, "Total time some tasks were stalled waiting for CPU (PSI)."));
    f.add(labelled("pressure_cpu_waiting_ratio", GAUGE, PERCENT_TO_RATIO,
        "Share of time some tasks were stalled waiting for CPU, averaged over the window (PSI).", "window",
        "10s", SnapshotNumber.CPU_PRESSURE_10S, "60s", SnapshotNumber.CPU_PRESSURE_60S,
        "300s", SnapshotNumber.CPU_PRESSURE_300S));
    f.add(scalar("pressure_io_waiting_seconds_total", COUNTER, MICROS_TO_SECONDS,
        SnapshotNumber.IO_PRESSURE_SOME_TOTAL_US, "Total time some tasks were stalled waiting for I/O (PSI some)."));
    f.add(labelled("pressure_io_waiting_ratio", GAUGE, PERCENT_TO_RATIO,
        "Share of time some tasks were stalled waiting for I/O, averaged over the window (PSI some).", "window",
        "10s", SnapshotNumber.IO_PRESSURE_SOME_10S, "60s", SnapshotNumber.IO_PRESSURE_SOME_60S,
        "300s", SnapshotNumber.IO_PRESSURE_SOME_300S));
    f.add(scalar("pressure_io_stalled_seconds_total", COUNTER, MICROS_TO_SECONDS,
        SnapshotNumber.IO_PRESSURE_FULL_TOTAL_US, "Total time all non-idle tasks were stalled on I/O (PSI full)."));
    f.add(labelled("pressure_io_stalled_ratio", GAUGE, PERCENT_TO_RATIO,
        "Share of time all non-idle tasks were stalled on I/O, averaged over the window (PSI full).", "window",
        "10s", SnapshotNumber.IO_PRESSURE_FULL_10S, "60s", SnapshotNumber.IO_PRESSURE_FULL_60S,
        "300s", SnapshotNumber.IO_PRESSURE_FULL_300S));
    f.add(scalar("pressure_memory_waiting_seconds_total", COUNTER, MICROS_TO_SECONDS,
        SnapshotNumber.MEMORY_PRESSURE_SOME_TOTAL_US,
        "Total time some tasks were stalled waiting for memory (PSI some)."));
    f.add(labelled("pressure_memory_waiting_ratio", GAUGE, PERCENT_TO_RATIO,
        "Share of time some tasks were stalled waiting for memory, averaged over the window (PSI some).",
        "window", "10s", SnapshotNumber.MEMORY_PRESSURE_SOME_10S, "60s", SnapshotNumber.MEMORY_PRESSURE_SOME_60S,
        "300s", SnapshotNumber.MEMORY_PRESSURE_SOME_300S));
    f.add(scalar("pressure_memory_stalled_seconds_total", COUNTER, MICROS_TO_SECONDS,
        SnapshotNumber.MEMORY_PRESSURE_FULL_TOTAL_US,
        "Total time all non-idle tasks were stalled waiting for memory (PSI full)."));
    f.add(labelled("pressure_memory_stalled_ratio", GAUGE, PERCENT_TO_RATIO,
        "Share of time all non-idle tasks were stalled waiting for memory, averaged over the window (PSI full).",
        "window", "10s", SnapshotNumber.MEMORY_PRESSURE_FULL_10S, "60s", SnapshotNumber.MEMORY_PRESSURE_FULL_60S,
        "300s", SnapshotNumber.MEMORY_PRESSURE_FULL_300S));
  }

  private static void memory(List<Family<Snapshot>> f) {
    // /proc/meminfo, one gauge per field as node_memory_*, in snake_case; page counts stay counts.
    for (SnapshotNumber n : SnapshotNumber.values()) {
      String json = n.json();
      if (json.startsWith("memory_") && !json.startsWith("memory_pressure_")) {
        String name = MEMINFO_RENAMES.getOrDefault(n, json);
        f.add(scalar(name, GAUGE, NONE, n, n.description() + " (/proc/meminfo)."));
      }
    }
  }

  private static void netstat(List<Family<Snapshot>> f) {
    for (SnapshotNumber n : SnapshotNumber.values()) {
      String json = n.json();
      if (!json.startsWith("snmp_")) {
        continue;
      }
      String rest = json.substring("snmp_".length());
      String help = n.description() + " (/proc/net/snmp).";
      switch (n) {
        case SNMP_IP_DEFAULT_TTL -> f.add(scalar("netstat_ip_default_ttl", GAUGE, NONE, n,
            "Default time-to-live of the IP header (/proc/net/snmp)."));
        case SNMP_IP_FORWARDING_ENABLED -> f.add(scalar("netstat_ip_forwarding_enabled", GAUGE, NONE, n,
            "1 when the connector forwards IP datagrams (acts as a gateway), else 0."));
        case SNMP_IP_REASM_TIMEOUT -> f.add(scalar("netstat_ip_reasm_timeout_seconds", GAUGE, NONE, n,
            "Seconds fragments are held while awaiting reassembly (/proc/net/snmp)."));
        case SNMP_TCP_CURR_ESTAB -> f.add(scalar("netstat_tcp_curr_estab", GAUGE, NONE, n,
            "TCP connections in ESTABLISHED or CLOSE-WAIT (/proc/net/snmp)."));
        case SNMP_TCP_MAX_CONN -> f.add(scalar("netstat_tcp_max_conn", GAUGE, NONE, n,
            "Limit on TCP connections, -1 when dynamic (/proc/net/snmp)."));
        case SNMP_TCP_RTO_MAX -> f.add(scalar("netstat_tcp_rto_max_seconds", GAUGE, MILLIS_TO_SECONDS, n,
            "Maximum TCP retransmission timeout (/proc/net/snmp)."));
        case SNMP_TCP_RTO_MIN -> f.add(scalar("netstat_tcp_rto_min_seconds", GAUGE, MILLIS_TO_SECONDS, n,
            "Minimum TCP retransmission timeout (/proc/net/snmp)."));
        default -> f.add(scalar("netstat_" + rest + "_total", COUNTER, NONE, n, help));
      }
    }
  }

  private static void disks(List<Family<Snapshot>> f) {
    f.add(new Family<>(PREFIX + "disk_info", "Block device major and minor numbers.", FamilyType.INFO,
        List.of(DEVICE, "major", "minor"), "disks[].name, disks[].major, disks[].minor", NONE, (s, out) -> {
          for (Snapshot.Disk d : s.disks()) {
            out.sample(new String[] {d.name(), integer(d.get(DiskNumber.MAJOR)), integer(d.get(DiskNumber.MINOR))}, 1);
          }
        }));
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
    f.add(new Family<>(PREFIX + "filesystem_info", "Descriptive fields of a mounted file system.", FamilyType.INFO,
        List.of(mp, DEVICE, "fstype", "kind"),
        "mounts[].mount_point, mounts[].name, mounts[].file_system, mounts[].kind", NONE, (s, out) -> {
          for (Snapshot.Mount m : s.mounts()) {
            out.sample(new String[] {m.mountPoint(), m.name(), m.fileSystem(), m.kind()}, 1);
          }
        }));
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
    f.add(new Family<>(PREFIX + "network_address_info", "An IP address of an interface.", FamilyType.INFO,
        List.of(DEVICE, "address", "interface"),
        "interfaces[].ip_addresses[].ip_address, interfaces[].ip_addresses[].interface_name, interfaces[].name",
        NONE, (s, out) -> {
          for (Snapshot.NetInterface i : s.interfaces()) {
            for (Snapshot.IpAddress a : i.ipAddresses()) {
              out.sample(new String[] {i.name(), a.ipAddress(), a.interfaceName()}, 1);
            }
          }
        }));
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
      f.add(new Family<>(PREFIX + "dhcp_lease_expiry_timestamp_seconds",
          "Expiry of one DHCP lease (opt-in: host names and MAC addresses are personal data).", GAUGE,
          List.of("interface", "ip_address", "mac_address", "hostname", "client_id"),
          "dhcp_leases[].expiry_time, dhcp_leases[].interface_name, dhcp_leases[].ip_address, "
              + "dhcp_leases[].mac_address, dhcp_leases[].hostname, dhcp_leases[].client_id",
          NONE, (s, out) -> {
            for (Snapshot.DhcpLease l : s.dhcpLeases()) {
              out.sample(new String[] {l.interfaceName(), l.ipAddress(), l.macAddress(), l.hostname(), l.clientId()},
                  l.expiryTime());
            }
          }));
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
    f.add(new Family<>(PREFIX + "tunnel_info", "Interface of a tunnel on the connector.", FamilyType.INFO,
        List.of(id, "interface"), "tunnels[].tunnel_id, tunnels[].interface_name", NONE, (s, out) -> {
          for (Snapshot.TunnelHealth t : s.tunnels()) {
            out.sample(t.tunnelId(), t.interfaceName(), 1);
          }
        }));
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

  private static Family<Snapshot> scalar(String name, FamilyType type, Conversion c, SnapshotNumber n, String help) {
    return new Family<>(PREFIX + name, help, type, List.of(), n.json(), c, (s, out) -> out.sample(s.get(n)));
  }

  /** One family over several top-level fields, each one value of {@code label}: (value, field) pairs. */
  private static Family<Snapshot> labelled(String name, FamilyType type, Conversion c, String help, String label,
      Object... pairs) {
    String[] values = new String[pairs.length / 2];
    SnapshotNumber[] fields = new SnapshotNumber[pairs.length / 2];
    StringJoiner source = new StringJoiner(", ");
    for (int i = 0; i < values.length; i++) {
      values[i] = (String) pairs[2 * i];
      fields[i] = (SnapshotNumber) pairs[2 * i + 1];
      source.add(fields[i].json());
    }
    return new Family<>(PREFIX + name, help, type, List.of(label), source.toString(), c, (s, out) -> {
      for (int i = 0; i < fields.length; i++) {
        out.sample(values[i], s.get(fields[i]));
      }
    });
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
