"""Building blocks of the magic-exporter dashboards: panels, targets, variables, the layout, and the
label selectors and value mappings the dashboards share. Each dashboard's module imports them all
(``from generator.panels import *``) and reads as a list of panels.
"""

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


def range_mappings(ranges):
    """[(from, to, text, color)] as one Grafana range mapping each (for values between the documented ones)."""
    return [{"type": "range", "options": {"from": lo, "to": hi, "result": {"text": t, "color": c, "index": i}}}
            for i, (lo, hi, t, c) in enumerate(ranges)]


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
                        "wideLayout": True, "showPercentChange": False, "percentChangeColorMode": "standard"},
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
                        "minVizWidth": 8, "minVizHeight": 16, "maxVizHeight": 300,
                        "legend": {"displayMode": "list", "placement": "bottom", "showLegend": False, "calcs": []}},
            "_w": w, "_h": h}


def piechart(title, desc, tgts, w=6, h=8):
    return {"type": "piechart", "title": title, "description": desc, "targets": tgts,
            "fieldConfig": {"defaults": {"unit": "short", "color": {"mode": "palette-classic"}, "mappings": []},
                            "overrides": []},
            "options": {"reduceOptions": {"calcs": ["lastNotNull"], "fields": "", "values": False},
                        "pieType": "donut", "orientation": "auto", "displayLabels": ["name", "value"],
                        "legend": {"displayMode": "table", "placement": "right", "showLegend": True,
                                   "values": ["value"], "calcs": []},
                        "tooltip": {"mode": "single", "sort": "none"}},
            "_w": w, "_h": h}


def state_timeline(title, desc, tgts, mapping, w=24, h=8):
    """mapping: {value: (text, color)}, or a ready list of Grafana mappings."""
    return {"type": "state-timeline", "title": title, "description": desc, "targets": tgts,
            "fieldConfig": {"defaults": {"color": {"mode": "thresholds"}, "thresholds": GREEN,
                                         "mappings": mapping if isinstance(mapping, list) else value_mappings(mapping),
                                         "custom": {"fillOpacity": 80, "lineWidth": 0}},
                            "overrides": []},
            "options": {"mergeValues": True, "showValue": "never", "alignValue": "left", "rowHeight": 0.9,
                        "legend": {"displayMode": "list", "placement": "bottom", "showLegend": True, "calcs": []},
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
    options = {"showHeader": True, "frameIndex": 0, "cellHeight": "sm", "footer": {"show": False, "reducer": ["sum"], "fields": []}}
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
# tunnelState of the GraphQL health dataset: 0 down, 0.5 degraded, 1 healthy; a data center whose state
# changed within the minute reads in between and is shown as the nearest state
ANALYTICS_STATE_MAPPING = range_mappings([(0, 0.25, "down", "red"), (0.25, 0.75, "degraded", "orange"),
                                          (0.75, 1, "healthy", "green")])


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


def rate(metric, extra="", by="", window="$__rate_interval"):
    sel = CONN + (", " + extra if extra else "")
    inner = f"rate({metric}{{{sel}}}[{window}])"
    return f"sum by ({by}) ({inner})" if by else inner
