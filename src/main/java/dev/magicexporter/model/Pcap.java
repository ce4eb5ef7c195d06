package dev.magicexporter.model;

/**
 * A packet capture request, simple or full. {@code status} is one of {@link #STATUSES}. The
 * bucket URI ({@code destination_conf}), the filter and {@code error_message} are deliberately
 * not bound: the first is confidential, the others free text.
 */
public record Pcap(
    String id,
    String type,
    String system,
    String status,
    Double packetsCaptured,
    Double timeLimit,
    Double byteLimit,
    String submitted,
    String stopRequested,
    String offsetTime,
    String coloName) {

  /** Every status the API documents, in its order. */
  public static final java.util.List<String> STATUSES = java.util.List.of(
      "unknown", "success", "pending", "running", "conversion_pending", "conversion_running", "complete", "failed");
}
