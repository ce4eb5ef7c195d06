package dev.magicexporter.store;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The connectors this replica is responsible for, as last discovered. Discovery replaces the set;
 * the snapshot and events pollers read it each cycle; listeners hear about connectors that
 * disappeared so that their series and state can be dropped.
 */
public final class ConnectorDirectory {
  private volatile Set<ConnectorRef> current = Set.of();
  private volatile boolean discovered;
  private final List<Consumer<Set<ConnectorRef>>> removalListeners = new CopyOnWriteArrayList<>();

  /** The connectors as of the last discovery, in a stable order. */
  public Set<ConnectorRef> connectors() {
    return current;
  }

  /** True after the first successful discovery. */
  public boolean discovered() {
    return discovered;
  }

  /** Replaces the whole set for the given accounts; connectors of other accounts stay. */
  public synchronized void replace(Set<String> accounts, Set<ConnectorRef> found) {
    TreeSet<ConnectorRef> next = new TreeSet<>();
    for (ConnectorRef r : current) {
      if (!accounts.contains(r.accountId())) {
        next.add(r);
      }
    }
    next.addAll(found);
    TreeSet<ConnectorRef> removed = new TreeSet<>(current);
    removed.removeAll(next);
    current = java.util.Collections.unmodifiableSet(next);
    discovered = true;
    if (!removed.isEmpty()) {
      Set<ConnectorRef> gone = java.util.Collections.unmodifiableSet(removed);
      removalListeners.forEach(l -> l.accept(gone));
    }
  }

  /** Called with the connectors that disappeared, after each discovery that removed some. */
  public void onRemoved(Consumer<Set<ConnectorRef>> listener) {
    removalListeners.add(listener);
  }
}
