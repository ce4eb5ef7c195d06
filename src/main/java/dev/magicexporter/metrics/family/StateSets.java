package dev.magicexporter.metrics.family;

import java.util.List;

/** Emits one-hot state sets into a {@link SampleSink}. */
public final class StateSets {
  private StateSets() {}

  /**
   * One sample per known state (1 for {@code current}, else 0), plus a sample of value 1 for a
   * current state that is not known; nothing when {@code current} is null.
   */
  public static void oneHot(List<String> known, String current, SampleSink out) {
    if (current == null) {
      return;
    }
    boolean seen = false;
    for (int i = 0; i < known.size(); i++) {
      String s = known.get(i);
      boolean on = s.equals(current);
      seen |= on;
      out.sample(s, on ? 1 : 0);
    }
    if (!seen) {
      out.sample(current, 1);
    }
  }

  /** As {@link #oneHot(List, String, SampleSink)} for an element labelled by {@code key}. */
  public static void oneHot(String key, List<String> known, String current, SampleSink out) {
    if (current == null) {
      return;
    }
    boolean seen = false;
    for (int i = 0; i < known.size(); i++) {
      String s = known.get(i);
      boolean on = s.equals(current);
      seen |= on;
      out.sample(key, s, on ? 1 : 0);
    }
    if (!seen) {
      out.sample(key, current, 1);
    }
  }
}
