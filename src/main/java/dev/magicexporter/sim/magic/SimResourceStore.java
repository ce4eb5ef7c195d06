package dev.magicexporter.sim.magic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The objects of one resource (GRE tunnels, sites, ...) per account: a mutable, thread-safe store
 * seeded from a deterministic {@link Generator}. Reading at time {@code now} first brings the
 * store to {@code now}: generated objects whose lifetime covers {@code now} appear, those whose
 * lifetime ended disappear. Writes ({@link #put}, {@link #remove}) change the store directly; a
 * removed generated object is remembered so that it does not come back.
 *
 * <p>All methods synchronise on the store, so a write endpoint can read-modify-write an object
 * with {@link #update} atomically.
 */
public final class SimResourceStore {
  /** What exists in an account without any write: permanent objects and windowed ones. */
  public interface Generator {
    /** Objects that exist from the start and never expire by themselves. */
    List<SimObject> permanent(String accountId);

    /** Objects with a finite lifetime that are alive at {@code now} (the windowed churn). */
    List<SimObject> aliveAt(String accountId, double now);
  }

  private final Generator generator;
  private final Map<String, LinkedHashMap<String, SimObject>> accounts = new HashMap<>();
  private final Map<String, Set<String>> removed = new HashMap<>();

  public SimResourceStore(Generator generator) {
    this.generator = generator;
  }

  private LinkedHashMap<String, SimObject> account(String accountId, double now) {
    LinkedHashMap<String, SimObject> objects = accounts.get(accountId);
    if (objects == null) {
      objects = new LinkedHashMap<>();
      for (SimObject o : generator.permanent(accountId)) {
        objects.put(o.id(), o);
      }
      accounts.put(accountId, objects);
    }
    Set<String> gone = removed.getOrDefault(accountId, Set.of());
    objects.values().removeIf(o -> !o.aliveAt(now));
    for (SimObject o : generator.aliveAt(accountId, now)) {
      if (!gone.contains(o.id())) {
        objects.putIfAbsent(o.id(), o);
      }
    }
    return objects;
  }

  /** Every object alive at {@code now}, in creation order. */
  public synchronized List<SimObject> list(String accountId, double now) {
    return List.copyOf(account(accountId, now).values());
  }

  /** The objects of one parent (e.g. the LANs of one site), in creation order. */
  public synchronized List<SimObject> children(String accountId, String parentId, double now) {
    List<SimObject> out = new ArrayList<>();
    for (SimObject o : account(accountId, now).values()) {
      if (parentId.equals(o.parentId())) {
        out.add(o);
      }
    }
    return out;
  }

  /** The object, or null if it does not exist at {@code now}. */
  public synchronized SimObject get(String accountId, String id, double now) {
    return account(accountId, now).get(id);
  }

  /** Creates or replaces an object (a POST or PUT). */
  public synchronized void put(String accountId, SimObject o, double now) {
    account(accountId, now).put(o.id(), o);
    Set<String> gone = removed.get(accountId);
    if (gone != null) {
      gone.remove(o.id());
    }
  }

  /** Replaces an object's fields atomically; returns the new object, or null if it does not exist. */
  public synchronized SimObject update(String accountId, String id, double now,
      java.util.function.UnaryOperator<Map<String, Object>> change) {
    SimObject o = account(accountId, now).get(id);
    if (o == null) {
      return null;
    }
    SimObject next = o.withFields(change.apply(new LinkedHashMap<>(o.fields())));
    account(accountId, now).put(id, next);
    return next;
  }

  /** Deletes an object (a DELETE); a generated one stays deleted. Returns the deleted object or null. */
  public synchronized SimObject remove(String accountId, String id, double now) {
    SimObject o = account(accountId, now).remove(id);
    if (o != null) {
      removed.computeIfAbsent(accountId, k -> new HashSet<>()).add(id);
    }
    return o;
  }
}
