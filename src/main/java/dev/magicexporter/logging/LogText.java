package dev.magicexporter.logging;

/**
 * Makes text from outside the process (file names and contents, peer-supplied values) safe for one
 * log line: control characters, line and paragraph separators and backslashes are escaped
 * ({@code \n}, {@code \x1b}, {@code \u2028}, {@code \\}), so such text can neither end a line nor
 * forge the next one, and long text is cut.
 */
public final class LogText {
  /** Characters kept from one value; longer ones end in an ellipsis. */
  public static final int MAX_CHARS = 256;

  private LogText() {}

  public static String escape(Object value) {
    String s = String.valueOf(value);
    StringBuilder sb = new StringBuilder(Math.min(s.length(), MAX_CHARS) + 8);
    for (int i = 0; i < s.length(); i++) {
      if (sb.length() >= MAX_CHARS) {
        return sb.append('…').toString();
      }
      char c = s.charAt(i);
      switch (c) {
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\\' -> sb.append("\\\\");
        default -> {
          if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
            sb.append(String.format("\\x%02x", (int) c));
          } else if (c == '\u2028' || c == '\u2029') {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }
}
