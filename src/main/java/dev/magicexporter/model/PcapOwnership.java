package dev.magicexporter.model;

/**
 * A bucket registered for full packet captures. The bucket URI ({@code destination_conf}) and the
 * challenge file name are confidential and deliberately not bound.
 */
public record PcapOwnership(String id, String status, String submitted, String validated) {
  /** Every ownership status the API documents. */
  public static final java.util.List<String> STATUSES = java.util.List.of("pending", "success", "failed");
}
