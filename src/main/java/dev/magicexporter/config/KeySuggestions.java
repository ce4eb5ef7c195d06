package dev.magicexporter.config;

/** "Did you mean" hints for misspelt keys: the known key within three edits, if any. */
final class KeySuggestions {
  private static final int MAX_DISTANCE = 3;

  private KeySuggestions() {}

  /** {@code " (did you mean KEY?)"}, or an empty string. */
  static String forKey(String unknown) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : ConfigKeys.byName().keySet()) {
      int d = distance(unknown, k);
      if (d < bestDistance) {
        bestDistance = d;
        best = k;
      }
    }
    return best != null && bestDistance <= MAX_DISTANCE ? " (did you mean " + best + "?)" : "";
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
