"""The fleet overview: every connector of the selected accounts at a glance."""
from generator.panels import *  # noqa: F401,F403 (the dashboard building blocks)


def fleet():
    p = [
        row("Estate"),
        stat("Connectors watched", "Connectors the exporter watches (from connector discovery), in the selected accounts.",
             targets((f"count(cloudflare_connector_up{{{FLEET}}}) or vector(0)", "connectors"))),
        stat("Snapshots fetched", "Connectors whose last snapshot fetch succeeded (cloudflare_connector_up == 1). "
             "Fewer than the connectors means the exporter cannot read some of them.",
             targets((f"sum(cloudflare_connector_up{{{FLEET}}}) or vector(0)", "ok")),
             thr=thresholds((None, "red"), (1, "green"))),
        stat("Heartbeat older than 3 min", "Connectors whose last heartbeat was older than 3 minutes, "
             + HEARTBEAT_NOTE + " They are offline or cut off from Cloudflare.",
             targets((f"count(({heartbeat_age(FLEET)}) > 180) or vector(0)", "stale"),),
             thr=thresholds((None, "green"), (1, "red"))),
        stat("Tunnels down (connector view)", "Tunnels that connectors report down in their latest snapshot.",
             targets((f'count(cloudflare_connector_tunnel_health_state{{{FLEET}, state="down"}} == 1) or vector(0)',
                      "down"),),
             thr=thresholds((None, "green"), (1, "red"))),
        stat("HA faults", "Connectors in the high-availability fault state.",
             targets((f'count(cloudflare_connector_ha_state{{{FLEET}, state="fault"}} == 1) or vector(0)', "fault"),),
             thr=thresholds((None, "green"), (1, "red"))),
        stat("Firing alerts", "Alerts of config/magic-exporter-alerts.yml firing now in this Prometheus.",
             targets(('count(ALERTS{alertstate="firing", alertname=~"Cloudflare.*|MagicExporter.*"}) or vector(0)',
                      "firing"),),
             thr=thresholds((None, "green"), (1, "orange"))),
        row("Connectors"),
        table("Connectors", "One line per connector: whether the exporter can read it, heartbeat and snapshot age, "
              "software version and HA state (heartbeat age as of the last read of the connector list). Click a "
              "connector id for its detail dashboard.",
              targets((f"cloudflare_connector_up{{{FLEET}}}", ""),
                      (heartbeat_age(FLEET), ""),
                      (f"time() - cloudflare_connector_snapshot_timestamp_seconds{{{FLEET}}}", ""),
                      (f"cloudflare_connector_ha_value{{{FLEET}}}", ""),
                      (f"cloudflare_connector_snapshot_info{{{FLEET}}}", ""),
                      instant=True, fmt="table"),
              hide=("Time", "__name__", "Value #E", "instance"),
              rename={"Value #A": "Snapshot fetch", "Value #B": "Heartbeat age", "Value #C": "Snapshot age",
                      "Value #D": "HA state", "platform": "Platform", "version": "Version"},
              overrides=[column("Snapshot fetch", mappings=UP_MAPPING, cell="color-background"),
                         column("Heartbeat age", unit="s", thr=thresholds((None, "green"), (60, "orange"), (180, "red")),
                                cell="color-text"),
                         column("Snapshot age", unit="s", thr=thresholds((None, "green"), (300, "orange"), (600, "red")),
                                cell="color-text"),
                         column("HA state", mappings=value_mappings(HA_MAPPING), cell="color-text"),
                         column("connector_id", links=CONNECTOR_LINK)],
              sort_by="connector_id", h=10),
        timeseries("Heartbeat age", "Age of each connector's last heartbeat, " + HEARTBEAT_NOTE,
                   targets((heartbeat_age(FLEET), "{{connector_id}}"),),
                   unit="s", minimum=0, thr=thresholds((None, "green"), (180, "red"))),
        timeseries("Snapshot age", "Seconds since the newest snapshot of each connector was recorded "
                   "(connectors record one a minute).",
                   targets((f"time() - cloudflare_connector_snapshot_timestamp_seconds{{{FLEET}}}", "{{connector_id}}"),),
                   unit="s", minimum=0, thr=thresholds((None, "green"), (600, "red"))),
        piechart("Software versions", "Connectors by software version (last_seen_version of the connector object).",
                 targets((f"count by (version) (cloudflare_connector_info{{{FLEET}}})", "{{version}}"),)),
        piechart("Platforms", "Connectors by platform, from their snapshots.",
                 targets((f"count by (platform) (cloudflare_connector_snapshot_info{{{FLEET}}})", "{{platform}}"),)),
        piechart("HA states", "Connectors by high-availability state (disabled when the site has no HA pair).",
                 targets((f"sum by (state) (cloudflare_connector_ha_state{{{FLEET}}})", "{{state}}"),)),
        piechart("Tunnel health (connector view)", "Tunnels reported by connectors, by health state.",
                 targets((f"sum by (state) (cloudflare_connector_tunnel_health_state{{{FLEET}}})", "{{state}}"),)),
        row("Events"),
        timeseries("Events by kind", "Connector events counted by the exporter, per kind (Init, Reconcile, upgrades, "
                   "attestations, key rotations...).",
                   targets((f"sum by (kind) (increase(cloudflare_connector_events_total{{{FLEET}}}[$__rate_interval]))",
                            "{{kind}}"),),
                   bars=True, stack=True, w=12),
        timeseries("Failures by connector", "Finish*Failure events (upgrade, attestation, crypt key and PKI rotation) "
                   "per connector and kind. Any bar here is worth a look; the alert rules page on them.",
                   targets((f'sum by (connector_id, kind) (increase(cloudflare_connector_events_total{{{FLEET}, '
                            f'kind=~"Finish.*Failure"}}[$__rate_interval]))', "{{connector_id}} {{kind}}"),),
                   bars=True, stack=True, w=12),
        table("Failures in the time range", "Failed upgrades, attestations and key rotations per connector over the "
              "dashboard's time range.",
              targets((f'sum by (account_id, connector_id, kind) (increase(cloudflare_connector_events_total{{{FLEET}, '
                       f'kind=~"Finish.*Failure"}}[$__range]))', ""), instant=True, fmt="table"),
              rename={"Value": "Failures"}, overrides=[column("connector_id", links=CONNECTOR_LINK)],
              sort_by="connector_id", w=12),
        timeseries("Event counting lag", "How far behind now the exporter's event counting is, per connector. It "
                   "stays within about one poll interval when all is well.",
                   targets((f"cloudflare_connector_events_lag_seconds{{{FLEET}}}", "{{connector_id}}"),),
                   unit="s", minimum=0, thr=thresholds((None, "green"), (900, "red")), w=12),
        row("Resources across the fleet"),
        bargauge("CPU busy", "Share of CPU time not idle over the rate interval, per connector "
                 "(all CPUs together).",
                 targets((f'sum by (connector_id) (rate(cloudflare_connector_cpu_seconds_total{{{FLEET}, mode!="idle"}}'
                          f"[$__rate_interval])) / on (connector_id) max by (connector_id) "
                          f"(cloudflare_connector_cpus{{{FLEET}}})", "{{connector_id}}"),),
                 unit="percentunit", minimum=0, maximum=1,
                 thr=thresholds((None, "green"), (0.7, "orange"), (0.9, "red")), w=8),
        bargauge("Memory used", "Share of memory not available for new work (1 - MemAvailable / MemTotal), "
                 "per connector.",
                 targets((f"1 - cloudflare_connector_memory_available_bytes{{{FLEET}}} / "
                          f"cloudflare_connector_memory_total_bytes{{{FLEET}}}", "{{connector_id}}"),),
                 unit="percentunit", minimum=0, maximum=1,
                 thr=thresholds((None, "green"), (0.8, "orange"), (0.9, "red")), w=8),
        bargauge("Fullest file system", "Use of each connector's fullest writable file system.",
                 targets((f"max by (connector_id) (1 - cloudflare_connector_filesystem_avail_bytes{{{FLEET}}} / "
                          f"(cloudflare_connector_filesystem_size_bytes{{{FLEET}}} > 0) unless on "
                          f"(job, instance, account_id, connector_id, mountpoint) "
                          f"cloudflare_connector_filesystem_readonly{{{FLEET}}} == 1)", "{{connector_id}}"),),
                 unit="percentunit", minimum=0, maximum=1,
                 thr=thresholds((None, "green"), (0.9, "orange"), (0.97, "red")), w=8),
        timeseries("Memory pressure", "Share of time some tasks waited for memory (PSI some, 60 s average), "
                   "per connector.",
                   targets((f'cloudflare_connector_pressure_memory_waiting_ratio{{{FLEET}, window="60s"}}',
                            "{{connector_id}}"),),
                   unit="percentunit", minimum=0, thr=thresholds((None, "green"), (0.1, "red")), w=8),
        timeseries("Load per CPU", "1-minute load average divided by the number of CPUs, per connector.",
                   targets((f"cloudflare_connector_load1{{{FLEET}}} / cloudflare_connector_cpus{{{FLEET}}}",
                            "{{connector_id}}"),),
                   minimum=0, w=8),
        timeseries("Hottest sensor", "Highest temperature reading of each connector.",
                   targets((f"max by (connector_id) (cloudflare_connector_hwmon_temp_celsius{{{FLEET}}})",
                            "{{connector_id}}"),),
                   unit="celsius", w=8),
    ]
    return dashboard("magic-fleet", "Cloudflare Magic / Fleet overview",
                     "Every Magic WAN connector of the selected accounts: reachability, heartbeats, versions, HA, "
                     "events and failures, resources. Data from magic-exporter.",
                     [job_var(), account_var("cloudflare_connector_up")], p)
