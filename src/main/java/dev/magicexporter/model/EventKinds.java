package dev.magicexporter.model;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * The event kinds the API reference (seed) documents, and the one rule that turns any kind the API
 * sends into a safe, bounded label value. Unknown kinds are kept under their own (sanitised) name
 * rather than dropped, so a new connector release shows up in the metrics instead of vanishing.
 */
public final class EventKinds {
  /** Every kind of the seed's {@code e} union, in the seed's order. */
  public static final List<String> KNOWN = List.of(
      "Init",
      "Leave",
      "StartAttestation",
      "FinishAttestationSuccess",
      "FinishAttestationFailure",
      "StartRotateCryptKey",
      "FinishRotateCryptKeySuccess",
      "FinishRotateCryptKeyFailure",
      "StartRotatePki",
      "FinishRotatePkiSuccess",
      "FinishRotatePkiFailure",
      "StartUpgrade",
      "FinishUpgradeSuccess",
      "FinishUpgradeFailure",
      "Reconcile",
      "ConfigureCloudflaredTunnel");

  private static final Set<String> KNOWN_SET = Set.copyOf(KNOWN);

  /** Longest label value a kind may produce; longer kinds keep a prefix plus a hash suffix. */
  public static final int MAX_LABEL_LENGTH = 64;

  /** Label value of an event without a kind (absent or empty {@code k}). */
  public static final String MISSING = "unknown";

  private EventKinds() {}

  public static boolean isKnown(String label) {
    return KNOWN_SET.contains(label);
  }

  /**
   * The label value for a kind as sent by the API: known kinds unchanged; otherwise every
   * character outside {@code [A-Za-z0-9_]} becomes {@code _}, and a value longer than
   * {@link #MAX_LABEL_LENGTH} is cut and suffixed with a CRC32 of the original so that two long
   * kinds with the same prefix stay apart.
   */
  public static String label(String kind) {
    if (kind == null || kind.isEmpty()) {
      return MISSING;
    }
    if (KNOWN_SET.contains(kind)) {
      return kind;
    }
    StringBuilder sb = new StringBuilder(Math.min(kind.length(), MAX_LABEL_LENGTH));
    for (int i = 0; i < kind.length(); i++) {
      char c = kind.charAt(i);
      boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
      sb.append(safe ? c : '_');
    }
    if (sb.length() <= MAX_LABEL_LENGTH) {
      return sb.toString();
    }
    CRC32 crc = new CRC32();
    crc.update(kind.getBytes(StandardCharsets.UTF_8));
    String suffix = String.format("_%08x", crc.getValue());
    return sb.substring(0, MAX_LABEL_LENGTH - suffix.length()) + suffix;
  }

  /** True for strings {@link #label} can produce: the check applied to labels read from disk. */
  public static boolean isSafeLabel(String s) {
    if (s == null || s.isEmpty() || s.length() > MAX_LABEL_LENGTH) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
        return false;
      }
    }
    return true;
  }
}
