#!/usr/bin/env python3
"""Generates the Grafana dashboards of magic-exporter (dashboards/*.json) from the tables below.

The JSON files are committed and provisioned as they are; edit this file, then run
    python3 dashboards/generate.py
and commit both. The end-to-end test (dev.magicexporter.e2e.DashboardsEndToEndTest) evaluates every
panel query of the JSON files against a real Prometheus scraping the exporter in demo mode.
Python 3 standard library only.
"""
import json
import pathlib

SCHEMA_VERSION = 39
DS = {"type": "prometheus", "uid": "${datasource}"}
TAGS = ["cloudflare", "magic-wan", "magic-exporter"]

# Label selectors shared by the panels of one dashboard.
FLEET = 'job=~"$job", account_id=~"$account_id"'
CONN = 'job=~"$job", account_id=~"$account_id", connector_id="$connector_id"'
TUN = 'job=~"$job", account_id=~"$account_id", tunnel_type=~"$tunnel_type", tunnel_id=~"$tunnel_id"'
ACC = 'job=~"$job", account_id=~"$account_id"'
SELF = 'job=~"$job", instance=~"$instance"'


# ------------------------------------------------------------------------------------------ building blocks

def target(expr, legend="", ref="A", instant=False, fmt="time_series"):
    t = {"datasource": DS, "refId": ref, "expr": expr, "legendFormat": legend or "__auto",
         "range": not instant, "instant": instant, "editorMode": "code"}
    if fmt != "time_series":
        t["format"] = fmt
    return t


def targets(*specs, instant=False, fmt="time_series"):
    """(expr, legend) pairs as targets A, B, C..."""
    return [target(e, l, chr(ord("A") + i), instant, fmt) for i, (e, l) in enumerate(specs)]


def thresholds(*steps):
    """steps: (value or None, color) from the base up."""
    return {"mode": "absolute", "steps": [{"color": c, "value": v} for v, c in steps]}


GREEN = thresholds((None, "green"))


def value_mappings(mapping):
    """{value: (text, color)} as one Grafana value mapping."""
    return [{"type": "value", "options": {str(k): {"text": t, "color": c, "index": i}
                                          for i, (k, (t, c)) in enumerate(mapping.items())}}]


def timeseries(title, desc, tgts, unit="short", stack=False, bars=False, minimum=None, maximum=None,
               legend_calcs=("mean", "max", "lastNotNull"), thr=None, overrides=None, w=12, h=8):
    custom = {"drawStyle": "bars" if bars else "line", "lineWidth": 1, "fillOpacity": 80 if bars else 10,
              "gradientMode": "none", "showPoints": "never", "spanNulls": False, "axisBorderShow": False,
              "stacking": {"mode": "normal" if stack else "none", "group": "A"},
              "thresholdsStyle": {"mode": "dashed" if thr else "off"}}
    defaults = {"unit": unit, "custom": custom, "color": {"mode": "palette-classic"},
                "thresholds": thr or GREEN, "mappings": []}
    if minimum is not None:
        defaults["min"] = minimum
    if maximum is not None:
        defaults["max"] = maximum
    return {"type": "timeseries", "title": title, "description": desc, "targets": tgts,
            "fieldConfig": {"defaults": defaults, "overrides": overrides or []},
            "options": {"legend": {"displayMode": "table", "placement": "bottom", "showLegend": True,
                                   "calcs": list(legend_calcs)},
                        "tooltip": {"mode": "multi", "sort": "desc"}},
            "_w": w, "_h": h}


def stat(title, desc, tgts, unit="short", thr=None, mappings=None, graph=False, color_mode="value",
         text_mode="auto", decimals=None, w=4, h=4, calc="lastNotNull"):
    defaults = {"unit": unit, "thresholds": thr or GREEN, "color": {"mode": "thresholds"},
                "mappings": mappings or []}
    if decimals is not None:
        defaults["decimals"] = decimals
    return {"type": "stat", "title": title, "description": desc, "targets": tgts,
            "fieldConfig": {"defaults": defaults, "overrides": []},
            "options": {"reduceOptions": {"calcs": [calc], "fields": "", "values": False},
                        "colorMode": color_mode, "graphMode": "area" if graph else "none",
                        "textMode": text_mode, "justifyMode": "auto", "orientation": "auto",
                        "wideLayout": True, "showPercentChange": False},
            "_w": w, "_h": h}


def bargauge(title, desc, tgts, unit="short", thr=None, minimum=None, maximum=None, w=12, h=8):
    defaults = {"unit": unit, "thresholds": thr or GREEN, "color": {"mode": "thresholds"}, "mappings": []}
    if minimum is not None:
        defaults["min"] = minimum
    if maximum is not None:
        defaults["max"] = maximum
    return {"type": "bargauge", "title": title, "description": desc, "targets": tgts,
            "fieldConfig": {"defaults": defaults, "overrides": []},
            "options": {"reduceOptions": {"calcs": ["lastNotNull"], "fields": "", "values": False},
                        "displayMode": "gradient", "orientation": "horizontal", "showUnfilled": True,
                        "valueMode": "color", "namePlacement": "auto", "sizing": "auto",
                        "minVizWidth": 8, "minVizHeight": 16, "maxVizHeight": 300},
            "_w": w, "_h": h}


def piechart(title, desc, tgts, w=6, h=8):
    return {"type": "piechart", "title": title, "description": desc, "targets": tgts,
            "fieldConfig": {"defaults": {"unit": "short", "color": {"mode": "palette-classic"}, "mappings": []},
                            "overrides": []},
            "options": {"reduceOptions": {"calcs": ["lastNotNull"], "fields": "", "values": False},
                        "pieType": "donut", "displayLabels": ["name", "value"],
                        "legend": {"displayMode": "table", "placement": "right", "showLegend": True,
                                   "values": ["value"]},
                        "tooltip": {"mode": "single", "sort": "none"}},
            "_w": w, "_h": h}


def state_timeline(title, desc, tgts, mapping, w=24, h=8):
    return {"type": "state-timeline", "title": title, "description": desc, "targets": tgts,
            "fieldConfig": {"defaults": {"color": {"mode": "thresholds"}, "thresholds": GREEN,
                                         "mappings": value_mappings(mapping),
                                         "custom": {"fillOpacity": 80, "lineWidth": 0}},
                            "overrides": []},
            "options": {"mergeValues": True, "showValue": "never", "alignValue": "left", "rowHeight": 0.9,
                        "legend": {"displayMode": "list", "placement": "bottom", "showLegend": True},
                        "tooltip": {"mode": "single", "sort": "none"}},
            "_w": w, "_h": h}


def table(title, desc, tgts, hide=("Time", "job", "instance", "__name__"), rename=None, overrides=None,
          unit="short", mappings=None, sort_by=None, w=24, h=8, join_on=None):
    """An instant table of one or more queries merged on their common labels."""
    transformations = [{"id": "merge", "options": {}}] if len(tgts) > 1 else []
    if join_on:
        transformations = [{"id": "joinByField", "options": {"byField": join_on, "mode": "outer"}}]
    transformations.append({"id": "organize", "options": {
        "excludeByName": {name: True for name in hide}, "indexByName": {}, "renameByName": rename or {}}})
    options = {"showHeader": True, "cellHeight": "sm", "footer": {"show": False, "reducer": ["sum"], "fields": ""}}
    if sort_by:
        options["sortBy"] = [{"displayName": sort_by, "desc": False}]
    return {"type": "table", "title": title, "description": desc, "targets": tgts,
            "transformations": transformations,
            "fieldConfig": {"defaults": {"unit": unit, "thresholds": GREEN, "mappings": mappings or [],
                                         "custom": {"align": "auto", "cellOptions": {"type": "auto"},
                                                    "inspect": False, "filterable": True}},
                            "overrides": overrides or []},
            "options": options, "_w": w, "_h": h}


def column(name, unit=None, mappings=None, thr=None, cell=None, links=None, display=None):
    props = []
    if unit:
        props.append({"id": "unit", "value": unit})
    if mappings:
        props.append({"id": "mappings", "value": mappings})
    if thr:
        props.append({"id": "thresholds", "value": thr})
    if cell:
        props.append({"id": "custom.cellOptions", "value": {"type": cell}})
    if links:
        props.append({"id": "links", "value": links})
    if display:
        props.append({"id": "displayName", "value": display})
    return {"matcher": {"id": "byName", "options": name}, "properties": props}


def text(title, desc, content, w=24, h=3):
    return {"type": "text", "title": title, "description": desc,
            "options": {"mode": "markdown", "content": content,
                        "code": {"language": "plaintext", "showLineNumbers": False, "showMiniMap": False}},
            "_w": w, "_h": h}


def row(title):
    return {"type": "row", "title": title, "collapsed": False, "panels": [], "_w": 24, "_h": 1}


def layout(panels):
    """Places panels left to right in rows of 24 columns, in order; strips the size hints."""
    x = y = line_h = 0
    out = []
    for i, p in enumerate(panels, start=1):
        w, h = p.pop("_w"), p.pop("_h")
        if p["type"] == "row" or x + w > 24:
            x, y, line_h = 0, y + line_h, 0
        p["gridPos"] = {"x": x, "y": y, "w": w, "h": h}
        p["id"] = i
        if p["type"] not in ("row", "text"):
            p["datasource"] = DS
        out.append(p)
        if p["type"] == "row":
            y += 1
        else:
            x += w
            line_h = max(line_h, h)
    return out


def datasource_var():
    return {"name": "datasource", "label": "Data source", "type": "datasource", "query": "prometheus",
            "hide": 0, "includeAll": False, "multi": False, "options": [], "refresh": 1,
            "regex": "", "skipUrlSync": False}


def query_var(name, label, query, multi=True, hide=0):
    v = {"name": name, "label": label, "type": "query", "datasource": DS,
         "query": {"query": query, "refId": "PrometheusVariableQueryEditor-VariableQuery", "qryType": 1},
         "hide": hide, "options": [], "refresh": 2, "regex": "",
         "skipUrlSync": False, "sort": 1, "includeAll": multi, "multi": multi}
    if multi:
        v["allValue"] = ".*"
    return v


def dashboard(uid, title, desc, variables, panels, refresh="1m", time_from="now-6h"):
    return {
        "uid": uid, "title": title, "description": desc, "tags": TAGS, "editable": True,
        "graphTooltip": 1, "schemaVersion": SCHEMA_VERSION, "version": 1, "timezone": "browser",
        "fiscalYearStartMonth": 0, "liveNow": False, "refresh": refresh,
        "time": {"from": time_from, "to": "now"}, "timepicker": {},
        "annotations": {"list": [{
            "builtIn": 1, "datasource": {"type": "grafana", "uid": "-- Grafana --"}, "enable": True,
            "hide": True, "iconColor": "rgba(0, 211, 255, 1)", "name": "Annotations & Alerts",
            "type": "dashboard"}]},
        "links": [{"title": "Cloudflare Magic dashboards", "type": "dashboards", "tags": ["magic-exporter"],
                   "asDropdown": True, "includeVars": True, "keepTime": True, "targetBlank": False,
                   "icon": "external link", "tooltip": "", "url": ""}],
        "templating": {"list": [datasource_var()] + variables},
        "panels": layout(panels),
    }


def job_var(multi=True):
    return query_var("job", "Job", "label_values(cloudflare_exporter_build_info, job)", multi)


def account_var(metric):
    return query_var("account_id", "Account", f'label_values({metric}{{job=~"$job"}}, account_id)')


CONNECTOR_LINK = [{"title": "Connector ${__data.fields.connector_id}",
                   "url": "/d/magic-connector/cloudflare-magic-connector?${datasource:queryparam}"
                          "&var-job=${__data.fields.job}&var-account_id=${__data.fields.account_id}"
                          "&var-connector_id=${__data.fields.connector_id}&${__url_time_range}"}]

HA_MAPPING = {0: ("disabled", "text"), 1: ("active", "green"), 2: ("standby", "blue"), 3: ("stopped", "orange"),
              4: ("fault", "red")}
TUNNEL_HEALTH_MAPPING = {0: ("unknown", "text"), 1: ("healthy", "green"), 2: ("degraded", "orange"),
                         3: ("down", "red")}
BGP_MAPPING = {1: ("BGP_UP", "green"), 2: ("BGP_ESTABLISHING", "orange"), 3: ("BGP_DOWN", "red"),
               4: ("unknown", "text")}
UP_MAPPING = value_mappings({0: ("failing", "red"), 1: ("ok", "green")})


def heartbeat_age(selector):
    """Age of each connector's heartbeat when the exporter last read the connector list.

    The heartbeat comes with the list, read every connectors.discovery_interval (5 min by default),
    so time() - heartbeat would grow by that much between reads even for a healthy connector.
    """
    return ('max by (job, instance) (cloudflare_exporter_poll_last_success_timestamp_seconds'
            '{job=~"$job", poller="connectors"}) - on (job, instance) group_right '
            f"cloudflare_connector_last_heartbeat_timestamp_seconds{{{selector}}}")


HEARTBEAT_NOTE = ("as of the exporter's last read of the connector list (every connectors.discovery_interval): "
                  "connectors beat every 10 s, so more than a minute means trouble.")


def one_hot_code(metric, selector, states, by):
    """A one-hot state set as one number per object: the 1-based index of the state that is set."""
    parts = [f'({metric}{{{selector}, state="{s}"}} == 1) * {i}' for i, s in enumerate(states, start=1)]
    return f"max by ({by}) (\n  " + "\n  or ".join(parts) + "\n)"


# ------------------------------------------------------------------------------------------ fleet overview

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


# ------------------------------------------------------------------------------------------ connector detail

def rate(metric, extra="", by="", window="$__rate_interval"):
    sel = CONN + (", " + extra if extra else "")
    inner = f"rate({metric}{{{sel}}}[{window}])"
    return f"sum by ({by}) ({inner})" if by else inner


def connector():
    p = [
        row("Overview"),
        stat("Snapshot fetch", "Whether the exporter's last snapshot fetch of this connector succeeded.",
             targets((f"cloudflare_connector_up{{{CONN}}}", "up"),), mappings=UP_MAPPING,
             thr=thresholds((None, "red"), (1, "green")), color_mode="background", w=3),
        stat("Heartbeat age", "Age of the connector's last heartbeat, " + HEARTBEAT_NOTE,
             targets((heartbeat_age(CONN), "age"),),
             unit="s", thr=thresholds((None, "green"), (60, "orange"), (180, "red")), w=3),
        stat("Snapshot age", "Seconds since the newest snapshot was recorded; every panel below shows that snapshot.",
             targets((f"time() - cloudflare_connector_snapshot_timestamp_seconds{{{CONN}}}", "age"),),
             unit="s", thr=thresholds((None, "green"), (300, "orange"), (600, "red")), w=3),
        stat("Uptime", "Time since the connector's system booted.",
             targets((f"cloudflare_connector_uptime_seconds{{{CONN}}}", "uptime"),), unit="s", w=3),
        stat("HA state", "High-availability state of the connector.",
             targets((f"cloudflare_connector_ha_value{{{CONN}}}", "HA"),),
             mappings=value_mappings(HA_MAPPING), w=3),
        stat("Version", "Connector software version and platform from the latest snapshot.",
             targets((f"cloudflare_connector_snapshot_info{{{CONN}}}", "{{version}} ({{platform}})"),),
             text_mode="name", w=3),
        stat("CPUs", "Processors (cores) of the connector.",
             targets((f"cloudflare_connector_cpus{{{CONN}}}", "CPUs"),), w=3),
        stat("RAM", "Usable RAM of the connector.",
             targets((f"cloudflare_connector_memory_total_bytes{{{CONN}}}", "RAM"),), unit="bytes", w=3),
        row("CPU and load"),
        timeseries("CPU by mode", "Share of CPU time spent in each mode, all CPUs together (node_exporter's "
                   "node_cpu_seconds_total without the cpu label).",
                   targets((f"{rate('cloudflare_connector_cpu_seconds_total', by='mode')} / on () group_left "
                            f"max(cloudflare_connector_cpus{{{CONN}}})", "{{mode}}"),),
                   unit="percentunit", stack=True, minimum=0),
        timeseries("Load average", "1, 5 and 15-minute load averages with the number of CPUs for scale.",
                   targets((f"cloudflare_connector_load1{{{CONN}}}", "1m"),
                           (f"cloudflare_connector_load5{{{CONN}}}", "5m"),
                           (f"cloudflare_connector_load15{{{CONN}}}", "15m"),
                           (f"cloudflare_connector_cpus{{{CONN}}}", "CPUs")),
                   minimum=0),
        timeseries("CPU pressure", "Share of time some runnable tasks waited for a CPU (PSI), by averaging window.",
                   targets((f"cloudflare_connector_pressure_cpu_waiting_ratio{{{CONN}}}", "waiting {{window}}"),),
                   unit="percentunit", minimum=0, w=8),
        timeseries("Processes", "Processes running and blocked on I/O.",
                   targets((f"cloudflare_connector_procs_running{{{CONN}}}", "running"),
                           (f"cloudflare_connector_procs_blocked{{{CONN}}}", "blocked")),
                   minimum=0, w=8),
        timeseries("Context switches and forks", "Context switches and process creations per second.",
                   targets((rate("cloudflare_connector_context_switches_total"), "context switches"),
                           (rate("cloudflare_connector_forks_total"), "forks")),
                   unit="ops", minimum=0, w=8),
        row("Memory"),
        timeseries("Memory", "Total, available, cached, buffers and free memory (/proc/meminfo).",
                   targets((f"cloudflare_connector_memory_total_bytes{{{CONN}}}", "total"),
                           (f"cloudflare_connector_memory_total_bytes{{{CONN}}} - "
                            f"cloudflare_connector_memory_available_bytes{{{CONN}}}", "used"),
                           (f"cloudflare_connector_memory_available_bytes{{{CONN}}}", "available"),
                           (f"cloudflare_connector_memory_cached_bytes{{{CONN}}}", "cached"),
                           (f"cloudflare_connector_memory_buffers_bytes{{{CONN}}}", "buffers"),
                           (f"cloudflare_connector_memory_free_bytes{{{CONN}}}", "free")),
                   unit="bytes", minimum=0),
        timeseries("Memory pressure", "Share of time some tasks (waiting) or all non-idle tasks (stalled) were "
                   "held up by memory (PSI), by averaging window.",
                   targets((f"cloudflare_connector_pressure_memory_waiting_ratio{{{CONN}}}", "waiting {{window}}"),
                           (f"cloudflare_connector_pressure_memory_stalled_ratio{{{CONN}}}", "stalled {{window}}")),
                   unit="percentunit", minimum=0),
        timeseries("Kernel memory", "Slab (reclaimable and not), page tables, kernel stacks and shared memory.",
                   targets((f"cloudflare_connector_memory_sreclaimable_bytes{{{CONN}}}", "slab reclaimable"),
                           (f"cloudflare_connector_memory_sunreclaim_bytes{{{CONN}}}", "slab unreclaimable"),
                           (f"cloudflare_connector_memory_page_tables_bytes{{{CONN}}}", "page tables"),
                           (f"cloudflare_connector_memory_kernel_stack_bytes{{{CONN}}}", "kernel stacks"),
                           (f"cloudflare_connector_memory_shmem_bytes{{{CONN}}}", "shmem")),
                   unit="bytes", minimum=0),
        timeseries("Swap and commit", "Swap in use and memory committed against the commit limit.",
                   targets((f"cloudflare_connector_memory_swap_total_bytes{{{CONN}}} - "
                            f"cloudflare_connector_memory_swap_free_bytes{{{CONN}}}", "swap used"),
                           (f"cloudflare_connector_memory_committed_as_bytes{{{CONN}}}", "committed"),
                           (f"cloudflare_connector_memory_commit_limit_bytes{{{CONN}}}", "commit limit")),
                   unit="bytes", minimum=0),
        row("Network"),
        timeseries("Network traffic", "Bits per second received (positive) and transmitted (negative) per device.",
                   targets((f"{rate('cloudflare_connector_network_receive_bytes_total')} * 8", "{{device}} in"),
                           (f"-{rate('cloudflare_connector_network_transmit_bytes_total')} * 8", "{{device}} out")),
                   unit="bps"),
        timeseries("Packets", "Packets per second received (positive) and transmitted (negative) per device.",
                   targets((rate("cloudflare_connector_network_receive_packets_total"), "{{device}} in"),
                           (f"-{rate('cloudflare_connector_network_transmit_packets_total')}", "{{device}} out")),
                   unit="pps"),
        timeseries("Errors and drops", "Receive and transmit errors and dropped packets per second, per device.",
                   targets((rate("cloudflare_connector_network_receive_errs_total"), "{{device}} rx errors"),
                           (rate("cloudflare_connector_network_receive_drop_total"), "{{device}} rx drops"),
                           (rate("cloudflare_connector_network_transmit_errs_total"), "{{device}} tx errors"),
                           (rate("cloudflare_connector_network_transmit_drop_total"), "{{device}} tx drops")),
                   unit="pps", minimum=0),
        table("Interfaces", "Operational state and speed of each interface.",
              targets((f"cloudflare_connector_network_operstate{{{CONN}}} == 1", ""),
                      (f"cloudflare_connector_network_speed_bytes{{{CONN}}} * 8", ""),
                      instant=True, fmt="table"),
              hide=("Time", "__name__", "job", "instance", "account_id", "connector_id", "Value #A"),
              rename={"state": "Operational state", "Value #B": "Speed"},
              overrides=[column("Speed", unit="bps")], sort_by="device", w=12),
        table("Bonds", "Status of bonded interfaces.",
              targets((f"cloudflare_connector_bond_status{{{CONN}}} == 1", ""), instant=True, fmt="table"),
              hide=("Time", "__name__", "job", "instance", "account_id", "connector_id", "Value"),
              rename={"state": "Status"}, w=6),
        table("DHCP leases", "DHCP leases the connector handed out, per interface.",
              targets((f"cloudflare_connector_dhcp_leases{{{CONN}}}", ""), instant=True, fmt="table"),
              hide=("Time", "__name__", "job", "instance", "account_id", "connector_id"),
              rename={"Value": "Leases"}, w=6),
        row("Disks and file systems"),
        timeseries("Disk throughput", "Bytes read (positive) and written (negative) per second, per device.",
                   targets((rate("cloudflare_connector_disk_read_bytes_total"), "{{device}} read"),
                           (f"-{rate('cloudflare_connector_disk_written_bytes_total')}", "{{device}} written")),
                   unit="Bps"),
        timeseries("Disk IOPS", "Reads (positive) and writes (negative) completed per second, per device.",
                   targets((rate("cloudflare_connector_disk_reads_completed_total"), "{{device}} reads"),
                           (f"-{rate('cloudflare_connector_disk_writes_completed_total')}", "{{device}} writes")),
                   unit="iops"),
        timeseries("Disk busy", "Share of time each device had I/O in progress (node_exporter's io_time).",
                   targets((rate("cloudflare_connector_disk_io_time_seconds_total"), "{{device}}"),),
                   unit="percentunit", minimum=0),
        timeseries("I/O pressure", "Share of time some tasks (waiting) or all non-idle tasks (stalled) were held "
                   "up by I/O (PSI), by averaging window.",
                   targets((f"cloudflare_connector_pressure_io_waiting_ratio{{{CONN}}}", "waiting {{window}}"),
                           (f"cloudflare_connector_pressure_io_stalled_ratio{{{CONN}}}", "stalled {{window}}")),
                   unit="percentunit", minimum=0),
        bargauge("File system use", "Share of each file system in use (read-only file systems are always full).",
                 targets((f"1 - cloudflare_connector_filesystem_avail_bytes{{{CONN}}} / "
                          f"(cloudflare_connector_filesystem_size_bytes{{{CONN}}} > 0)", "{{mountpoint}}"),),
                 unit="percentunit", minimum=0, maximum=1,
                 thr=thresholds((None, "green"), (0.9, "orange"), (0.97, "red"))),
        table("File systems", "Size, available space and mount options of each file system.",
              targets((f"cloudflare_connector_filesystem_size_bytes{{{CONN}}}", ""),
                      (f"cloudflare_connector_filesystem_avail_bytes{{{CONN}}}", ""),
                      (f"cloudflare_connector_filesystem_readonly{{{CONN}}}", ""),
                      (f"cloudflare_connector_filesystem_info{{{CONN}}}", ""),
                      instant=True, fmt="table"),
              hide=("Time", "__name__", "job", "instance", "account_id", "connector_id", "Value #D"),
              rename={"Value #A": "Size", "Value #B": "Available", "Value #C": "Read-only"},
              overrides=[column("Size", unit="bytes"), column("Available", unit="bytes"),
                         column("Read-only", mappings=value_mappings({0: ("no", "text"), 1: ("yes", "text")}))],
              sort_by="mountpoint", w=12),
        row("Hardware"),
        timeseries("Temperatures", "Current temperature per sensor; dashed lines are the sensors' critical "
                   "thresholds.",
                   targets((f"cloudflare_connector_hwmon_temp_celsius{{{CONN}}}", "{{sensor}}"),
                           (f"cloudflare_connector_hwmon_temp_crit_celsius{{{CONN}}} > 0", "{{sensor}} critical")),
                   unit="celsius",
                   overrides=[{"matcher": {"id": "byRegexp", "options": ".* critical"},
                               "properties": [{"id": "custom.lineStyle",
                                               "value": {"fill": "dash", "dash": [10, 10]}},
                                              {"id": "color", "value": {"mode": "fixed", "fixedColor": "red"}}]}]),
        table("Sensors", "Current, maximum and critical temperature of each sensor.",
              targets((f"cloudflare_connector_hwmon_temp_celsius{{{CONN}}}", ""),
                      (f"cloudflare_connector_hwmon_temp_max_celsius{{{CONN}}}", ""),
                      (f"cloudflare_connector_hwmon_temp_crit_celsius{{{CONN}}}", ""),
                      instant=True, fmt="table"),
              hide=("Time", "__name__", "job", "instance", "account_id", "connector_id"),
              rename={"Value #A": "Current", "Value #B": "Max", "Value #C": "Critical"}, unit="celsius",
              sort_by="sensor", w=12),
        row("Tunnels seen by the connector"),
        state_timeline("Tunnel health", "Health of each tunnel as the connector sees it: healthy, degraded, down or "
                       "unknown.",
                       targets((f"cloudflare_connector_tunnel_health_value{{{CONN}}}", "{{tunnel_id}}"),),
                       TUNNEL_HEALTH_MAPPING),
        timeseries("Probed MTU", "MTU measured between the two ends of each tunnel.",
                   targets((f"cloudflare_connector_tunnel_probed_mtu_bytes{{{CONN}}}", "{{tunnel_id}}"),),
                   unit="bytes", w=8),
        timeseries("Recent healthy pings", "Recent healthy health-check pings per tunnel.",
                   targets((f"cloudflare_connector_tunnel_recent_healthy_pings{{{CONN}}}", "{{tunnel_id}}"),),
                   minimum=0, w=8),
        timeseries("Recent unhealthy pings", "Recent failed health-check pings per tunnel.",
                   targets((f"cloudflare_connector_tunnel_recent_unhealthy_pings{{{CONN}}}", "{{tunnel_id}}"),),
                   minimum=0, w=8),
        row("Network stack (SNMP counters)"),
        timeseries("TCP segments", "TCP segments received, sent and retransmitted per second.",
                   targets((rate("cloudflare_connector_netstat_tcp_in_segs_total"), "in"),
                           (rate("cloudflare_connector_netstat_tcp_out_segs_total"), "out"),
                           (rate("cloudflare_connector_netstat_tcp_retrans_segs_total"), "retransmitted")),
                   unit="pps", minimum=0, w=8),
        timeseries("TCP connections", "Connections established now, and opens, failed attempts and resets per second.",
                   targets((f"cloudflare_connector_netstat_tcp_curr_estab{{{CONN}}}", "established"),
                           (rate("cloudflare_connector_netstat_tcp_active_opens_total"), "active opens/s"),
                           (rate("cloudflare_connector_netstat_tcp_passive_opens_total"), "passive opens/s"),
                           (rate("cloudflare_connector_netstat_tcp_attempt_fails_total"), "failed attempts/s"),
                           (rate("cloudflare_connector_netstat_tcp_estab_resets_total"), "resets/s")),
                   minimum=0, w=8),
        timeseries("TCP errors", "TCP segments received in error, with bad checksums, and resets sent, per second.",
                   targets((rate("cloudflare_connector_netstat_tcp_in_errs_total"), "in errors"),
                           (rate("cloudflare_connector_netstat_tcp_in_csum_errors_total"), "checksum errors"),
                           (rate("cloudflare_connector_netstat_tcp_out_rsts_total"), "resets sent")),
                   unit="pps", minimum=0, w=8),
        timeseries("UDP", "UDP datagrams received, sent, in error and to closed ports, per second.",
                   targets((rate("cloudflare_connector_netstat_udp_in_datagrams_total"), "in"),
                           (rate("cloudflare_connector_netstat_udp_out_datagrams_total"), "out"),
                           (rate("cloudflare_connector_netstat_udp_in_errors_total"), "errors"),
                           (rate("cloudflare_connector_netstat_udp_no_ports_total"), "no port")),
                   unit="pps", minimum=0, w=8),
        timeseries("IP forwarding", "Datagrams received, forwarded, delivered locally and discarded, per second: "
                   "a connector is a router, so forwarded datagrams are its traffic.",
                   targets((rate("cloudflare_connector_netstat_ip_in_receives_total"), "received"),
                           (rate("cloudflare_connector_netstat_ip_forw_datagrams_total"), "forwarded"),
                           (rate("cloudflare_connector_netstat_ip_in_delivers_total"), "delivered"),
                           (rate("cloudflare_connector_netstat_ip_in_discards_total"), "in discards"),
                           (rate("cloudflare_connector_netstat_ip_out_no_routes_total"), "no route")),
                   unit="pps", minimum=0, w=8),
        timeseries("ICMP", "ICMP messages received and sent, errors and destination-unreachable messages, per second.",
                   targets((rate("cloudflare_connector_netstat_icmp_in_msgs_total"), "in"),
                           (rate("cloudflare_connector_netstat_icmp_out_msgs_total"), "out"),
                           (rate("cloudflare_connector_netstat_icmp_in_errors_total"), "in errors"),
                           (rate("cloudflare_connector_netstat_icmp_in_dest_unreachs_total"), "in unreachable"),
                           (rate("cloudflare_connector_netstat_icmp_out_dest_unreachs_total"), "out unreachable")),
                   unit="pps", minimum=0, w=8),
        row("Events and telemetry"),
        timeseries("Events by kind", "Events of this connector per kind.",
                   targets((f"sum by (kind) (increase(cloudflare_connector_events_total{{{CONN}}}[$__rate_interval]))",
                            "{{kind}}"),),
                   bars=True, stack=True),
        table("Last event of each kind", "When the newest event of each kind was recorded.",
              targets((f"cloudflare_connector_event_last_timestamp_seconds{{{CONN}}} * 1000", ""),
                      instant=True, fmt="table"),
              hide=("Time", "__name__", "job", "instance", "account_id", "connector_id"),
              rename={"Value": "Last event"}, overrides=[column("Last event", unit="dateTimeFromNow")],
              sort_by="kind"),
        timeseries("Telemetry failures", "Snapshots the connector failed to record or transmit, and disk reclaim "
                   "failures (increase over the rate interval).",
                   targets((f"increase(cloudflare_connector_snapshot_record_failures_total{{{CONN}}}[$__rate_interval])",
                            "record failures"),
                           (f"increase(cloudflare_connector_snapshot_transmit_failures_total{{{CONN}}}"
                            f"[$__rate_interval])", "transmit failures"),
                           (f"increase(cloudflare_connector_reclaim_failures_total{{{CONN}}}[$__rate_interval])",
                            "reclaim failures")),
                   minimum=0),
        timeseries("Snapshots seen", "Snapshots of this connector the exporter has seen, per minute.",
                   targets((f"increase(cloudflare_connector_snapshots_total{{{CONN}}}[$__rate_interval])", "snapshots"),),
                   minimum=0),
    ]
    return dashboard("magic-connector", "Cloudflare Magic / Connector",
                     "One Magic WAN connector in the spirit of Node Exporter Full: CPU, memory, pressure, network, "
                     "disks, file systems, temperatures, tunnels, SNMP counters and events, from its snapshots.",
                     [job_var(), account_var("cloudflare_connector_up"),
                      query_var("connector_id", "Connector",
                                'label_values(cloudflare_connector_up{job=~"$job", account_id=~"$account_id"}, '
                                'connector_id)', multi=False)], p)


# ------------------------------------------------------------------------------------------ tunnels and BGP

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


# ------------------------------------------------------------------------------------------ captures and inventory

def inventory():
    p = [
        row("Packet captures"),
        stat("Capture requests", "Packet capture requests of the selected accounts.",
             targets((f"count(cloudflare_pcap_info{{{ACC}}}) or vector(0)", "captures"),)),
        stat("Running", "Captures pending or running.",
             targets((f'count(cloudflare_pcap_status{{{ACC}, status=~"pending|running|conversion_pending|'
                      f'conversion_running"}} == 1) or vector(0)', "running"),)),
        stat("Failed", "Captures in the failed state.",
             targets((f'count(cloudflare_pcap_status{{{ACC}, status="failed"}} == 1) or vector(0)', "failed"),),
             thr=thresholds((None, "green"), (1, "red"))),
        stat("Buckets not validated", "Full-capture buckets whose ownership is pending or failed.",
             targets((f'count(cloudflare_pcap_bucket_ownership_status{{{ACC}, status!="success"}} == 1) or vector(0)',
                      "buckets"),),
             thr=thresholds((None, "green"), (1, "orange"))),
        piechart("Captures by status", "Capture requests by status.",
                 targets((f"sum by (status) (cloudflare_pcap_status{{{ACC}}})", "{{status}}"),), w=8, h=8),
        table("Captures", "Each capture with its kind, status, packets captured, limits and request time.",
              targets((f"cloudflare_pcap_info{{{ACC}}}", ""),
                      (f"cloudflare_pcap_status{{{ACC}}} == 1", ""),
                      (f"cloudflare_pcap_packets_captured{{{ACC}}}", ""),
                      (f"cloudflare_pcap_time_limit_seconds{{{ACC}}}", ""),
                      (f"cloudflare_pcap_submitted_timestamp_seconds{{{ACC}}} * 1000", ""),
                      instant=True, fmt="table"),
              hide=("Time", "__name__", "job", "instance", "Value #A", "Value #B"),
              rename={"Value #C": "Packets", "Value #D": "Time limit", "Value #E": "Submitted"},
              overrides=[column("Time limit", unit="s"), column("Submitted", unit="dateTimeAsIso")],
              sort_by="pcap_id", w=16),
        timeseries("Packets captured", "Packets captured so far by each capture.",
                   targets((f"cloudflare_pcap_packets_captured{{{ACC}}}", "{{pcap_id}}"),), minimum=0),
        table("Capture buckets", "Buckets for full captures and the state of their ownership validation.",
              targets((f"cloudflare_pcap_bucket_ownership_status{{{ACC}}} == 1", ""),
                      (f"cloudflare_pcap_bucket_validated_timestamp_seconds{{{ACC}}} * 1000", ""),
                      instant=True, fmt="table"),
              hide=("Time", "__name__", "job", "instance", "Value #A"),
              rename={"status": "Ownership", "Value #B": "Validated"},
              overrides=[column("Validated", unit="dateTimeAsIso")], sort_by="bucket_id", w=12),
        row("Sites and inventory"),
        bargauge("Account objects", "Configured Magic objects of each account by kind (sites, apps, routes).",
                 targets((f"sum by (kind) (cloudflare_magic_objects{{{ACC}}})", "{{kind}}"),), w=8),
        table("Sites", "Each site with its connectors, HA mode and configured LANs, WANs, ACLs and app configs.",
              targets((f"cloudflare_site_info{{{ACC}}}", ""),
                      (f"cloudflare_site_ha_mode_enabled{{{ACC}}}", ""),
                      (f'cloudflare_site_objects{{{ACC}, kind="lan"}}', ""),
                      (f'cloudflare_site_objects{{{ACC}, kind="wan"}}', ""),
                      (f'cloudflare_site_objects{{{ACC}, kind="acl"}}', ""),
                      (f"time() - cloudflare_site_inventory_timestamp_seconds{{{ACC}}}", ""),
                      instant=True, fmt="table"),
              hide=("Time", "__name__", "job", "instance", "kind", "Value #A"),
              rename={"Value #B": "HA mode", "Value #C": "LANs", "Value #D": "WANs", "Value #E": "ACLs",
                      "Value #F": "Counted ago"},
              overrides=[column("HA mode", mappings=value_mappings({0: ("off", "text"), 1: ("on", "green")})),
                         column("Counted ago", unit="s")],
              sort_by="name", w=16),
        timeseries("Objects over time", "Magic objects by kind over time: a sudden drop is a deletion worth checking.",
                   targets((f"sum by (kind) (cloudflare_magic_objects{{{ACC}}})", "{{kind}}"),
                           (f"sum by (kind) (cloudflare_site_objects{{{ACC}}})", "site {{kind}}")),
                   minimum=0),
        timeseries("Site inventory age", "Time since each site's LANs, WANs, ACLs and app configs were counted "
                   "(a few sites are refreshed each cycle to spare the request budget).",
                   targets((f"time() - cloudflare_site_inventory_timestamp_seconds{{{ACC}}}", "{{site_id}}"),),
                   unit="s", minimum=0),
        row("Workers VPC services"),
        table("Services", "Workers VPC connectivity services with their type, host, tunnel and TLS verification.",
              targets((f"cloudflare_vpc_service_info{{{ACC}}}", ""),
                      (f"cloudflare_vpc_service_tls_cert_verification_mode{{{ACC}}} == 1", ""),
                      (f"cloudflare_vpc_service_updated_timestamp_seconds{{{ACC}}} * 1000", ""),
                      instant=True, fmt="table"),
              hide=("Time", "__name__", "job", "instance", "Value #A", "Value #B"),
              rename={"mode": "TLS verification", "Value #C": "Updated"},
              overrides=[column("Updated", unit="dateTimeAsIso")], sort_by="name", w=16),
        piechart("TLS verification", "Services by TLS certificate verification mode towards the origin.",
                 targets((f"sum by (mode) (cloudflare_vpc_service_tls_cert_verification_mode{{{ACC}}})", "{{mode}}"),),
                 w=8),
    ]
    return dashboard("magic-inventory", "Cloudflare Magic / Captures and inventory",
                     "Packet captures and their buckets, sites, Magic objects and Workers VPC services.",
                     [job_var(), account_var("cloudflare_exporter_source_up")], p)


# ------------------------------------------------------------------------------------------ the exporter

def exporter():
    p = [
        row("Exporter"),
        stat("Version", "Exporter version and Java runtime; SIMULATED when it runs with --demo.",
             targets((f"cloudflare_exporter_build_info{{{SELF}}}", "{{version}} (Java {{java_version}})"),),
             text_mode="name", w=6),
        stat("Data", "Whether the data comes from the built-in simulator (--demo) or a Cloudflare account.",
             targets((f'max(cloudflare_exporter_build_info{{{SELF}, simulated="true"}}) or vector(0)', "simulated"),),
             mappings=value_mappings({0: ("Cloudflare API", "green"), 1: ("SIMULATED", "orange")}),
             color_mode="background", w=4),
        stat("Uptime", "Time since the exporter started.",
             targets((f"max(process_uptime_seconds{{{SELF}}})", "uptime"),), unit="s", w=4),
        stat("Scrape up", "Whether Prometheus scrapes every selected exporter instance.",
             targets((f"min(up{{{SELF}}})", "up"),), mappings=UP_MAPPING,
             thr=thresholds((None, "red"), (1, "green")), color_mode="background", w=4),
        stat("Sources up", "Account-level sources (tunnels, captures, services, inventory) whose last poll worked, "
             "out of all.",
             targets((f"sum(cloudflare_exporter_source_up{{{SELF}}})", "up"),), w=3),
        stat("Sources down", "Account-level sources whose last poll failed (the last good data is served).",
             targets((f"count(cloudflare_exporter_source_up{{{SELF}}} == 0) or vector(0)", "down"),),
             thr=thresholds((None, "green"), (1, "red")), w=3),
        row("Cloudflare API requests"),
        timeseries("Requests by status class", "HTTP attempts to the Cloudflare API per second, retries included, by "
                   "status class (none: no answer, e.g. timeout).",
                   targets((f"sum by (status_class) (rate(cloudflare_exporter_api_requests_total{{{SELF}}}"
                            f"[$__rate_interval]))", "{{status_class}}"),),
                   unit="reqps", stack=True, minimum=0),
        timeseries("Requests by endpoint", "HTTP attempts per second by endpoint template.",
                   targets((f"sum by (endpoint) (rate(cloudflare_exporter_api_requests_total{{{SELF}}}"
                            f"[$__rate_interval]))", "{{endpoint}}"),),
                   unit="reqps", stack=True, minimum=0),
        timeseries("Request latency", "50th, 95th and 99th percentile time from sending an attempt to its answer.",
                   targets(*[(f"histogram_quantile({q}, sum by (le) (rate("
                              f"cloudflare_exporter_api_request_duration_seconds_bucket{{{SELF}}}[$__rate_interval])))",
                              f"p{int(q * 100)}") for q in (0.5, 0.95, 0.99)]),
                   unit="s", minimum=0),
        timeseries("Slowest endpoints", "Mean request duration per endpoint over the rate interval.",
                   targets((f"sum by (endpoint) (rate(cloudflare_exporter_api_request_duration_seconds_sum{{{SELF}}}"
                            f"[$__rate_interval])) / sum by (endpoint) (rate("
                            f"cloudflare_exporter_api_request_duration_seconds_count{{{SELF}}}[$__rate_interval]) > 0)",
                            "{{endpoint}}"),),
                   unit="s", minimum=0),
        timeseries("Errors and retries", "Calls that failed after retries, by kind, and attempts retried, by reason, "
                   "per second. The counters appear with the first failure or retry; until then the panel shows 0.",
                   targets((f"sum by (kind) (rate(cloudflare_exporter_api_errors_total{{{SELF}}}[$__rate_interval])) "
                            f"or on () vector(0)", "error {{kind}}"),
                           (f"sum by (reason) (rate(cloudflare_exporter_api_retries_total{{{SELF}}}[$__rate_interval])) "
                            f"or on () vector(0)", "retry {{reason}}")),
                   unit="reqps", minimum=0),
        timeseries("Throttling", "HTTP 429 answers per second and whether the credential is paused after one.",
                   targets((f"sum by (credential) (rate(cloudflare_exporter_api_throttled_responses_total{{{SELF}}}"
                            f"[$__rate_interval]))", "429/s {{credential}}"),
                           (f"max by (credential) (cloudflare_exporter_api_throttle_active{{{SELF}}})",
                            "paused {{credential}}")),
                   minimum=0),
        row("Request budget"),
        timeseries("Budget remaining", "Requests each credential may still start in its sliding window, against the "
                   "limit (Cloudflare allows 1,200 per 5 minutes per user or token).",
                   targets((f"cloudflare_exporter_api_budget_remaining_requests{{{SELF}}}", "remaining {{credential}}"),
                           (f"cloudflare_exporter_api_budget_limit_requests{{{SELF}}}", "limit {{credential}}")),
                   minimum=0),
        timeseries("Requests waiting for budget", "Requests queued for budget by priority: telemetry, tunnels, "
                   "inventory and admin.",
                   targets((f"sum by (priority) (cloudflare_exporter_api_budget_waiting_requests{{{SELF}}})",
                            "{{priority}}"),),
                   stack=True, minimum=0),
        timeseries("Budget wait time", "Mean time requests waited for budget, by priority.",
                   targets((f"sum by (priority) (rate(cloudflare_exporter_api_budget_wait_seconds_sum{{{SELF}}}"
                            f"[$__rate_interval])) / sum by (priority) (rate("
                            f"cloudflare_exporter_api_budget_wait_seconds_count{{{SELF}}}[$__rate_interval]) > 0)",
                            "{{priority}}"),),
                   unit="s", minimum=0),
        timeseries("Budget used", "Share of each credential's budget window in use.",
                   targets((f"1 - cloudflare_exporter_api_budget_remaining_requests{{{SELF}}} / "
                            f"cloudflare_exporter_api_budget_limit_requests{{{SELF}}}", "{{credential}}"),),
                   unit="percentunit", minimum=0, maximum=1,
                   thr=thresholds((None, "green"), (0.95, "red"))),
        row("Polling and freshness"),
        timeseries("Poll cycle duration", "Mean duration of poll cycles by poller.",
                   targets((f"sum by (poller) (rate(cloudflare_exporter_poll_duration_seconds_sum{{{SELF}}}"
                            f"[$__rate_interval])) / sum by (poller) (rate("
                            f"cloudflare_exporter_poll_duration_seconds_count{{{SELF}}}[$__rate_interval]) > 0)",
                            "{{poller}}"),),
                   unit="s", minimum=0),
        timeseries("Poll cycles", "Poll cycles per minute by poller and result.",
                   targets((f"sum by (poller, result) (increase(cloudflare_exporter_poll_cycles_total{{{SELF}}}"
                            f"[$__rate_interval]))", "{{poller}} {{result}}"),),
                   bars=True, stack=True, minimum=0),
        bargauge("Time since last successful poll", "Seconds since each poller last completed a cycle, compared to "
                 "its interval.",
                 targets((f"max by (poller) (time() - cloudflare_exporter_poll_last_success_timestamp_seconds{{{SELF}}})",
                          "{{poller}}"),),
                 unit="s", thr=thresholds((None, "green"), (300, "orange"), (900, "red"))),
        table("Pollers", "Interval, last success and cycles of each poller.",
              targets((f"max by (poller) (cloudflare_exporter_poll_interval_seconds{{{SELF}}})", ""),
                      (f"max by (poller) (time() - cloudflare_exporter_poll_last_success_timestamp_seconds{{{SELF}}})",
                       ""),
                      (f'sum by (poller) (increase(cloudflare_exporter_poll_cycles_total{{{SELF}, result="error"}}'
                       f"[$__range])) or sum by (poller) (cloudflare_exporter_poll_interval_seconds{{{SELF}}}) * 0", ""),
                      instant=True, fmt="table"),
              rename={"Value #A": "Interval", "Value #B": "Since last success", "Value #C": "Failed cycles"},
              overrides=[column("Interval", unit="s"), column("Since last success", unit="s")],
              sort_by="poller", w=12),
        table("Sources", "Account-level sources: up, objects and time since the last success.",
              targets((f"cloudflare_exporter_source_up{{{SELF}}}", ""),
                      (f"cloudflare_exporter_source_objects{{{SELF}}}", ""),
                      (f"time() - cloudflare_exporter_source_last_success_timestamp_seconds{{{SELF}}}", ""),
                      instant=True, fmt="table"),
              rename={"Value #A": "Up", "Value #B": "Objects", "Value #C": "Since last success"},
              overrides=[column("Up", mappings=UP_MAPPING, cell="color-background"),
                         column("Since last success", unit="s")],
              sort_by="source", w=12),
        timeseries("Oldest connector snapshot", "Age of the oldest connector data the exporter serves: time since "
                   "its last successful snapshot fetch, worst connector.",
                   targets((f"max(time() - cloudflare_exporter_snapshot_last_success_timestamp_seconds{{{SELF}}})",
                            "oldest fetch"),
                           (f"max(time() - cloudflare_connector_snapshot_timestamp_seconds{{{SELF}}})",
                            "oldest snapshot")),
                   unit="s", minimum=0),
        timeseries("Connector fetch failures", "Connectors whose last snapshot fetch failed, and event counting lag of "
                   "the worst connector.",
                   targets((f"count(cloudflare_connector_up{{{SELF}}} == 0) or vector(0)", "connectors failing"),
                           (f"max(cloudflare_connector_events_lag_seconds{{{SELF}}})", "worst events lag (s)")),
                   minimum=0),
        row("Process"),
        timeseries("JVM memory", "Heap and non-heap memory in use and the heap limit.",
                   targets((f'sum by (area) (jvm_memory_used_bytes{{{SELF}}})', "{{area}} used"),
                           (f'sum(jvm_memory_max_bytes{{{SELF}, area="heap"}} > 0)', "heap max")),
                   unit="bytes", minimum=0, w=8),
        timeseries("CPU", "CPU used by the exporter process (share of one host).",
                   targets((f"process_cpu_usage{{{SELF}}}", "{{instance}}"),),
                   unit="percentunit", minimum=0, w=8),
        timeseries("State checkpoints", "Checkpoint files written per second by result, and connectors with a "
                   "checkpoint.",
                   targets((f"sum by (result) (rate(cloudflare_exporter_state_writes_total{{{SELF}}}[$__rate_interval]))",
                            "writes {{result}}"),
                           (f"sum(cloudflare_exporter_state_checkpoints{{{SELF}}})", "checkpoints")),
                   minimum=0, w=8),
    ]
    return dashboard("magic-exporter", "Cloudflare Magic / Exporter",
                     "magic-exporter itself: Cloudflare API requests, latency, errors, throttling, the request "
                     "budget, pollers and data freshness.",
                     [job_var(), query_var("instance", "Instance",
                                           'label_values(cloudflare_exporter_build_info{job=~"$job"}, instance)')], p)


DASHBOARDS = {
    "fleet-overview.json": fleet,
    "connector.json": connector,
    "tunnels.json": tunnels,
    "captures-inventory.json": inventory,
    "exporter.json": exporter,
}


def main():
    here = pathlib.Path(__file__).resolve().parent
    for name, build in DASHBOARDS.items():
        (here / name).write_text(json.dumps(build(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote dashboards/{name}")


if __name__ == "__main__":
    main()
