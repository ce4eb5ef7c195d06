package dev.magicexporter.metrics.self;

import static dev.magicexporter.metrics.self.SelfMetric.counter;
import static dev.magicexporter.metrics.self.SelfMetric.gauge;
import static dev.magicexporter.metrics.self.SelfMetric.histogram;
import static dev.magicexporter.metrics.self.SelfMetric.info;
import static dev.magicexporter.metrics.self.SelfMetric.summary;

import java.util.List;

/**
 * Every metric the daemon keeps about itself, declared here and only here, grouped as in the
 * metrics reference. The code that records one takes its meter from the declaration
 * ({@link SelfMetric#counter}, {@link SelfMetric#gauge}, ...); a test fails when the demo daemon
 * exposes a {@code cloudflare_exporter_*} family that is not declared here, and another when a
 * {@code cloudflare_exporter_} name is spelled anywhere else in the code.
 */
public final class SelfMetrics {
  private SelfMetrics() {}

  // The daemon

  public static final SelfMetric BUILD_INFO = info("cloudflare_exporter_build_info",
      "Build of the exporter; simulated=\"true\" when the data comes from the built-in simulator.",
      "version", "java_version", "simulated");
  public static final SelfMetric ACCOUNT_INFO = info("cloudflare_account_info",
      "Configured Cloudflare accounts; account_name is the optional name given in cloudflare.accounts.",
      "account_id", "account_name");
  public static final SelfMetric SHARD = gauge("cloudflare_exporter_shard", "This replica's shard ordinal.");
  public static final SelfMetric SHARDS = gauge("cloudflare_exporter_shards",
      "Number of replicas sharing the connectors.");
  public static final SelfMetric SCRAPE_CACHE_BYTES = gauge("cloudflare_exporter_scrape_cache_bytes",
      "Compressed exposition held between gzip scrapes (families of the object tables).");
  public static final SelfMetric SCRAPE_CACHE_RENDERED = counter("cloudflare_exporter_scrape_cache_rendered_bytes_total",
      "Text rendered into the scrape cache because objects changed.");
  public static final SelfMetric SCRAPE_CACHE_COMPRESSED = counter(
      "cloudflare_exporter_scrape_cache_compressed_bytes_total",
      "Text compressed into the scrape cache (rendered text that had not changed is not).");

  // The Cloudflare API client

  public static final SelfMetric API_REQUESTS = counter("cloudflare_exporter_api_requests_total",
      "HTTP attempts sent to the Cloudflare API, retries included; status_class is 2xx, 3xx, 4xx, 5xx, or none "
          + "when no answer came (network error, timeout). endpoint is the path template, never a concrete path.",
      "endpoint", "method", "status_class");
  public static final SelfMetric API_REQUEST_DURATION = histogram("cloudflare_exporter_api_request_duration_seconds",
      "Time from sending a Cloudflare API attempt to its complete answer (for a streamed download, to the "
          + "response head).", "endpoint", "method");
  public static final SelfMetric API_RETRIES = counter("cloudflare_exporter_api_retries_total",
      "Cloudflare API attempts made again, by reason: throttled (429), server (5xx), request_timeout (408), "
          + "conflict (409), should_retry (x-should-retry: true), timeout or network.", "endpoint", "reason");
  public static final SelfMetric API_ERRORS = counter("cloudflare_exporter_api_errors_total",
      "Cloudflare API calls that failed for their caller after retries, by kind: auth, not_found, validation, "
          + "throttled, server, network, timeout, malformed.", "endpoint", "kind");
  public static final SelfMetric SOURCE_FIELD_ERRORS = counter("cloudflare_exporter_source_field_errors_total",
      "Values of list items that could not be read and were left out, by source and field; the rest of the "
          + "object is still exported.", "source", "field");

  // The request budget of each credential

  public static final SelfMetric BUDGET_LIMIT = gauge("cloudflare_exporter_api_budget_limit_requests",
      "Requests this replica plans to start per budget window with the credential (its share of the "
          + "credential's limit, admin reserve included).", "credential");
  public static final SelfMetric BUDGET_ALLOWED = gauge("cloudflare_exporter_api_budget_allowed_requests",
      "Requests allowed per budget window now: the limit, lowered for a while after a 429 (someone else spent "
          + "the credential's limit).", "credential");
  public static final SelfMetric BUDGET_IN_FLIGHT = gauge("cloudflare_exporter_api_budget_in_flight_requests",
      "Poller requests of the credential sent and not answered yet (at most cloudflare.max_in_flight).",
      "credential");
  public static final SelfMetric BUDGET_WINDOW = gauge("cloudflare_exporter_api_budget_window_seconds",
      "Length of the request budget window.", "credential");
  public static final SelfMetric BUDGET_REMAINING = gauge("cloudflare_exporter_api_budget_remaining_requests",
      "Requests that may still start in the current window, admin reserve included.", "credential");
  public static final SelfMetric BUDGET_WAITING = gauge("cloudflare_exporter_api_budget_waiting_requests",
      "Requests waiting for request budget, by priority.", "credential", "priority");
  public static final SelfMetric BUDGET_WAIT = summary("cloudflare_exporter_api_budget_wait_seconds",
      "Time requests waited for request budget, by priority.", "credential", "priority");
  public static final SelfMetric THROTTLED_RESPONSES = counter("cloudflare_exporter_api_throttled_responses_total",
      "HTTP 429 answers received for the credential.", "credential");
  public static final SelfMetric THROTTLE_PAUSED = counter("cloudflare_exporter_api_throttle_paused_seconds_total",
      "Time during which every request of the credential was held back after a 429 or an exhausted Ratelimit.",
      "credential");
  public static final SelfMetric THROTTLE_ACTIVE = gauge("cloudflare_exporter_api_throttle_active",
      "1 while every request of the credential is held back after a 429.", "credential");

  // Polling

  public static final SelfMetric POLL_CYCLES = counter("cloudflare_exporter_poll_cycles_total",
      "Poll cycles by poller and result.", "poller", "result");
  public static final SelfMetric POLL_DURATION = summary("cloudflare_exporter_poll_duration_seconds",
      "Duration of poll cycles by poller and result.", "poller", "result");
  public static final SelfMetric POLL_INTERVAL = gauge("cloudflare_exporter_poll_interval_seconds",
      "Configured time between the starts of two cycles of the poller.", "poller");
  public static final SelfMetric POLL_LAST_SUCCESS = gauge("cloudflare_exporter_poll_last_success_timestamp_seconds",
      "When the poller last finished a cycle without a cycle-level error.", "poller");
  public static final SelfMetric POLL_OBJECT_ERRORS = counter("cloudflare_exporter_poll_object_errors_total",
      "Objects that failed inside otherwise successful poll cycles.", "poller");
  public static final SelfMetric SOURCE_UP = gauge("cloudflare_exporter_source_up",
      "1 when the last poll of the source for the account succeeded, 0 when it failed.", "source", "account_id");
  public static final SelfMetric SOURCE_LAST_SUCCESS = gauge("cloudflare_exporter_source_last_success_timestamp_seconds",
      "When the source last delivered good data for the account (its series are that old).", "source", "account_id");
  public static final SelfMetric SOURCE_OBJECTS = gauge("cloudflare_exporter_source_objects",
      "Objects in the source's last good data for the account.", "source", "account_id");
  public static final SelfMetric SOURCE_ERRORS = counter("cloudflare_exporter_source_errors_total",
      "Failed requests of a source by account and kind (auth, not_found, validation, throttled, server, network, "
          + "timeout, malformed, internal).", "source", "account_id", "kind");
  public static final SelfMetric SCHEDULE_CONFIGURED_CYCLE = gauge(
      "cloudflare_exporter_schedule_configured_cycle_seconds",
      "Configured time between two polls of a connector (poll_interval).");
  public static final SelfMetric SCHEDULE_CYCLE = gauge("cloudflare_exporter_schedule_cycle_seconds",
      "Planned time between two polls of a quiet connector: poll_interval, or longer when the request budget "
          + "cannot poll every connector that often.", "credential");
  public static final SelfMetric SCHEDULE_TROUBLED_CYCLE = gauge("cloudflare_exporter_schedule_troubled_cycle_seconds",
      "Planned time between two polls of a connector that shows trouble (unhealthy tunnel or HA state, recent "
          + "restart, disconnect or failure, stale snapshot): poll_interval unless the troubled connectors alone "
          + "need more.", "credential");
  public static final SelfMetric SCHEDULE_TROUBLED_CONNECTORS = gauge("cloudflare_exporter_schedule_troubled_connectors",
      "Connectors that show trouble and are polled every round when the budget is short.", "credential");
  public static final SelfMetric SCHEDULE_ACHIEVED_CYCLE = gauge("cloudflare_exporter_schedule_achieved_cycle_seconds",
      "Measured time in which every connector of the credential was polled once, over the last full sweep "
          + "(compare with cloudflare_exporter_schedule_cycle_seconds).", "credential");
  public static final SelfMetric SCHEDULE_MIN_CYCLE = gauge("cloudflare_exporter_schedule_min_cycle_seconds",
      "Shortest connector cycle the credential's request budget allows, given its connectors and account-level "
          + "sources.", "credential");
  public static final SelfMetric SCHEDULE_REQUESTS_PER_CYCLE = gauge("cloudflare_exporter_schedule_requests_per_cycle",
      "Estimated connector requests (snapshots and events) of one cycle.", "credential");
  public static final SelfMetric SCHEDULE_SOURCE_RATE = gauge(
      "cloudflare_exporter_schedule_source_requests_per_second",
      "Estimated request rate of the account-level sources (tunnels, captures, services, inventory, discovery), "
          + "planned before the connectors.", "credential");

  // Connector events

  public static final SelfMetric EVENTS_IGNORED = counter("cloudflare_exporter_events_ignored_total",
      "Event list items not counted, by reason: before_checkpoint (at or below the checkpoint), already_counted "
          + "(above it but counted before: the settle margin is read again each cycle), invalid (no t or n).",
      "reason");
  public static final SelfMetric EVENTS_POLLS_SKIPPED = counter("cloudflare_exporter_events_polls_skipped_total",
      "Connector events polls left out of a cycle, by reason: quiet (its last poll found no activity, it backs "
          + "off), over_share (due, but the cycle's share of events polls was used; it goes first next cycle), "
          + "failing (backing off after failures). Nothing is lost: the next poll reads from the checkpoint.",
      "reason");
  public static final SelfMetric EVENTS_CONNECTOR_FAILURES = counter(
      "cloudflare_exporter_events_connector_failures_total",
      "Connector event polls that failed (after the client's retries), by error: the client's error kind, or "
          + "state for any failure that is not the API's (e.g. of the checkpoint).", "error");

  // GraphQL analytics

  public static final SelfMetric ANALYTICS_COUNTED_TO = gauge("cloudflare_exporter_analytics_counted_to_timestamp_seconds",
      "End of the last window a counted analytics feed has counted (durably), in seconds since the epoch; it "
          + "trails the clock by analytics.delay when up to date.", "account_id", "feed");
  public static final SelfMetric ANALYTICS_SKIPPED = counter("cloudflare_exporter_analytics_skipped_seconds_total",
      "Time a counted analytics feed could not count because it had passed out of the dataset's look-back while "
          + "the exporter was down.", "account_id", "feed");
  public static final SelfMetric ANALYTICS_TRUNCATED = counter("cloudflare_exporter_analytics_truncated_windows_total",
      "Windows whose answer filled the query limit: split and read again, or (a single minute) counted "
          + "incomplete.", "account_id", "feed");

  public static final SelfMetric GRAPHQL_BUDGET_LIMIT = gauge("cloudflare_exporter_graphql_budget_limit_queries",
      "GraphQL queries (dataset nodes) the credential may send per GraphQL budget window (analytics.budget_queries).",
      "credential");
  public static final SelfMetric GRAPHQL_BUDGET_REMAINING = gauge("cloudflare_exporter_graphql_budget_remaining_queries",
      "GraphQL queries that may start now without exceeding the credential's GraphQL budget.", "credential");
  public static final SelfMetric GRAPHQL_BUDGET_WAITING = gauge("cloudflare_exporter_graphql_budget_waiting_queries",
      "GraphQL queries waiting for the credential's GraphQL budget.", "credential");
  public static final SelfMetric GRAPHQL_BUDGET_EXHAUSTED = counter("cloudflare_exporter_graphql_budget_exhausted_total",
      "Times Cloudflare answered that the credential's GraphQL quota was used up; each holds the credential's "
          + "GraphQL requests back for a window.", "credential");

  // State

  public static final SelfMetric STATE_CHECKPOINTS = gauge("cloudflare_exporter_state_checkpoints",
      "Connectors with a checkpoint in memory (loaded or created).");
  public static final SelfMetric STATE_WRITES = counter("cloudflare_exporter_state_writes_total",
      "Checkpoint files written (atomically replaced), connector and analytics checkpoints alike.", "result");
  public static final SelfMetric STATE_WRITE_DURATION = summary("cloudflare_exporter_state_write_duration_seconds",
      "Time to write one checkpoint file durably (write, fsync, rename, fsync dir).");
  public static final SelfMetric STATE_CORRUPT_FILES = counter("cloudflare_exporter_state_corrupt_files_total",
      "Checkpoint files that could not be read and were moved aside.");
  public static final SelfMetric STATE_REMOVED = counter("cloudflare_exporter_state_removed_total",
      "Checkpoints deleted because their connector was gone for the grace period.");
  public static final SelfMetric STATE_FUTURE_CHECKPOINTS = counter("cloudflare_exporter_state_future_checkpoints_total",
      "Checkpoints holding a time later than now plus the tolerance (a file from the future, or a clock that ran "
          + "ahead), rebased to resume counting without counting anything twice.");

  // Listeners and the admin API

  public static final SelfMetric LISTENER_CONNECTIONS = gauge("cloudflare_exporter_listener_connections",
      "Open connections of a listener (metrics, admin).", "listener");
  public static final SelfMetric LISTENER_CONNECTIONS_CLOSED = counter(
      "cloudflare_exporter_listener_connections_closed_total",
      "Connections a listener closed because it was at its connection cap: evicted_idle (the longest idle one "
          + "made room for a new one), refused_busy (every connection was serving).", "listener", "reason");
  public static final SelfMetric WEB_CONFIG_RELOAD_OK = gauge("cloudflare_exporter_web_config_last_reload_successful",
      "1 when the last check of the web config file (--web.config.file) found it valid or unchanged.");
  public static final SelfMetric ADMIN_REQUESTS = counter("cloudflare_exporter_admin_requests_total",
      "Admin API requests by method, route template (or /status, /status.html, unmatched) and HTTP status code.",
      "method", "route", "code");
  public static final SelfMetric ADMIN_CACHE_REQUESTS = counter("cloudflare_exporter_admin_cache_requests_total",
      "Admin GETs answered by the cache, by result (a hit includes joining a request in flight).", "result");
  public static final SelfMetric ADMIN_CACHE_EVICTIONS = counter("cloudflare_exporter_admin_cache_evictions_total",
      "Admin cache entries removed by expiry or the size bound.");
  public static final SelfMetric ADMIN_CACHE_INVALIDATIONS = counter(
      "cloudflare_exporter_admin_cache_invalidations_total",
      "Admin cache entries removed because a write changed their resource.");
  public static final SelfMetric ADMIN_CACHE_ENTRIES = gauge("cloudflare_exporter_admin_cache_entries",
      "Admin cache entries held now (approximate).");
  public static final SelfMetric ADMIN_CACHE_SIZE = gauge("cloudflare_exporter_admin_cache_size_bytes",
      "Summed size of the answers the admin cache holds.");

  /** The reference's sections of self-metrics, in order. */
  public static final List<SelfMetricTable> TABLES = List.of(
      SelfMetricTable.of("Exporter", "The daemon itself: its build, the accounts it is configured for, its "
              + "shard and its scrape cache.",
          BUILD_INFO, ACCOUNT_INFO, SHARD, SHARDS, SCRAPE_CACHE_BYTES, SCRAPE_CACHE_RENDERED, SCRAPE_CACHE_COMPRESSED),
      SelfMetricTable.of("Cloudflare API client", "Every attempt and every final failure of the client's "
              + "requests (package `client`), and the values it had to leave out of list items.",
          API_REQUESTS, API_REQUEST_DURATION, API_RETRIES, API_ERRORS, SOURCE_FIELD_ERRORS),
      SelfMetricTable.of("Request budget", "The request budget of each credential (`credential` is the "
              + "credential's id, never the secret) and the pause after a 429; see [scaling.md](scaling.md).",
          BUDGET_LIMIT, BUDGET_ALLOWED, BUDGET_WINDOW, BUDGET_REMAINING, BUDGET_IN_FLIGHT, BUDGET_WAITING,
          BUDGET_WAIT, THROTTLED_RESPONSES, THROTTLE_PAUSED, THROTTLE_ACTIVE),
      SelfMetricTable.of("Polling and sources", "Poll cycles, the health of each source per account (a source "
              + "that fails keeps its last good series), and the connector schedule the budget allows; see "
              + "[scaling.md](scaling.md).",
          POLL_CYCLES, POLL_DURATION, POLL_INTERVAL, POLL_LAST_SUCCESS, POLL_OBJECT_ERRORS, SOURCE_UP,
          SOURCE_LAST_SUCCESS, SOURCE_OBJECTS, SOURCE_ERRORS, SCHEDULE_CONFIGURED_CYCLE, SCHEDULE_CYCLE,
          SCHEDULE_TROUBLED_CYCLE, SCHEDULE_TROUBLED_CONNECTORS, SCHEDULE_ACHIEVED_CYCLE, SCHEDULE_MIN_CYCLE,
          SCHEDULE_REQUESTS_PER_CYCLE, SCHEDULE_SOURCE_RATE),
      SelfMetricTable.of("Connector events polling", "How the events poller read the event lists; see "
              + "[events-and-state.md](events-and-state.md).",
          EVENTS_IGNORED, EVENTS_POLLS_SKIPPED, EVENTS_CONNECTOR_FAILURES),
      SelfMetricTable.of("Analytics polling", "How far each counted GraphQL analytics feed has counted; see "
              + "[analytics.md](analytics.md).",
          ANALYTICS_COUNTED_TO, ANALYTICS_SKIPPED, ANALYTICS_TRUNCATED),
      SelfMetricTable.of("GraphQL budget", "The GraphQL user quota of each credential (every dataset node of a "
              + "request is one query), kept next to its request budget; see [analytics.md](analytics.md).",
          GRAPHQL_BUDGET_LIMIT, GRAPHQL_BUDGET_REMAINING, GRAPHQL_BUDGET_WAITING, GRAPHQL_BUDGET_EXHAUSTED),
      SelfMetricTable.of("State", "The checkpoint files in the state directory; see "
              + "[events-and-state.md](events-and-state.md).",
          STATE_CHECKPOINTS, STATE_WRITES, STATE_WRITE_DURATION, STATE_CORRUPT_FILES, STATE_REMOVED,
          STATE_FUTURE_CHECKPOINTS),
      SelfMetricTable.of("Listeners and admin API", "The metrics and admin listeners, the web config file, "
              + "and the admin API with its response cache; see [operations.md](operations.md) and "
              + "[admin-api.md](admin-api.md).",
          LISTENER_CONNECTIONS, LISTENER_CONNECTIONS_CLOSED, WEB_CONFIG_RELOAD_OK, ADMIN_REQUESTS,
          ADMIN_CACHE_REQUESTS, ADMIN_CACHE_EVICTIONS, ADMIN_CACHE_INVALIDATIONS, ADMIN_CACHE_ENTRIES,
          ADMIN_CACHE_SIZE));
}
