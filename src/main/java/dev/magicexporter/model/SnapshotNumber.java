package dev.magicexporter.model;

import java.util.HashMap;
import java.util.Map;

/**
 * The numeric (and boolean, stored as 1 or 0) top-level fields of a connector snapshot, in the
 * order of the API reference, with the reference's description. {@link Snapshot} keeps their
 * values in one {@code double[]} indexed by {@link #ordinal()} instead of 160 record
 * components: a record that large would not compile (JVM parameter slots) and boxed optionals
 * would cost several times the memory.
 */
public enum SnapshotNumber {
  COUNT_RECLAIM_FAILURES("count_reclaim_failures", "Count of failures to reclaim space"),
  COUNT_RECLAIMED_PATHS("count_reclaimed_paths", "Count of reclaimed paths"),
  COUNT_RECORD_FAILED("count_record_failed", "Count of failed snapshot recordings"),
  COUNT_TRANSMIT_FAILURES("count_transmit_failures", "Count of failed snapshot transmissions"),
  T("t", "Time the Snapshot was recorded (seconds since the Unix epoch)"),
  /** Only in snapshot list items so far; kept when a full snapshot carries it. */
  A("a", "Time the Snapshot was collected (seconds since the Unix epoch)"),
  CPU_COUNT("cpu_count", "Count of processors/cores"),
  CPU_PRESSURE_10S("cpu_pressure_10s", "Percentage of time over a 10 second window that tasks were stalled"),
  CPU_PRESSURE_300S("cpu_pressure_300s", "Percentage of time over a 5 minute window that tasks were stalled"),
  CPU_PRESSURE_60S("cpu_pressure_60s", "Percentage of time over a 1 minute window that tasks were stalled"),
  CPU_PRESSURE_TOTAL_US("cpu_pressure_total_us", "Total stall time (microseconds)"),
  CPU_TIME_GUEST_MS("cpu_time_guest_ms", "Time spent running a virtual CPU or guest OS (milliseconds)"),
  CPU_TIME_GUEST_NICE_MS("cpu_time_guest_nice_ms", "Time spent running a niced guest (milliseconds)"),
  CPU_TIME_IDLE_MS("cpu_time_idle_ms", "Time spent in idle state (milliseconds)"),
  CPU_TIME_IOWAIT_MS("cpu_time_iowait_ms", "Time spent wait for I/O to complete (milliseconds)"),
  CPU_TIME_IRQ_MS("cpu_time_irq_ms", "Time spent servicing interrupts (milliseconds)"),
  CPU_TIME_NICE_MS("cpu_time_nice_ms", "Time spent in low-priority user mode (milliseconds)"),
  CPU_TIME_SOFTIRQ_MS("cpu_time_softirq_ms", "Time spent servicing softirqs (milliseconds)"),
  CPU_TIME_STEAL_MS("cpu_time_steal_ms", "Time stolen (milliseconds)"),
  CPU_TIME_SYSTEM_MS("cpu_time_system_ms", "Time spent in system mode (milliseconds)"),
  CPU_TIME_USER_MS("cpu_time_user_ms", "Time spent in user mode (milliseconds)"),
  DELTA("delta", "Number of network operations applied during state transition"),
  EPSILON("epsilon", "Simulated number of network operations applied during state transition"),
  HA_VALUE("ha_value", "Numeric value associated with high availability state (0 = disabled, 1 = active,"),
  IO_PRESSURE_FULL_10S("io_pressure_full_10s", "Percentage of time over a 10 second window that all tasks were stalled"),
  IO_PRESSURE_FULL_300S("io_pressure_full_300s", "Percentage of time over a 5 minute window that all tasks were stalled"),
  IO_PRESSURE_FULL_60S("io_pressure_full_60s", "Percentage of time over a 1 minute window that all tasks were stalled"),
  IO_PRESSURE_FULL_TOTAL_US("io_pressure_full_total_us", "Total stall time (microseconds)"),
  IO_PRESSURE_SOME_10S("io_pressure_some_10s", "Percentage of time over a 10 second window that some tasks were stalled"),
  IO_PRESSURE_SOME_300S("io_pressure_some_300s", "Percentage of time over a 3 minute window that some tasks were stalled"),
  IO_PRESSURE_SOME_60S("io_pressure_some_60s", "Percentage of time over a 1 minute window that some tasks were stalled"),
  IO_PRESSURE_SOME_TOTAL_US("io_pressure_some_total_us", "Total stall time (microseconds)"),
  KERNEL_BTIME("kernel_btime", "Boot time (seconds since Unix epoch)"),
  KERNEL_CTXT("kernel_ctxt", "Number of context switches that the system underwent"),
  KERNEL_PROCESSES("kernel_processes", "Number of forks since boot"),
  KERNEL_PROCESSES_BLOCKED("kernel_processes_blocked", "Number of processes blocked waiting for I/O"),
  KERNEL_PROCESSES_RUNNING("kernel_processes_running", "Number of processes in runnable state"),
  LOAD_AVERAGE_15M("load_average_15m", "The fifteen-minute load average"),
  LOAD_AVERAGE_1M("load_average_1m", "The one-minute load average"),
  LOAD_AVERAGE_5M("load_average_5m", "The five-minute load average"),
  LOAD_AVERAGE_CUR("load_average_cur", "Number of currently runnable kernel scheduling entities"),
  LOAD_AVERAGE_MAX("load_average_max", "Number of kernel scheduling entities that currently exist on the system"),
  MEMORY_ACTIVE_BYTES("memory_active_bytes", "Memory that has been used more recently"),
  MEMORY_ANON_HUGEPAGES_BYTES("memory_anon_hugepages_bytes", "Non-file backed huge pages mapped into user-space page tables"),
  MEMORY_ANON_PAGES_BYTES("memory_anon_pages_bytes", "Non-file backed pages mapped into user-space page tables"),
  MEMORY_AVAILABLE_BYTES("memory_available_bytes", "Estimate of how much memory is available for starting new applications"),
  MEMORY_BOUNCE_BYTES("memory_bounce_bytes", "Memory used for block device bounce buffers"),
  MEMORY_BUFFERS_BYTES("memory_buffers_bytes", "Relatively temporary storage for raw disk blocks"),
  MEMORY_CACHED_BYTES("memory_cached_bytes", "In-memory cache for files read from the disk"),
  MEMORY_CMA_FREE_BYTES("memory_cma_free_bytes", "Free CMA (Contiguous Memory Allocator) pages"),
  MEMORY_CMA_TOTAL_BYTES("memory_cma_total_bytes", "Total CMA (Contiguous Memory Allocator) pages"),
  MEMORY_COMMIT_LIMIT_BYTES("memory_commit_limit_bytes", "Total amount of memory currently available to be allocated on the system"),
  MEMORY_COMMITTED_AS_BYTES("memory_committed_as_bytes", "Amount of memory presently allocated on the system"),
  MEMORY_DIRTY_BYTES("memory_dirty_bytes", "Memory which is waiting to get written back to the disk"),
  MEMORY_FREE_BYTES("memory_free_bytes", "The sum of LowFree and HighFree"),
  MEMORY_HIGH_FREE_BYTES("memory_high_free_bytes", "Amount of free highmem"),
  MEMORY_HIGH_TOTAL_BYTES("memory_high_total_bytes", "Total amount of highmem"),
  MEMORY_HUGEPAGES_FREE("memory_hugepages_free", "The number of huge pages in the pool that are not yet allocated"),
  MEMORY_HUGEPAGES_RSVD("memory_hugepages_rsvd", "Number of huge pages for which a commitment has been made, but no allocation has"),
  MEMORY_HUGEPAGES_SURP("memory_hugepages_surp", "Number of huge pages in the pool above the threshold"),
  MEMORY_HUGEPAGES_TOTAL("memory_hugepages_total", "The size of the pool of huge pages"),
  MEMORY_HUGEPAGESIZE_BYTES("memory_hugepagesize_bytes", "The size of huge pages"),
  MEMORY_INACTIVE_BYTES("memory_inactive_bytes", "Memory which has been less recently used"),
  MEMORY_K_RECLAIMABLE_BYTES("memory_k_reclaimable_bytes", "Kernel allocations that the kernel will attempt to reclaim under memory pressure"),
  MEMORY_KERNEL_STACK_BYTES("memory_kernel_stack_bytes", "Amount of memory allocated to kernel stacks"),
  MEMORY_LOW_FREE_BYTES("memory_low_free_bytes", "Amount of free lowmem"),
  MEMORY_LOW_TOTAL_BYTES("memory_low_total_bytes", "Total amount of lowmem"),
  MEMORY_MAPPED_BYTES("memory_mapped_bytes", "Files which have been mapped into memory"),
  MEMORY_PAGE_TABLES_BYTES("memory_page_tables_bytes", "Amount of memory dedicated to the lowest level of page tables"),
  MEMORY_PER_CPU_BYTES("memory_per_cpu_bytes", "Memory allocated to the per-cpu alloctor used to back per-cpu allocations"),
  MEMORY_PRESSURE_FULL_10S("memory_pressure_full_10s", "Percentage of time over a 10 second window that all tasks were stalled"),
  MEMORY_PRESSURE_FULL_300S("memory_pressure_full_300s", "Percentage of time over a 5 minute window that all tasks were stalled"),
  MEMORY_PRESSURE_FULL_60S("memory_pressure_full_60s", "Percentage of time over a 1 minute window that all tasks were stalled"),
  MEMORY_PRESSURE_FULL_TOTAL_US("memory_pressure_full_total_us", "Total stall time (microseconds)"),
  MEMORY_PRESSURE_SOME_10S("memory_pressure_some_10s", "Percentage of time over a 10 second window that some tasks were stalled"),
  MEMORY_PRESSURE_SOME_300S("memory_pressure_some_300s", "Percentage of time over a 5 minute window that some tasks were stalled"),
  MEMORY_PRESSURE_SOME_60S("memory_pressure_some_60s", "Percentage of time over a 1 minute window that some tasks were stalled"),
  MEMORY_PRESSURE_SOME_TOTAL_US("memory_pressure_some_total_us", "Total stall time (microseconds)"),
  MEMORY_S_RECLAIMABLE_BYTES("memory_s_reclaimable_bytes", "Part of slab that can be reclaimed on memory pressure"),
  MEMORY_S_UNRECLAIM_BYTES("memory_s_unreclaim_bytes", "Part of slab that cannot be reclaimed on memory pressure"),
  MEMORY_SECONDARY_PAGE_TABLES_BYTES("memory_secondary_page_tables_bytes", "Amount of memory dedicated to the lowest level of page tables"),
  MEMORY_SHMEM_BYTES("memory_shmem_bytes", "Amount of memory consumed by tmpfs"),
  MEMORY_SHMEM_HUGEPAGES_BYTES("memory_shmem_hugepages_bytes", "Memory used by shmem and tmpfs, allocated with huge pages"),
  MEMORY_SHMEM_PMD_MAPPED_BYTES("memory_shmem_pmd_mapped_bytes", "Shared memory mapped into user space with huge pages"),
  MEMORY_SLAB_BYTES("memory_slab_bytes", "In-kernel data structures cache"),
  MEMORY_SWAP_CACHED_BYTES("memory_swap_cached_bytes", "Memory swapped out and back in while still in swap file"),
  MEMORY_SWAP_FREE_BYTES("memory_swap_free_bytes", "Amount of swap space that is currently unused"),
  MEMORY_SWAP_TOTAL_BYTES("memory_swap_total_bytes", "Total amount of swap space available"),
  MEMORY_TOTAL_BYTES("memory_total_bytes", "Total usable RAM"),
  MEMORY_VMALLOC_CHUNK_BYTES("memory_vmalloc_chunk_bytes", "Largest contiguous block of vmalloc area which is free"),
  MEMORY_VMALLOC_TOTAL_BYTES("memory_vmalloc_total_bytes", "Total size of vmalloc memory area"),
  MEMORY_VMALLOC_USED_BYTES("memory_vmalloc_used_bytes", "Amount of vmalloc area which is used"),
  MEMORY_WRITEBACK_BYTES("memory_writeback_bytes", "Memory which is actively being written back to the disk"),
  MEMORY_WRITEBACK_TMP_BYTES("memory_writeback_tmp_bytes", "Memory used by FUSE for temporary writeback buffers"),
  MEMORY_Z_SWAP_BYTES("memory_z_swap_bytes", "Memory consumed by the zswap backend, compressed"),
  MEMORY_Z_SWAPPED_BYTES("memory_z_swapped_bytes", "Amount of anonymous memory stored in zswap, uncompressed"),
  SNMP_ICMP_IN_ADDR_MASK_REPS("snmp_icmp_in_addr_mask_reps", "Number of ICMP Address Mask Reply messages received"),
  SNMP_ICMP_IN_ADDR_MASKS("snmp_icmp_in_addr_masks", "Number of ICMP Address Mask Request messages received"),
  SNMP_ICMP_IN_CSUM_ERRORS("snmp_icmp_in_csum_errors", "Number of ICMP messages received with bad checksums"),
  SNMP_ICMP_IN_DEST_UNREACHS("snmp_icmp_in_dest_unreachs", "Number of ICMP Destination Unreachable messages received"),
  SNMP_ICMP_IN_ECHO_REPS("snmp_icmp_in_echo_reps", "Number of ICMP Echo Reply messages received"),
  SNMP_ICMP_IN_ECHOS("snmp_icmp_in_echos", "Number of ICMP Echo (request) messages received"),
  SNMP_ICMP_IN_ERRORS("snmp_icmp_in_errors", "Number of ICMP messages received with ICMP-specific errors"),
  SNMP_ICMP_IN_MSGS("snmp_icmp_in_msgs", "Number of ICMP messages received"),
  SNMP_ICMP_IN_PARM_PROBS("snmp_icmp_in_parm_probs", "Number of ICMP Parameter Problem messages received"),
  SNMP_ICMP_IN_REDIRECTS("snmp_icmp_in_redirects", "Number of ICMP Redirect messages received"),
  SNMP_ICMP_IN_SRC_QUENCHS("snmp_icmp_in_src_quenchs", "Number of ICMP Source Quench messages received"),
  SNMP_ICMP_IN_TIME_EXCDS("snmp_icmp_in_time_excds", "Number of ICMP Time Exceeded messages received"),
  SNMP_ICMP_IN_TIMESTAMP_REPS("snmp_icmp_in_timestamp_reps", "Number of ICMP Address Mask Request messages received"),
  SNMP_ICMP_IN_TIMESTAMPS("snmp_icmp_in_timestamps", "Number of ICMP Timestamp (request) messages received"),
  SNMP_ICMP_OUT_ADDR_MASK_REPS("snmp_icmp_out_addr_mask_reps", "Number of ICMP Address Mask Reply messages sent"),
  SNMP_ICMP_OUT_ADDR_MASKS("snmp_icmp_out_addr_masks", "Number of ICMP Address Mask Request messages sent"),
  SNMP_ICMP_OUT_DEST_UNREACHS("snmp_icmp_out_dest_unreachs", "Number of ICMP Destination Unreachable messages sent"),
  SNMP_ICMP_OUT_ECHO_REPS("snmp_icmp_out_echo_reps", "Number of ICMP Echo Reply messages sent"),
  SNMP_ICMP_OUT_ECHOS("snmp_icmp_out_echos", "Number of ICMP Echo (request) messages sent"),
  SNMP_ICMP_OUT_ERRORS("snmp_icmp_out_errors", "Number of ICMP messages which this entity did not send due to ICMP-specific erro"),
  SNMP_ICMP_OUT_MSGS("snmp_icmp_out_msgs", "Number of ICMP messages attempted to send"),
  SNMP_ICMP_OUT_PARM_PROBS("snmp_icmp_out_parm_probs", "Number of ICMP Parameter Problem messages sent"),
  SNMP_ICMP_OUT_REDIRECTS("snmp_icmp_out_redirects", "Number of ICMP Redirect messages sent"),
  SNMP_ICMP_OUT_SRC_QUENCHS("snmp_icmp_out_src_quenchs", "Number of ICMP Source Quench messages sent"),
  SNMP_ICMP_OUT_TIME_EXCDS("snmp_icmp_out_time_excds", "Number of ICMP Time Exceeded messages sent"),
  SNMP_ICMP_OUT_TIMESTAMP_REPS("snmp_icmp_out_timestamp_reps", "Number of ICMP Timestamp Reply messages sent"),
  SNMP_ICMP_OUT_TIMESTAMPS("snmp_icmp_out_timestamps", "Number of ICMP Timestamp (request) messages sent"),
  SNMP_IP_DEFAULT_TTL("snmp_ip_default_ttl", "Default value of the Time-To-Live field of the IP header"),
  SNMP_IP_FORW_DATAGRAMS("snmp_ip_forw_datagrams", "Number of datagrams forwarded to their final destination"),
  SNMP_IP_FORWARDING_ENABLED("snmp_ip_forwarding_enabled", "Set when acting as an IP gateway"),
  SNMP_IP_FRAG_CREATES("snmp_ip_frag_creates", "Number of datagrams generated by fragmentation"),
  SNMP_IP_FRAG_FAILS("snmp_ip_frag_fails", "Number of datagrams discarded because fragmentation failed"),
  SNMP_IP_FRAG_OKS("snmp_ip_frag_oks", "Number of datagrams successfully fragmented"),
  SNMP_IP_IN_ADDR_ERRORS("snmp_ip_in_addr_errors", "Number of input datagrams discarded due to errors in the IP address"),
  SNMP_IP_IN_DELIVERS("snmp_ip_in_delivers", "Number of input datagrams successfully delivered to IP user-protocols"),
  SNMP_IP_IN_DISCARDS("snmp_ip_in_discards", "Number of input datagrams otherwise discarded"),
  SNMP_IP_IN_HDR_ERRORS("snmp_ip_in_hdr_errors", "Number of input datagrams discarded due to errors in the IP header"),
  SNMP_IP_IN_RECEIVES("snmp_ip_in_receives", "Number of input datagrams received from interfaces"),
  SNMP_IP_IN_UNKNOWN_PROTOS("snmp_ip_in_unknown_protos", "Number of input datagrams discarded due unknown or unsupported protocol"),
  SNMP_IP_OUT_DISCARDS("snmp_ip_out_discards", "Number of output datagrams otherwise discarded"),
  SNMP_IP_OUT_NO_ROUTES("snmp_ip_out_no_routes", "Number of output datagrams discarded because no route matched"),
  SNMP_IP_OUT_REQUESTS("snmp_ip_out_requests", "Number of datagrams supplied for transmission"),
  SNMP_IP_REASM_FAILS("snmp_ip_reasm_fails", "Number of failures detected by the reassembly algorithm"),
  SNMP_IP_REASM_OKS("snmp_ip_reasm_oks", "Number of datagrams successfully reassembled"),
  SNMP_IP_REASM_REQDS("snmp_ip_reasm_reqds", "Number of fragments received which needed to be reassembled"),
  SNMP_IP_REASM_TIMEOUT("snmp_ip_reasm_timeout", "Number of seconds fragments are held while awaiting reassembly"),
  SNMP_TCP_ACTIVE_OPENS("snmp_tcp_active_opens", "Number of times TCP transitions to SYN-SENT from CLOSED"),
  SNMP_TCP_ATTEMPT_FAILS("snmp_tcp_attempt_fails", "Number of times TCP transitions to CLOSED from SYN-SENT or SYN-RCVD, plus transi"),
  SNMP_TCP_CURR_ESTAB("snmp_tcp_curr_estab", "Number of TCP connections in ESTABLISHED or CLOSE-WAIT"),
  SNMP_TCP_ESTAB_RESETS("snmp_tcp_estab_resets", "Number of times TCP transitions to CLOSED from ESTABLISHED or CLOSE-WAIT"),
  SNMP_TCP_IN_CSUM_ERRORS("snmp_tcp_in_csum_errors", "Number of TCP segments received with checksum errors"),
  SNMP_TCP_IN_ERRS("snmp_tcp_in_errs", "Number of TCP segments received in error"),
  SNMP_TCP_IN_SEGS("snmp_tcp_in_segs", "Number of TCP segments received"),
  SNMP_TCP_MAX_CONN("snmp_tcp_max_conn", "Limit on the total number of TCP connections"),
  SNMP_TCP_OUT_RSTS("snmp_tcp_out_rsts", "Number of TCP segments sent with RST flag"),
  SNMP_TCP_OUT_SEGS("snmp_tcp_out_segs", "Number of TCP segments sent"),
  SNMP_TCP_PASSIVE_OPENS("snmp_tcp_passive_opens", "Number of times TCP transitions to SYN-RCVD from LISTEN"),
  SNMP_TCP_RETRANS_SEGS("snmp_tcp_retrans_segs", "Number of TCP segments retransmitted"),
  SNMP_TCP_RTO_MAX("snmp_tcp_rto_max", "Maximum value permitted by a TCP implementation for the retransmission timeout ("),
  SNMP_TCP_RTO_MIN("snmp_tcp_rto_min", "Minimum value permitted by a TCP implementation for the retransmission timeout ("),
  SNMP_UDP_IN_DATAGRAMS("snmp_udp_in_datagrams", "Number of UDP datagrams delivered to UDP applications"),
  SNMP_UDP_IN_ERRORS("snmp_udp_in_errors", "Number of UDP datagrams failed to be delivered for reasons other than lack of ap"),
  SNMP_UDP_NO_PORTS("snmp_udp_no_ports", "Number of UDP datagrams received for which there was not application at the dest"),
  SNMP_UDP_OUT_DATAGRAMS("snmp_udp_out_datagrams", "Number of UDP datagrams sent"),
  SYSTEM_BOOT_TIME_S("system_boot_time_s", "Boottime of the system (seconds since the Unix epoch)"),
  UPTIME_IDLE_MS("uptime_idle_ms", "Sum of how much time each core has spent idle"),
  UPTIME_TOTAL_MS("uptime_total_ms", "Uptime of the system, including time spent in suspend");

  private static final Map<String, SnapshotNumber> BY_JSON = new HashMap<>();

  static {
    for (SnapshotNumber f : values()) {
      BY_JSON.put(f.json, f);
    }
  }

  private final String json;
  private final String description;

  SnapshotNumber(String json, String description) {
    this.json = json;
    this.description = description;
  }

  /** The field name in the API's JSON. */
  public String json() {
    return json;
  }

  /** The API reference's description of the field. */
  public String description() {
    return description;
  }

  /** The field for a JSON name, or null for a field this version does not know. */
  public static SnapshotNumber byJson(String name) {
    return BY_JSON.get(name);
  }
}
