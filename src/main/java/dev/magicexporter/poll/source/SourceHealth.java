package dev.magicexporter.poll.source;

import dev.magicexporter.client.ApiException;
import dev.magicexporter.metrics.self.SelfMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The health of every (source, account) pair, as self-metrics and as a log that speaks once per
 * change rather than once per cycle:
 *
 * <pre>
 * cloudflare_exporter_source_up{source="pcaps",account_id="023e…"} 0
 * cloudflare_exporter_source_errors_total{source="pcaps",account_id="023e…",kind="auth"} 3
 * cloudflare_exporter_source_last_success_timestamp_seconds{source="pcaps",account_id="023e…"} 1.7e9
 * cloudflare_exporter_source_objects{source="pcaps",account_id="023e…"} 12
 * </pre>
 *
 * A failure is logged at WARN when a pair starts failing or fails in a new way (another kind),
 * with the permission the token needs when Cloudflare answered 401/403; recovery is logged once
 * at INFO. Messages go through {@link SafeMessages}.
 */
public final class SourceHealth {
  private static final Logger LOG = LoggerFactory.getLogger(SourceHealth.class);

  private final MeterRegistry registry;
  private final Map<String, PairState> pairs = new ConcurrentHashMap<>();

  public SourceHealth(MeterRegistry registry) {
    this.registry = registry;
  }

  /** What is known about one (source, account) pair; readable by status pages. */
  public static final class PairState {
    final String source;
    final String accountId;
    volatile double up = Double.NaN;
    volatile double lastSuccess = Double.NaN;
    volatile double objects = Double.NaN;
    volatile String failingKind;
    volatile String lastError;

    PairState(String source, String accountId) {
      this.source = source;
      this.accountId = accountId;
    }

    public boolean up() {
      return up == 1;
    }

    public String lastError() {
      return lastError;
    }
  }

  private PairState pair(String source, String accountId) {
    return pairs.computeIfAbsent(source + '\u0000' + accountId, k -> {
      PairState s = new PairState(source, accountId);
      SelfMetrics.SOURCE_UP.gauge(registry, s, p -> p.up, source, accountId);
      SelfMetrics.SOURCE_LAST_SUCCESS.gauge(registry, s, p -> p.lastSuccess, source, accountId);
      SelfMetrics.SOURCE_OBJECTS.gauge(registry, s, p -> p.objects, source, accountId);
      return s;
    });
  }

  /** The state of one pair, or null before its first poll. */
  public PairState state(String source, String accountId) {
    return pairs.get(source + '\u0000' + accountId);
  }

  public void success(String source, String accountId, int objects, Instant at) {
    PairState s = pair(source, accountId);
    if (s.failingKind != null) {
      LOG.info("source {} for account {} recovered", source, accountId);
    }
    s.failingKind = null;
    s.lastError = null;
    s.up = 1;
    s.objects = objects;
    s.lastSuccess = at.toEpochMilli() / 1000.0;
  }

  /** The whole fetch failed: the pair is down and keeps its last good data. */
  public void failure(String source, String accountId, Throwable error, String permission) {
    PairState s = pair(source, accountId);
    s.up = 0;
    count(source, accountId, error);
    String kind = SafeMessages.kind(error);
    String message = describe(error, permission);
    s.lastError = message;
    if (!kind.equals(s.failingKind)) {
      LOG.warn("source {} for account {} failed, keeping its last good data: {}", source, accountId, message);
    } else {
      LOG.debug("source {} for account {} still failing: {}", source, accountId, message);
    }
    s.failingKind = kind;
  }

  /** One object of an otherwise good fetch failed (e.g. the LANs of one site). */
  public void objectError(String source, String accountId, String object, Throwable error, String permission) {
    pair(source, accountId);
    count(source, accountId, error);
    LOG.debug("source {} for account {}: {} failed: {}", source, accountId, object, describe(error, permission));
  }

  private void count(String source, String accountId, Throwable error) {
    SelfMetrics.SOURCE_ERRORS.counter(registry, source, accountId, SafeMessages.kind(error)).increment();
  }

  /**
   * The log line's reason. For 401/403 it names the permission: the client's hint for the path
   * when it has one, else the source's own.
   */
  static String describe(Throwable error, String permission) {
    String m = SafeMessages.of(error);
    if (error instanceof ApiException.Authentication a && a.permissionHint() == null && permission != null) {
      m += "; this source needs the token permission " + permission;
    }
    return m;
  }
}
