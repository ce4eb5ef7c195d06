/**
 * The per-connector metric families: {@link dev.magicexporter.metrics.connector.ConnectorFamilies}
 * (discovery), {@link dev.magicexporter.metrics.connector.SnapshotFamilies} (every snapshot field)
 * and {@link dev.magicexporter.metrics.connector.SnapshotHealthFamilies} (the exporter's snapshot
 * pipeline per connector), served over the stores by
 * {@link dev.magicexporter.metrics.connector.ConnectorMetrics}. Sample lines:
 *
 * <pre>
 * cloudflare_connector_info{account_id="a1",connector_id="c1",device_id="d1",serial_number="SN1",version="2025.10.1",timezone="UTC"} 1
 * cloudflare_connector_cpu_seconds_total{account_id="a1",connector_id="c1",mode="idle"} 81234.5
 * cloudflare_connector_disk_read_bytes_total{account_id="a1",connector_id="c1",device="sda"} 51233792
 * cloudflare_connector_tunnel_health_state{account_id="a1",connector_id="c1",tunnel_id="t1",state="healthy"} 1
 * cloudflare_connector_up{account_id="a1",connector_id="c1"} 1
 * </pre>
 */
package dev.magicexporter.metrics.connector;
