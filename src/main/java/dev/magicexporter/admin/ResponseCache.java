package dev.magicexporter.admin;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import dev.magicexporter.metrics.self.SelfMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Upstream GET answers, cached for a short TTL per resource kind, with identical concurrent GETs
 * coalesced into one upstream request (the first caller's request is shared while in flight).
 * Only 2xx answers without secrets are kept. A write invalidates its resource's entries and its
 * parents' lists; an answer whose request started before a write finished is not kept.
 */
public final class ResponseCache {
  /**
   * What makes two GETs the same: account, path, canonical query and the header that changes the
   * answer's shape ({@code x-magic-new-hc-target}).
   */
  public record Key(String kind, String path, String query, String variant) {}

  /** A cached answer. {@code epoch}: the write count when its request started. */
  public record Entry(int status, List<Map.Entry<String, String>> headers, Buffer body, long epoch, boolean keep) {}

  /** An answer and whether it came from the cache (or another caller's request in flight). */
  public record Result(Entry entry, boolean hit) {}

  private final Duration defaultTtl;
  private final Map<String, Duration> ttlByKind;
  private final AtomicLong writes = new AtomicLong();
  private final AtomicLong invalidated = new AtomicLong();
  private final AsyncCache<Key, Entry> cache;

  /**
   * @param defaultTtl TTL of kinds not in {@code ttlByKind}; zero disables caching (coalescing stays)
   * @param ttlByKind TTL per resource kind (route kinds such as {@code gre_tunnels}, {@code events})
   * @param maxBytes bound on the summed body sizes held
   */
  public ResponseCache(Duration defaultTtl, Map<String, Duration> ttlByKind, long maxBytes) {
    this.defaultTtl = defaultTtl;
    this.ttlByKind = Map.copyOf(ttlByKind);
    this.cache = Caffeine.newBuilder()
        .maximumWeight(maxBytes)
        .weigher((Key k, Entry e) -> e.body().length() + k.path().length() + k.query().length() + 64)
        .expireAfter(new Expiry<Key, Entry>() {
          @Override
          public long expireAfterCreate(Key key, Entry value, long currentTime) {
            return lifetime(key, value);
          }

          @Override
          public long expireAfterUpdate(Key key, Entry value, long currentTime, long currentDuration) {
            return lifetime(key, value);
          }

          @Override
          public long expireAfterRead(Key key, Entry value, long currentTime, long currentDuration) {
            return currentDuration;
          }
        })
        .recordStats()
        .buildAsync();
  }

  public Duration ttl(String kind) {
    return ttlByKind.getOrDefault(kind, defaultTtl);
  }

  private long lifetime(Key key, Entry value) {
    if (!value.keep() || value.epoch() != writes.get()) {
      return 0;
    }
    return ttl(key.kind()).toNanos();
  }

  /**
   * The cached answer for {@code key}, or the one another caller is already waiting for, or a new
   * upstream request from {@code load}. The result completes on {@code context}.
   */
  public Future<Result> get(Key key, Supplier<Future<Upstream.Response>> load, Context context) {
    AtomicBoolean loaded = new AtomicBoolean();
    CompletableFuture<Entry> f = cache.get(key, (k, executor) -> {
      loaded.set(true);
      long epoch = writes.get();
      return load.get().map(r -> entry(r, epoch)).toCompletionStage().toCompletableFuture();
    });
    if (loaded.get()) {
      // Expiry would hide an answer that must not be kept; removing it frees the memory now too.
      f.whenComplete((e, t) -> {
        if (e != null && lifetime(key, e) == 0) {
          cache.asMap().remove(key, f);
        }
      });
    }
    return Future.fromCompletionStage(f, context).map(e -> new Result(e, !loaded.get()));
  }

  private static Entry entry(Upstream.Response r, long epoch) {
    boolean ok = r.status() >= 200 && r.status() < 300;
    Buffer body = r.body() == null ? Buffer.buffer() : r.body();
    return new Entry(r.status(), PassedHeaders.of(r.headers()), body, epoch, ok && !Secrets.present(body));
  }

  /**
   * After a write to {@code path} (concrete, e.g. {@code /accounts/a/magic/sites/s/lans/l}) whose
   * resource collection is {@code collection} ({@code /accounts/a/magic/sites/s/lans}): drops
   * every entry under the collection and every entry of an ancestor path (the site, the site list).
   */
  public void invalidate(String collection) {
    writes.incrementAndGet();
    cache.asMap().keySet().removeIf(k -> {
      boolean hit = k.path().equals(collection) || k.path().startsWith(collection + "/")
          || collection.startsWith(k.path() + "/");
      if (hit) {
        invalidated.incrementAndGet();
      }
      return hit;
    });
  }

  /** Statistics for the status page. */
  public Map<String, Object> stats() {
    cache.synchronous().cleanUp();
    CacheStats s = cache.synchronous().stats();
    return Map.of(
        "hits", s.hitCount(),
        "misses", s.missCount(),
        "hit_ratio", s.hitRate(),
        "entries", cache.synchronous().estimatedSize(),
        "evictions", s.evictionCount(),
        "invalidations", invalidated.get(),
        "default_ttl_seconds", defaultTtl.toMillis() / 1000.0);
  }

  /** Self-metrics, {@code cloudflare_exporter_admin_cache_*} ({@link SelfMetrics}). */
  public void bindTo(MeterRegistry registry) {
    SelfMetrics.ADMIN_CACHE_REQUESTS.functionCounter(registry, cache, c -> c.synchronous().stats().hitCount(), "hit");
    SelfMetrics.ADMIN_CACHE_REQUESTS.functionCounter(registry, cache, c -> c.synchronous().stats().missCount(), "miss");
    SelfMetrics.ADMIN_CACHE_EVICTIONS.functionCounter(registry, cache, c -> c.synchronous().stats().evictionCount());
    SelfMetrics.ADMIN_CACHE_INVALIDATIONS.functionCounter(registry, invalidated, AtomicLong::get);
    SelfMetrics.ADMIN_CACHE_ENTRIES.gauge(registry, cache, c -> c.synchronous().estimatedSize());
    SelfMetrics.ADMIN_CACHE_SIZE.gauge(registry, cache,
        c -> c.synchronous().policy().eviction().map(e -> e.weightedSize().orElse(0L)).orElse(0L));
  }
}
