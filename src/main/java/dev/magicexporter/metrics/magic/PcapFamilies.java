package dev.magicexporter.metrics.magic;

import dev.magicexporter.metrics.family.Conversion;
import dev.magicexporter.metrics.family.Family;
import dev.magicexporter.metrics.family.FamilyTable;
import dev.magicexporter.metrics.family.Row;
import dev.magicexporter.model.Pcap;
import dev.magicexporter.model.PcapOwnership;
import dev.magicexporter.model.Rfc3339;
import java.util.ArrayList;
import java.util.List;

/**
 * Packet captures and the buckets registered for full captures. Bucket URIs
 * ({@code destination_conf}), ownership challenge file names and capture filters are never read.
 */
public final class PcapFamilies {
  private PcapFamilies() {}

  public static final FamilyTable<Pcap> CAPTURES = new FamilyTable<>(
      "Packet captures",
      "From `GET /accounts/{account_id}/pcaps`, polled every `sources.pcaps_interval`. The bucket URI "
          + "(`destination_conf`) and the capture filter are never read.",
      List.of("account_id", "pcap_id"),
      List.of(
          Family.info("cloudflare_pcap_info", "Kind of capture (type simple/full, system, colo of full captures); value 1.",
              "type, system, colo_name", List.of("type", "system", "colo"),
              p -> new String[] {p.type(), p.system(), p.coloName()}),
          Family.stateSet("cloudflare_pcap_status", "Status of the capture request, one-hot over the 8 API statuses.",
              "status", "status", Pcap.STATUSES, Pcap::status),
          Family.gauge("cloudflare_pcap_packets_captured", "Packets captured so far.", "packets_captured",
              Conversion.NONE, p -> Values.of(p.packetsCaptured())),
          Family.gauge("cloudflare_pcap_time_limit_seconds", "Configured capture duration.", "time_limit",
              Conversion.NONE, p -> Values.of(p.timeLimit())),
          Family.gauge("cloudflare_pcap_byte_limit_bytes", "Configured maximum bytes of a full capture.", "byte_limit",
              Conversion.NONE, p -> Values.of(p.byteLimit())),
          Family.gauge("cloudflare_pcap_submitted_timestamp_seconds", "When the capture was requested.",
              "submitted (RFC 3339)", Conversion.NONE, p -> Rfc3339.seconds(p.submitted())),
          Family.gauge("cloudflare_pcap_stop_requested_timestamp_seconds",
              "When stopping the full capture was requested.", "stop_requested (RFC 3339)", Conversion.NONE,
              p -> Rfc3339.seconds(p.stopRequested()))));

  public static final FamilyTable<PcapOwnership> BUCKETS = new FamilyTable<>(
      "Packet capture buckets",
      "From `GET /accounts/{account_id}/pcaps/ownership`, polled every `sources.pcaps_interval`. Buckets are "
          + "labelled by their id only: the bucket URI (`destination_conf`) and the challenge file name are "
          + "confidential and never read.",
      List.of("account_id", "bucket_id"),
      List.of(
          Family.stateSet("cloudflare_pcap_bucket_ownership_status",
              "Status of the bucket's ownership challenge, one-hot (pending, success, failed).", "status", "status",
              PcapOwnership.STATUSES, PcapOwnership::status),
          Family.gauge("cloudflare_pcap_bucket_submitted_timestamp_seconds", "When the bucket was added.",
              "submitted (RFC 3339)", Conversion.NONE, b -> Rfc3339.seconds(b.submitted())),
          Family.gauge("cloudflare_pcap_bucket_validated_timestamp_seconds", "When the bucket's ownership was validated.",
              "validated (RFC 3339)", Conversion.NONE, b -> Rfc3339.seconds(b.validated()))));

  static List<Row<Pcap>> captureRows(String accountId, List<Pcap> pcaps) {
    List<Row<Pcap>> out = new ArrayList<>(pcaps.size());
    for (Pcap p : pcaps) {
      out.add(CAPTURES.row(p, accountId, p.id()));
    }
    return out;
  }

  static List<Row<PcapOwnership>> bucketRows(String accountId, List<PcapOwnership> buckets) {
    List<Row<PcapOwnership>> out = new ArrayList<>(buckets.size());
    for (PcapOwnership b : buckets) {
      out.add(BUCKETS.row(b, accountId, b.id()));
    }
    return out;
  }
}
