package dev.magicexporter.store;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The latest good value of one source per account (e.g. the GRE tunnels of each account). A poll
 * builds a new immutable value and {@link #put}s it, which swaps the whole map atomically; a
 * scrape reads {@link #snapshot()} without locks and never sees a half-updated state. A failed
 * poll simply does not call {@code put}, so the last good value stays.
 *
 * @param <T> an immutable value (a record or an unmodifiable list)
 */
public final class AccountStore<T> {
  /** One account's value and when it was fetched. */
  public record Entry<T>(T value, Instant fetchedAt) {}

  private final AtomicReference<Map<String, Entry<T>>> state = new AtomicReference<>(Map.of());

  /** Replaces the value of one account; other accounts are untouched. */
  public void put(String accountId, T value, Instant fetchedAt) {
    state.updateAndGet(m -> {
      TreeMap<String, Entry<T>> next = new TreeMap<>(m);
      next.put(accountId, new Entry<>(value, fetchedAt));
      return Collections.unmodifiableMap(next);
    });
  }

  /** Forgets an account (it left the configuration). */
  public void remove(String accountId) {
    state.updateAndGet(m -> {
      if (!m.containsKey(accountId)) {
        return m;
      }
      TreeMap<String, Entry<T>> next = new TreeMap<>(m);
      next.remove(accountId);
      return Collections.unmodifiableMap(next);
    });
  }

  /** The value of one account, or null before its first good poll. */
  public T get(String accountId) {
    Entry<T> e = state.get().get(accountId);
    return e == null ? null : e.value();
  }

  /** Every account's latest good value, ordered by account id; immutable. */
  public Map<String, Entry<T>> snapshot() {
    return state.get();
  }
}
