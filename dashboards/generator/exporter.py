"""The exporter itself: polls, API requests and budget, state, JVM."""
from generator.panels import *  # noqa: F401,F403 (the dashboard building blocks)


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
