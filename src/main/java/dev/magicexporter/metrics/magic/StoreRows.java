package dev.magicexporter.metrics.magic;

import dev.magicexporter.metrics.family.Row;
import dev.magicexporter.store.AccountStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The rows of one store, rebuilt only when a poll swapped in a new state: the store's snapshot is
 * an immutable map replaced on every write, so its identity tells whether the cached rows are
 * still current. A scrape between two polls allocates nothing.
 */
final class StoreRows<V, T> implements Supplier<List<Row<T>>> {
  private record Cached<T>(Object key, List<Row<T>> rows) {}

  private final AccountStore<V> store;
  private final BiFunction<String, V, List<Row<T>>> toRows;
  private volatile Cached<T> cached = new Cached<>(new Object(), List.of());

  StoreRows(AccountStore<V> store, BiFunction<String, V, List<Row<T>>> toRows) {
    this.store = store;
    this.toRows = toRows;
  }

  @Override
  public List<Row<T>> get() {
    Map<String, AccountStore.Entry<V>> snapshot = store.snapshot();
    Cached<T> c = cached;
    if (c.key() == snapshot) {
      return c.rows();
    }
    List<Row<T>> rows = new ArrayList<>();
    for (Map.Entry<String, AccountStore.Entry<V>> e : snapshot.entrySet()) {
      rows.addAll(toRows.apply(e.getKey(), e.getValue().value()));
    }
    List<Row<T>> out = List.copyOf(rows);
    cached = new Cached<>(snapshot, out);
    return out;
  }

  /** Several stores' rows as one list (GRE, IPsec and interconnects in one table), also cached. */
  @SafeVarargs
  static <T> Supplier<List<Row<T>>> concat(Supplier<List<Row<T>>>... parts) {
    return new Supplier<>() {
      private volatile List<Object> keys = List.of();
      private volatile List<Row<T>> rows = List.of();

      @Override
      public List<Row<T>> get() {
        List<Object> now = new ArrayList<>(parts.length);
        for (Supplier<List<Row<T>>> p : parts) {
          now.add(p.get());
        }
        List<Object> k = keys;
        boolean same = k.size() == now.size();
        for (int i = 0; same && i < now.size(); i++) {
          same = k.get(i) == now.get(i);
        }
        if (same) {
          return rows;
        }
        List<Row<T>> all = new ArrayList<>();
        for (Object l : now) {
          @SuppressWarnings("unchecked")
          List<Row<T>> part = (List<Row<T>>) l;
          all.addAll(part);
        }
        List<Row<T>> out = List.copyOf(all);
        rows = out;
        keys = now;
        return out;
      }
    };
  }
}
