package dev.magicexporter.client;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Natural keys seen in one array: the first element with a key wins, keyless ones are dropped.
 * Arrays are short (a few disks, interfaces, tunnels), so a linear scan beats hashing until
 * they grow.
 */
final class FirstKeys {
  private static final int LINEAR = 16;
  private String[] few;
  private int count;
  private Set<String> many;

  boolean first(String key) {
    if (key == null) {
      return false;
    }
    if (many != null) {
      return many.add(key);
    }
    if (few == null) {
      few = new String[LINEAR];
    }
    for (int i = 0; i < count; i++) {
      if (few[i].equals(key)) {
        return false;
      }
    }
    if (count < LINEAR) {
      few[count++] = key;
      return true;
    }
    many = new HashSet<>(Arrays.asList(few));
    return many.add(key);
  }
}
