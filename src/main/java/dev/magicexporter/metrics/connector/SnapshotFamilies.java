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
 * exposition and the metrics reference are derived. This class holds the table and the
 * connector-wide fields (CPU, kernel, pressure, memory, netstat); {@link SnapshotDeviceFamilies}
 * adds the per-element ones (disks, mounts, interfaces, DHCP, sensors, tunnels). Names follow node_exporter wherever the
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
    SnapshotDeviceFamilies.add(f, dhcpLeaseSeries);
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

}
