package dev.magicexporter.sim.connectors;

import dev.magicexporter.sim.SimHash;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The snapshot schema of the seed as one table: every top-level field (in the seed's order), its
 * JSON type, whether it is optional, what kind of generator produces it and the generator. The
 * arrays' elements are built by {@link SnapshotArrays}. {@code SnapshotSchemaTest} checks this
 * table against {@code magic-transit-15-snapshots.md}.
 */
final class SnapshotFields {

  enum JsonType { NUMBER, STRING, BOOLEAN, ARRAY }

  /** How a field's value evolves. */
  enum Kind {
    /** The snapshot's own time. */
    TIME,
    /** Fixed per connector (or per boot). */
    CONSTANT,
    /** Only grows while the kernel is up. */
    COUNTER,
    /** Wanders within bounds. */
    GAUGE,
    /** Computed from other fields so related values agree (idle = total - busy, slab = s + u). */
    DERIVED,
    /** A state that changes now and then (HA state, version). */
    STATE,
    /** An array built by {@link SnapshotArrays}; absent when the connector lacks the feature. */
    ARRAY
  }

  record Field(String name, JsonType type, boolean optional, Kind kind, Function<SnapshotSample, Object> value) {}

  /** CPU modes other than idle, with their share of CPU time (idle takes the rest). */
  private static final List<CpuMode> BUSY_MODES = List.of(
      new CpuMode("cpu_time_guest_ms", 0),
      new CpuMode("cpu_time_guest_nice_ms", 0),
      new CpuMode("cpu_time_iowait_ms", 0.004),
      new CpuMode("cpu_time_irq_ms", 0.001),
      new CpuMode("cpu_time_nice_ms", 0.002),
      new CpuMode("cpu_time_softirq_ms", 0.012),
      new CpuMode("cpu_time_steal_ms", 0.003),
      new CpuMode("cpu_time_system_ms", 0.03),
      new CpuMode("cpu_time_user_ms", 0.06));

  private static final long GIB = 1L << 30;
  private static final long MIB = 1L << 20;
  private static final String[] HA_STATES = {"disabled", "active", "standby", "stopped", "fault"};

  static final List<Field> TOP_LEVEL = Stream.of(
      List.of(
          required(counter("count_reclaim_failures", 1.0 / 777_600)),
          required(counter("count_reclaimed_paths", 1.0 / 3_600)),
          required(counter("count_record_failed", 1.0 / 172_800)),
          required(derived("count_transmit_failures", JsonType.NUMBER, s -> s.counter(salt("count_transmit_failures"),
              s.life.connector.role() == SimConnector.Role.INTERMITTENT ? 1.0 / 300 : 1.0 / 43_200))),
          required(new Field("t", JsonType.NUMBER, false, Kind.TIME, s -> s.t)),
          required(new Field("v", JsonType.STRING, false, Kind.STATE, s -> s.life.version(s.t))),
          array("bonds", SnapshotArrays::bonds),
          constant("cpu_count", s -> s.hw.cpus()),
          gauge2("cpu_pressure_10s", 0, 4),
          gauge2("cpu_pressure_300s", 0, 2),
          gauge2("cpu_pressure_60s", 0, 3),
          counter("cpu_pressure_total_us", 8_000)),
      cpuFields(),
      List.of(
          gaugeInt("delta", 0, 12),
          array("dhcp_leases", SnapshotArrays::dhcpLeases),
          array("disks", SnapshotArrays::disks),
          gaugeInt("epsilon", 0, 12),
          new Field("ha_state", JsonType.STRING, true, Kind.STATE, s -> HA_STATES[haValue(s)]),
          new Field("ha_value", JsonType.NUMBER, true, Kind.STATE, SnapshotFields::haValue),
          array("interfaces", SnapshotArrays::interfaces),
          gauge2("io_pressure_full_10s", 0, 1.5),
          gauge2("io_pressure_full_300s", 0, 0.8),
          gauge2("io_pressure_full_60s", 0, 1),
          counter("io_pressure_full_total_us", 3_000),
          gauge2("io_pressure_some_10s", 0, 3),
          gauge2("io_pressure_some_300s", 0, 1.5),
          gauge2("io_pressure_some_60s", 0, 2),
          counter("io_pressure_some_total_us", 6_000),
          constant("kernel_btime", s -> s.boot),
          derived("kernel_ctxt", JsonType.NUMBER, s -> s.counter(salt("kernel_ctxt"), 1_500.0 * s.hw.cpus() * s.hw.scale())),
          counter("kernel_processes", 4),
          gaugeInt("kernel_processes_blocked", 0, 2),
          derived("kernel_processes_running", JsonType.NUMBER, s -> s.gaugeLong(salt("kernel_processes_running"), 1, s.hw.cpus() + 1)),
          derived("load_average_15m", JsonType.NUMBER, s -> s.gauge2(salt("load_average_15m"), 0.05, 0.3 * s.hw.cpus())),
          derived("load_average_1m", JsonType.NUMBER, s -> s.gauge2(salt("load_average_1m"), 0.02, 0.6 * s.hw.cpus())),
          derived("load_average_5m", JsonType.NUMBER, s -> s.gauge2(salt("load_average_5m"), 0.03, 0.45 * s.hw.cpus())),
          derived("load_average_cur", JsonType.NUMBER, s -> s.gaugeLong(salt("load_average_cur"), 1, s.hw.cpus())),
          gaugeInt("load_average_max", 180, 320)),
      memoryFields(),
      List.of(
          array("mounts", SnapshotArrays::mounts),
          array("netdevs", SnapshotArrays::netdevs),
          constant("platform", JsonType.STRING, s -> s.hw.platform())),
      snmpFields(),
      List.of(
          constant("system_boot_time_s", s -> s.boot),
          array("thermals", SnapshotArrays::thermals),
          array("tunnels", SnapshotArrays::tunnels),
          derived("uptime_idle_ms", JsonType.NUMBER, SnapshotFields::cpuIdleMs),
          derived("uptime_total_ms", JsonType.NUMBER, s -> (long) (s.uptime * 1000))))
      .flatMap(List::stream)
      .toList();

  /** The optional top-level fields, candidates for an occasional drop. */
  static final List<Field> OPTIONAL = TOP_LEVEL.stream().filter(Field::optional).toList();

  private SnapshotFields() {}

  private static List<Field> cpuFields() {
    return List.of(
        cpuBusy("cpu_time_guest_ms"),
        cpuBusy("cpu_time_guest_nice_ms"),
        derived("cpu_time_idle_ms", JsonType.NUMBER, SnapshotFields::cpuIdleMs),
        cpuBusy("cpu_time_iowait_ms"),
        cpuBusy("cpu_time_irq_ms"),
        cpuBusy("cpu_time_nice_ms"),
        cpuBusy("cpu_time_softirq_ms"),
        cpuBusy("cpu_time_steal_ms"),
        cpuBusy("cpu_time_system_ms"),
        cpuBusy("cpu_time_user_ms"));
  }

  private static List<Field> memoryFields() {
    return List.of(
        mem("memory_active_bytes", s -> (long) (s.memoryUsed() * 0.6 + s.memoryCached() * 0.3)),
        mem("memory_anon_hugepages_bytes", s -> 2 * MIB * s.gaugeLong(salt("memory_anon_hugepages_bytes"), 0, 32)),
        mem("memory_anon_pages_bytes", s -> (long) (s.memoryUsed() * 0.7)),
        mem("memory_available_bytes", s -> s.memoryFree() + (long) (s.memoryCached() * 0.85) + s.memoryBuffers()),
        constantMem("memory_bounce_bytes", s -> 0L),
        mem("memory_buffers_bytes", SnapshotSample::memoryBuffers),
        mem("memory_cached_bytes", SnapshotSample::memoryCached),
        mem("memory_cma_free_bytes", s -> 4096 * s.gaugeLong(salt("memory_cma_free_bytes"), 12_000, 16_384)),
        constantMem("memory_cma_total_bytes", s -> 64 * MIB),
        constantMem("memory_commit_limit_bytes", s -> s.hw.memoryBytes() / 2 + s.hw.swapBytes()),
        mem("memory_committed_as_bytes", s -> (long) (s.memoryUsed() * 1.4)),
        mem("memory_dirty_bytes", s -> 4096 * s.gaugeLong(salt("memory_dirty_bytes"), 0, 2_048)),
        mem("memory_free_bytes", SnapshotSample::memoryFree),
        constantMem("memory_high_free_bytes", s -> 0L),
        constantMem("memory_high_total_bytes", s -> 0L),
        constantMem("memory_hugepages_free", s -> 0L),
        constantMem("memory_hugepages_rsvd", s -> 0L),
        constantMem("memory_hugepages_surp", s -> 0L),
        constantMem("memory_hugepages_total", s -> 0L),
        constantMem("memory_hugepagesize_bytes", s -> 2 * MIB),
        mem("memory_inactive_bytes", s -> (long) (s.memoryUsed() * 0.2 + s.memoryCached() * 0.6)),
        mem("memory_k_reclaimable_bytes", s -> sReclaimable(s) + 2 * MIB),
        mem("memory_kernel_stack_bytes", s -> 16_384 * s.gaugeLong(salt("memory_kernel_stack_bytes"), 600, 1_000)),
        mem("memory_low_free_bytes", SnapshotSample::memoryFree),
        constantMem("memory_low_total_bytes", s -> s.hw.memoryBytes()),
        mem("memory_mapped_bytes", s -> (long) (s.hw.memoryBytes() * s.gauge(salt("memory_mapped_bytes"), 0.03, 0.06))),
        mem("memory_page_tables_bytes", s -> 4096 * s.gaugeLong(salt("memory_page_tables_bytes"), 2_500, 7_500)),
        constantMem("memory_per_cpu_bytes", s -> s.hw.cpus() * 1_310_720L),
        gauge2("memory_pressure_full_10s", 0, 0.3),
        gauge2("memory_pressure_full_300s", 0, 0.1),
        gauge2("memory_pressure_full_60s", 0, 0.2),
        counter("memory_pressure_full_total_us", 200),
        gauge2("memory_pressure_some_10s", 0, 0.6),
        gauge2("memory_pressure_some_300s", 0, 0.2),
        gauge2("memory_pressure_some_60s", 0, 0.4),
        counter("memory_pressure_some_total_us", 500),
        mem("memory_s_reclaimable_bytes", SnapshotFields::sReclaimable),
        mem("memory_s_unreclaim_bytes", SnapshotFields::sUnreclaim),
        constantMem("memory_secondary_page_tables_bytes", s -> 0L),
        mem("memory_shmem_bytes", s -> 4096 * s.gaugeLong(salt("memory_shmem_bytes"), 5_000, 20_000)),
        constantMem("memory_shmem_hugepages_bytes", s -> 0L),
        constantMem("memory_shmem_pmd_mapped_bytes", s -> 0L),
        mem("memory_slab_bytes", s -> sReclaimable(s) + sUnreclaim(s)),
        mem("memory_swap_cached_bytes", s -> s.hw.swapBytes() == 0 ? 0L
            : 4096 * s.gaugeLong(salt("memory_swap_cached_bytes"), 0, 1_024)),
        mem("memory_swap_free_bytes", s -> s.hw.swapBytes() == 0 ? 0L
            : s.hw.swapBytes() - 4096 * s.gaugeLong(salt("memory_swap_free_bytes"), 0, 8_192)),
        constantMem("memory_swap_total_bytes", s -> s.hw.swapBytes()),
        constantMem("memory_total_bytes", s -> s.hw.memoryBytes()),
        constantMem("memory_vmalloc_chunk_bytes", s -> 0L),
        constantMem("memory_vmalloc_total_bytes", s -> 35_184_372_087_808L),
        mem("memory_vmalloc_used_bytes", s -> 4096 * s.gaugeLong(salt("memory_vmalloc_used_bytes"), 7_000, 15_000)),
        mem("memory_writeback_bytes", s -> 4096 * s.gaugeLong(salt("memory_writeback_bytes"), 0, 64)),
        constantMem("memory_writeback_tmp_bytes", s -> 0L),
        constantMem("memory_z_swap_bytes", s -> 0L),
        constantMem("memory_z_swapped_bytes", s -> 0L));
  }

  private static List<Field> snmpFields() {
    return List.of(
        traffic("snmp_icmp_in_addr_mask_reps", 0),
        traffic("snmp_icmp_in_addr_masks", 0),
        traffic("snmp_icmp_in_csum_errors", 0.00001),
        traffic("snmp_icmp_in_dest_unreachs", 0.05),
        traffic("snmp_icmp_in_echo_reps", 2),
        traffic("snmp_icmp_in_echos", 2),
        traffic("snmp_icmp_in_errors", 0.0005),
        derived("snmp_icmp_in_msgs", JsonType.NUMBER, s -> sum(s, ICMP_IN)),
        traffic("snmp_icmp_in_parm_probs", 0.0001),
        traffic("snmp_icmp_in_redirects", 0),
        traffic("snmp_icmp_in_src_quenchs", 0),
        traffic("snmp_icmp_in_time_excds", 0.01),
        traffic("snmp_icmp_in_timestamp_reps", 0),
        traffic("snmp_icmp_in_timestamps", 0.0002),
        traffic("snmp_icmp_out_addr_mask_reps", 0),
        traffic("snmp_icmp_out_addr_masks", 0),
        traffic("snmp_icmp_out_dest_unreachs", 0.08),
        traffic("snmp_icmp_out_echo_reps", 2),
        traffic("snmp_icmp_out_echos", 2),
        traffic("snmp_icmp_out_errors", 0),
        derived("snmp_icmp_out_msgs", JsonType.NUMBER, s -> sum(s, ICMP_OUT)),
        traffic("snmp_icmp_out_parm_probs", 0),
        traffic("snmp_icmp_out_redirects", 0),
        traffic("snmp_icmp_out_src_quenchs", 0),
        traffic("snmp_icmp_out_time_excds", 0.02),
        traffic("snmp_icmp_out_timestamp_reps", 0.0002),
        traffic("snmp_icmp_out_timestamps", 0),
        constant("snmp_ip_default_ttl", s -> 64),
        traffic("snmp_ip_forw_datagrams", 2_000),
        constant("snmp_ip_forwarding_enabled", JsonType.BOOLEAN, s -> true),
        traffic("snmp_ip_frag_creates", 0.4),
        traffic("snmp_ip_frag_fails", 0.001),
        traffic("snmp_ip_frag_oks", 0.2),
        traffic("snmp_ip_in_addr_errors", 0.01),
        traffic("snmp_ip_in_delivers", 900),
        traffic("snmp_ip_in_discards", 0.05),
        traffic("snmp_ip_in_hdr_errors", 0.002),
        traffic("snmp_ip_in_receives", 3_000),
        traffic("snmp_ip_in_unknown_protos", 0.001),
        traffic("snmp_ip_out_discards", 0.03),
        traffic("snmp_ip_out_no_routes", 0.02),
        traffic("snmp_ip_out_requests", 950),
        traffic("snmp_ip_reasm_fails", 0.001),
        traffic("snmp_ip_reasm_oks", 0.1),
        traffic("snmp_ip_reasm_reqds", 0.2),
        constant("snmp_ip_reasm_timeout", s -> 30),
        traffic("snmp_tcp_active_opens", 0.5),
        traffic("snmp_tcp_attempt_fails", 0.01),
        gaugeInt("snmp_tcp_curr_estab", 20, 120),
        traffic("snmp_tcp_estab_resets", 0.02),
        traffic("snmp_tcp_in_csum_errors", 0.0001),
        traffic("snmp_tcp_in_errs", 0.001),
        traffic("snmp_tcp_in_segs", 200),
        constant("snmp_tcp_max_conn", s -> -1),
        traffic("snmp_tcp_out_rsts", 0.05),
        traffic("snmp_tcp_out_segs", 220),
        traffic("snmp_tcp_passive_opens", 0.3),
        traffic("snmp_tcp_retrans_segs", 0.5),
        constant("snmp_tcp_rto_max", s -> 120_000),
        constant("snmp_tcp_rto_min", s -> 200),
        traffic("snmp_udp_in_datagrams", 50),
        traffic("snmp_udp_in_errors", 0.01),
        traffic("snmp_udp_no_ports", 0.2),
        traffic("snmp_udp_out_datagrams", 55));
  }

  private static final List<String> ICMP_IN = List.of("snmp_icmp_in_dest_unreachs", "snmp_icmp_in_echo_reps",
      "snmp_icmp_in_echos", "snmp_icmp_in_parm_probs", "snmp_icmp_in_time_excds", "snmp_icmp_in_timestamps",
      "snmp_icmp_in_errors");
  private static final List<String> ICMP_OUT = List.of("snmp_icmp_out_dest_unreachs", "snmp_icmp_out_echo_reps",
      "snmp_icmp_out_echos", "snmp_icmp_out_time_excds", "snmp_icmp_out_timestamp_reps");

  /** The HA state number: pairs (0,1), (2,3)... take turns being active, with rare faults. */
  static int haValue(SnapshotSample s) {
    if (!s.hw.highAvailability()) {
      return 0;
    }
    if (s.chance(salt("ha_fault"), 1_800, s.life.connector.role() == SimConnector.Role.INTERMITTENT ? 0.1 : 0.02)) {
      return 4;
    }
    if (s.chance(salt("ha_stopped"), 1_800, 0.01)) {
      return 3;
    }
    int pair = s.life.connector.index() / 2;
    long pairKey = SimHash.of(s.world.accountKey(s.life.connector.accountId()), pair);
    boolean swapped = SimHash.unit(SimHash.of(pairKey, Math.floorDiv(s.t, 7_200))) < 0.15;
    boolean first = s.life.connector.index() % 2 == 0;
    return first != swapped ? 1 : 2;
  }

  static long cpuBusyMs(SnapshotSample s, CpuMode m) {
    double share = m.name.equals("cpu_time_steal_ms") && s.hw.platform().equals("hardware") ? 0 : m.share;
    return s.counter(m.salt, share * 1000 * s.hw.cpus());
  }

  static long cpuIdleMs(SnapshotSample s) {
    long busy = 0;
    for (CpuMode m : BUSY_MODES) {
      busy += cpuBusyMs(s, m);
    }
    return (long) (s.uptime * 1000) * s.hw.cpus() - busy;
  }

  private static long sReclaimable(SnapshotSample s) {
    return (long) (s.hw.memoryBytes() * s.gauge(salt("memory_s_reclaimable_bytes"), 0.015, 0.03));
  }

  private static long sUnreclaim(SnapshotSample s) {
    return (long) (s.hw.memoryBytes() * s.gauge(salt("memory_s_unreclaim_bytes"), 0.008, 0.012));
  }

  private static long sum(SnapshotSample s, List<String> fields) {
    long total = 0;
    for (Field f : TOP_LEVEL) {
      if (fields.contains(f.name)) {
        total += (Long) f.value.apply(s);
      }
    }
    return total;
  }

  static long salt(String name) {
    return SimHash.of(name);
  }

  private static Field required(Field f) {
    return new Field(f.name, f.type, false, f.kind, f.value);
  }

  private static Field counter(String name, double perSecond) {
    long salt = salt(name);
    return new Field(name, JsonType.NUMBER, true, Kind.COUNTER, s -> s.counter(salt, perSecond));
  }

  /** A counter whose rate follows the connector's traffic volume. */
  private static Field traffic(String name, double perSecond) {
    long salt = salt(name);
    return new Field(name, JsonType.NUMBER, true, Kind.COUNTER, s -> s.counter(salt, perSecond * s.hw.scale()));
  }

  private static Field cpuBusy(String name) {
    CpuMode mode = BUSY_MODES.stream().filter(m -> m.name.equals(name)).findFirst().orElseThrow();
    return new Field(name, JsonType.NUMBER, true, Kind.COUNTER, s -> cpuBusyMs(s, mode));
  }

  private static Field gauge2(String name, double lo, double hi) {
    long salt = salt(name);
    return new Field(name, JsonType.NUMBER, true, Kind.GAUGE, s -> s.gauge2(salt, lo, hi));
  }

  private static Field gaugeInt(String name, double lo, double hi) {
    long salt = salt(name);
    return new Field(name, JsonType.NUMBER, true, Kind.GAUGE, s -> s.gaugeLong(salt, lo, hi));
  }

  private static Field mem(String name, Function<SnapshotSample, Object> value) {
    return new Field(name, JsonType.NUMBER, true, Kind.GAUGE, value);
  }

  private static Field constantMem(String name, Function<SnapshotSample, Object> value) {
    return new Field(name, JsonType.NUMBER, true, Kind.CONSTANT, value);
  }

  private static Field constant(String name, Function<SnapshotSample, Object> value) {
    return constant(name, JsonType.NUMBER, value);
  }

  private static Field constant(String name, JsonType type, Function<SnapshotSample, Object> value) {
    return new Field(name, type, true, Kind.CONSTANT, value);
  }

  private static Field derived(String name, JsonType type, Function<SnapshotSample, Object> value) {
    return new Field(name, type, true, Kind.DERIVED, value);
  }

  private static Field array(String name, Function<SnapshotSample, Object> value) {
    return new Field(name, JsonType.ARRAY, true, Kind.ARRAY, value);
  }

  record CpuMode(String name, double share, long salt) {
    CpuMode(String name, double share) {
      this(name, share, SnapshotFields.salt(name));
    }
  }
}
