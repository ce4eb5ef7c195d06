"""Tunnels and BGP: IPsec/GRE tunnels and interconnects, their health checks and BGP sessions, and from
the GraphQL Analytics API their health per Cloudflare data center, SLOs and traffic.

The analytics series carry the tunnel labels (account_id, tunnel_id, tunnel_type, and name), so the
same variables select them and tables join them with BGP state and configuration.
"""
from generator.panels import *  # noqa: F401,F403 (the dashboard building blocks)


def tunnels():
    bgp_code = one_hot_code("cloudflare_tunnel_bgp_state", TUN, ["BGP_UP", "BGP_ESTABLISHING", "BGP_DOWN", "unknown"],
                            "account_id, tunnel_type, tunnel_id")
    p = [
        row("Summary"),
        stat("Tunnels watched", "GRE and IPsec tunnels and CNI interconnects in the selection.",
             targets((f"count(cloudflare_tunnel_info{{{TUN}}}) or vector(0)", "tunnels"),)),
        stat("BGP up", "Tunnels whose BGP session is up.",
             targets((f'count(cloudflare_tunnel_bgp_state{{{TUN}, state="BGP_UP"}} == 1) or vector(0)', "up"),),
             thr=thresholds((None, "green"))),
        stat("BGP down", "Tunnels whose BGP session is down.",
             targets((f'count(cloudflare_tunnel_bgp_state{{{TUN}, state="BGP_DOWN"}} == 1) or vector(0)', "down"),),
             thr=thresholds((None, "green"), (1, "red"))),
        stat("BGP establishing or unknown", "Tunnels whose BGP session is being established, or configured without a "
             "reported status.",
             targets((f'count(cloudflare_tunnel_bgp_state{{{TUN}, state=~"BGP_ESTABLISHING|unknown"}} == 1) '
                      f"or vector(0)", "other"),),
             thr=thresholds((None, "green"), (1, "orange"))),
        stat("Health checks off", "Tunnels Cloudflare does not health-check.",
             targets((f"count(cloudflare_tunnel_health_check_enabled{{{TUN}}} == 0) or vector(0)", "off"),),
             thr=thresholds((None, "green"), (1, "orange"))),
        stat("Down at a connector", "Tunnels that a connector reports down in its latest snapshot.",
             targets((f'count(cloudflare_connector_tunnel_health_state{{job=~"$job", account_id=~"$account_id", '
                      f'tunnel_id=~"$tunnel_id", state="down"}} == 1) or vector(0)', "down"),),
             thr=thresholds((None, "green"), (1, "red"))),
        row("Tunnels"),
        table("Tunnels", "Every tunnel with its endpoints, BGP state, health check and MTU.",
              targets((f"cloudflare_tunnel_info{{{TUN}}}", ""),
                      (bgp_code, ""),
                      (f"cloudflare_tunnel_health_check_enabled{{{TUN}}}", ""),
                      (f"cloudflare_tunnel_mtu_bytes{{{TUN}}}", ""),
                      instant=True, fmt="table"),
              hide=("Time", "__name__", "job", "instance", "Value #A"),
              rename={"Value #B": "BGP", "Value #C": "Health check", "Value #D": "MTU"},
              overrides=[column("BGP", mappings=value_mappings(BGP_MAPPING), cell="color-text"),
                         column("Health check", mappings=value_mappings({0: ("off", "orange"), 1: ("on", "green")}),
                                cell="color-text"),
                         column("MTU", unit="bytes")],
              sort_by="name", h=10),
        row("BGP"),
        state_timeline("BGP state", "BGP session state of each tunnel over time.",
                       targets((bgp_code, "{{tunnel_type}} {{tunnel_id}}"),), BGP_MAPPING, h=10),
        timeseries("Tunnels by BGP state", "Number of tunnels in each BGP state over time.",
                   targets((f"sum by (state) (cloudflare_tunnel_bgp_state{{{TUN}}})", "{{state}}"),),
                   stack=True, minimum=0),
        table("BGP changes", "BGP state changes in the time range and time since the last change reported by "
              "Cloudflare, with the peering.",
              targets((f'changes(cloudflare_tunnel_bgp_state{{{TUN}, state="BGP_UP"}}[$__range])', ""),
                      (f"time() - cloudflare_tunnel_bgp_status_updated_timestamp_seconds{{{TUN}}}", ""),
                      (f"cloudflare_tunnel_bgp_tcp_established{{{TUN}}}", ""),
                      (f"cloudflare_tunnel_bgp_info{{{TUN}}}", ""),
                      instant=True, fmt="table"),
              hide=("Time", "__name__", "job", "instance", "state", "Value #D"),
              rename={"Value #A": "Up/down changes", "Value #B": "Since last change", "Value #C": "TCP established"},
              overrides=[column("Since last change", unit="s"),
                         column("TCP established", mappings=value_mappings({0: ("no", "red"), 1: ("yes", "green")}),
                                cell="color-text")],
              sort_by="tunnel_id", w=12),
        row("Health checks"),
        table("Health check settings", "Rate, type, direction and target of each tunnel's Cloudflare health check.",
              targets((f"cloudflare_tunnel_health_check_info{{{TUN}}}", ""),
                      (f"cloudflare_tunnel_health_check_enabled{{{TUN}}}", ""),
                      instant=True, fmt="table"),
              hide=("Time", "__name__", "job", "instance", "Value #A"),
              rename={"Value #B": "Enabled"},
              overrides=[column("Enabled", mappings=value_mappings({0: ("off", "orange"), 1: ("on", "green")}),
                                cell="color-text")],
              sort_by="tunnel_id", w=12),
        state_timeline("Health seen by connectors", "Health of each tunnel as the connectors carrying it report it.",
                       targets((f'cloudflare_connector_tunnel_health_value{{job=~"$job", account_id=~"$account_id", '
                                f'tunnel_id=~"$tunnel_id"}}', "{{connector_id}} {{tunnel_id}}"),),
                       TUNNEL_HEALTH_MAPPING, w=12),
        timeseries("Unhealthy ping share", "Share of recent health pings that failed, per connector and tunnel.",
                   targets((f'cloudflare_connector_tunnel_recent_unhealthy_pings{{job=~"$job", account_id=~"$account_id", '
                            f'tunnel_id=~"$tunnel_id"}} / (cloudflare_connector_tunnel_recent_healthy_pings + '
                            f'cloudflare_connector_tunnel_recent_unhealthy_pings > 0)',
                            "{{connector_id}} {{tunnel_id}}"),),
                   unit="percentunit", minimum=0, maximum=1),
        timeseries("MTU: configured and probed", "The tunnel's configured MTU and the MTU connectors probed on it.",
                   targets((f"cloudflare_tunnel_mtu_bytes{{{TUN}}}", "{{tunnel_id}} configured"),
                           (f'cloudflare_connector_tunnel_probed_mtu_bytes{{job=~"$job", account_id=~"$account_id", '
                            f'tunnel_id=~"$tunnel_id"}}', "{{tunnel_id}} probed by {{connector_id}}")),
                   unit="bytes"),
        row("Health by data center (GraphQL analytics)"),
        stat("Down in a data center", "Tunnels that at least one Cloudflare data center sees down in the latest "
             "closed minute (health-check analytics, read analytics.delay late).",
             targets((f'count(cloudflare_tunnel_health_data_centers{{{TUN}, state="down"}} > 0) or vector(0)',
                      "down"),),
             thr=thresholds((None, "green"), (1, "red"))),
        stat("Degraded in a data center", "Tunnels that at least one data center sees degraded in the latest closed "
             "minute.",
             targets((f'count(cloudflare_tunnel_health_data_centers{{{TUN}, state="degraded"}} > 0) or vector(0)',
                      "degraded"),),
             thr=thresholds((None, "green"), (1, "orange"))),
        stat("SLO breached", "Tunnels whose effective health-check SLO is below their SLO.",
             targets((f"count(cloudflare_tunnel_health_check_effective_slo_ratio{{{TUN}}} "
                      f"< cloudflare_tunnel_health_check_slo_ratio{{{TUN}}}) or vector(0)", "breached"),),
             thr=thresholds((None, "green"), (1, "red"))),
        stat("Data centers checking", "Cloudflare data centers that health-checked the selected tunnels in the "
             "latest closed minute (summed over tunnels).",
             targets((f"sum(cloudflare_tunnel_health_data_centers{{{TUN}}}) or vector(0)", "data centers"),)),
        state_timeline("Worst state across data centers", "Each tunnel's lowest state over the data centers that "
                       "checked it, per minute: Cloudflare routes on these states.",
                       targets((f"cloudflare_tunnel_health_state_worst{{{TUN}}}", "{{tunnel_type}} {{name}}"),),
                       ANALYTICS_STATE_MAPPING, w=12),
        timeseries("Data centers down or degraded", "Per tunnel, how many data centers see it down or degraded.",
                   targets((f'cloudflare_tunnel_health_data_centers{{{TUN}, state!="healthy"}}',
                            "{{name}} {{state}}"),),
                   stack=True, minimum=0),
        state_timeline("Health by data center", "Each tunnel's state in each data center over time. Needs "
                       "analytics.data_center_series: true (tunnels x data centers series); without it, use the two "
                       "panels above.",
                       targets((f"cloudflare_tunnel_health_data_center_state{{{TUN}}}", "{{name}} {{data_center}}"),),
                       ANALYTICS_STATE_MAPPING, h=12),
        row("SLOs (GraphQL analytics)"),
        timeseries("Effective SLO and SLO", "Per tunnel, the effective health-check SLO (solid) against the SLO; "
                   "below it is a breach.",
                   targets((f"cloudflare_tunnel_health_check_effective_slo_ratio{{{TUN}}}", "{{name}} effective"),
                           (f"cloudflare_tunnel_health_check_slo_ratio{{{TUN}}}", "{{name}} SLO")),
                   unit="percentunit", maximum=1),
        timeseries("Failed health checks", "Health checks per second that did not return healthy, per tunnel "
                   "(estimated from samples; counted per closed minute).",
                   targets((f'sum by (name) (rate(cloudflare_tunnel_health_checks_total{{{TUN}, '
                            f'result_status!="healthy"}}[$__rate_interval]))', "{{name}}"),),
                   unit="short", stack=True, minimum=0),
        row("Traffic (GraphQL analytics)"),
        timeseries("Traffic per tunnel and direction", "Bytes per second through each tunnel, ingress and egress "
                   "(adaptive dataset: estimated from samples; minutes arrive analytics.delay late).",
                   targets((f"sum by (name, direction) (rate(cloudflare_tunnel_traffic_bytes_total{{{TUN}}}"
                            f"[$__rate_interval]))", "{{name}} {{direction}}"),),
                   unit="Bps", minimum=0),
        timeseries("Packets per tunnel and direction", "Packets per second through each tunnel, ingress and egress "
                   "(estimated from samples).",
                   targets((f"sum by (name, direction) (rate(cloudflare_tunnel_traffic_packets_total{{{TUN}}}"
                            f"[$__rate_interval]))", "{{name}} {{direction}}"),),
                   unit="pps", minimum=0),
        table("Tunnels side by side", "Per tunnel: BGP state, worst health across data centers, effective SLO and "
              "traffic, joined on the tunnel labels.",
              targets((f"max by (account_id, tunnel_type, tunnel_id, name) (cloudflare_tunnel_info{{{TUN}}})", ""),
                      (bgp_code, ""),
                      (f"max by (account_id, tunnel_type, tunnel_id) (cloudflare_tunnel_health_state_worst{{{TUN}}})",
                       ""),
                      (f"max by (account_id, tunnel_type, tunnel_id) "
                       f"(cloudflare_tunnel_health_check_effective_slo_ratio{{{TUN}}})", ""),
                      (f'sum by (account_id, tunnel_type, tunnel_id) (rate(cloudflare_tunnel_traffic_bytes_total'
                       f'{{{TUN}, direction="ingress"}}[$__rate_interval]))', ""),
                      (f'sum by (account_id, tunnel_type, tunnel_id) (rate(cloudflare_tunnel_traffic_bytes_total'
                       f'{{{TUN}, direction="egress"}}[$__rate_interval]))', ""),
                      instant=True, fmt="table"),
              hide=("Time", "Value #A"),
              rename={"Value #B": "BGP", "Value #C": "Worst health", "Value #D": "Effective SLO",
                      "Value #E": "Ingress", "Value #F": "Egress"},
              overrides=[column("BGP", mappings=value_mappings(BGP_MAPPING), cell="color-text"),
                         column("Worst health", mappings=ANALYTICS_STATE_MAPPING, cell="color-text"),
                         column("Effective SLO", unit="percentunit"),
                         column("Ingress", unit="Bps"), column("Egress", unit="Bps")],
              sort_by="name", h=10),
    ]
    return dashboard("magic-tunnels", "Cloudflare Magic / Tunnels and BGP",
                     "GRE and IPsec tunnels and CNI interconnects: BGP sessions over time, Cloudflare health checks, "
                     "tunnel health as the connectors see it, and from the GraphQL Analytics API health per data "
                     "center, SLOs and traffic.",
                     [job_var(), account_var("cloudflare_tunnel_info"),
                      query_var("tunnel_type", "Type",
                                'label_values(cloudflare_tunnel_info{job=~"$job", account_id=~"$account_id"}, '
                                'tunnel_type)'),
                      query_var("tunnel_id", "Tunnel",
                                'label_values(cloudflare_tunnel_info{job=~"$job", account_id=~"$account_id", '
                                'tunnel_type=~"$tunnel_type"}, tunnel_id)')], p)
