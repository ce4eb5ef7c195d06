package dev.magicexporter.sim.magic;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One stored object of the simulated API: its JSON fields as configured (what a write endpoint
 * would set), its parent (the site of a LAN, say, or null) and its lifetime. Fields that change
 * by themselves (BGP state, capture status) are not stored: the resource's view derives them from
 * the clock when the object is read.
 *
 * @param bornAt seconds since the epoch when it appears ({@code -Infinity}: always there)
 * @param diesAt seconds since the epoch when it disappears ({@code +Infinity}: never)
 */
public record SimObject(String id, String parentId, Map<String, Object> fields, double bornAt, double diesAt) {
  public SimObject {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  public static SimObject permanent(String id, String parentId, Map<String, Object> fields) {
    return new SimObject(id, parentId, fields, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
  }

  public boolean aliveAt(double now) {
    return now >= bornAt && now < diesAt;
  }

  /** A copy with other fields (an update keeps identity and lifetime). */
  public SimObject withFields(Map<String, Object> next) {
    return new SimObject(id, parentId, next, bornAt, diesAt);
  }
}
