"""Tunnels and BGP: IPsec/GRE tunnels and interconnects, their health checks and BGP sessions.

More panels (traffic, health, SLOs) go into the list that tunnels() returns; the layout places them.
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
    ]
    return dashboard("magic-tunnels", "Cloudflare Magic / Tunnels and BGP",
                     "GRE and IPsec tunnels and CNI interconnects: BGP sessions over time, Cloudflare health checks, "
                     "and tunnel health as the connectors see it.",
                     [job_var(), account_var("cloudflare_tunnel_info"),
                      query_var("tunnel_type", "Type",
                                'label_values(cloudflare_tunnel_info{job=~"$job", account_id=~"$account_id"}, '
                                'tunnel_type)'),
                      query_var("tunnel_id", "Tunnel",
                                'label_values(cloudflare_tunnel_info{job=~"$job", account_id=~"$account_id", '
                                'tunnel_type=~"$tunnel_type"}, tunnel_id)')], p)
