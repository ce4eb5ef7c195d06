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
  private final List<Consumer<Set<ConnectorRef>>> additionListeners = new CopyOnWriteArrayList<>();

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
    TreeSet<ConnectorRef> added = new TreeSet<>(next);
    added.removeAll(current);
    current = java.util.Collections.unmodifiableSet(next);
    discovered = true;
    if (!removed.isEmpty()) {
      Set<ConnectorRef> gone = java.util.Collections.unmodifiableSet(removed);
      removalListeners.forEach(l -> l.accept(gone));
    }
    if (!added.isEmpty()) {
      Set<ConnectorRef> fresh = java.util.Collections.unmodifiableSet(added);
      additionListeners.forEach(l -> l.accept(fresh));
    }
  }

  /** Called with the connectors that appeared, after each discovery that found new ones (the first included). */
  public void onAdded(Consumer<Set<ConnectorRef>> listener) {
    additionListeners.add(listener);
  }

  /** Called with the connectors that disappeared, after each discovery that removed some. */
  public void onRemoved(Consumer<Set<ConnectorRef>> listener) {
    removalListeners.add(listener);
  }
}
