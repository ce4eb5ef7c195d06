package dev.magicexporter.admin;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * String formats the seed text names, each with the sentence used in a 400 answer. Messages never
 * repeat the offending value: some fields (an MD5 key, a bucket URI) are confidential.
 */
public enum Format {
  IP("must be an IPv4 or IPv6 address", s -> ipv4(s) != null || ipv6(s) != null),
  IPV4("must be an IPv4 address", s -> ipv4(s) != null),
  IPV6("must be an IPv6 address", s -> ipv6(s) != null),
  CIDR("must be an IP prefix in CIDR notation (address/length)", s -> cidr(s, true, true)),
  CIDR_V4("must be an IPv4 prefix in CIDR notation (IPv6 prefixes are not supported)", s -> cidr(s, true, false)),
  /**
   * "A 31-bit prefix (/31 in CIDR notation) supporting two hosts": any IPv4 /31. The reference's
   * own examples use 192.0.2.0/31; its "select the subnet from private IP space" is
   * {@link Advice#PRIVATE_SPACE}.
   */
  IPV4_31("must be an IPv4 /31 prefix (address/31)", s -> s.endsWith("/31") && ipv4(s.substring(0, s.length() - 3)) != null),
  /** "A 127 bit IPV6 prefix ... with the address being the first IP of the subnet". */
  IPV6_127("must be an IPv6 /127 prefix whose address is the first of the subnet", s -> {
    int slash = s.indexOf('/');
    byte[] a = slash > 0 && s.substring(slash + 1).equals("127") ? ipv6(s.substring(0, slash)) : null;
    return a != null && (a[15] & 1) == 0;
  }),
  MD5_KEY("must be non-empty printable ASCII without quotation mark, question mark, tab or line breaks",
      s -> !s.isEmpty() && s.chars().allMatch(c -> c >= 0x20 && c <= 0x7e && c != '"' && c != '?')),
  TUNNEL_NAME("must be 1 to 15 characters without spaces or special characters (letters, digits, '_' and '-')",
      Pattern.compile("[A-Za-z0-9_-]{1,15}").asMatchPredicate()),
  UUID("must be a UUID", Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}").asMatchPredicate()),
  DATE("must be a date as YYYY-MM-DD", s -> parses(() -> LocalDate.parse(s, DateTimeFormatter.ISO_LOCAL_DATE))),
  DATE_TIME("must be an RFC 3339 timestamp", s -> parses(() -> OffsetDateTime.parse(s))),
  HOSTNAME("must be a fully qualified domain name", Format::hostname),
  PORT_RANGE("must be a port range as start-end with 0 <= start <= end <= 65535", Format::portRange),
  MAC("must be a MAC address like 00:11:22:33:44:55",
      Pattern.compile("[0-9a-fA-F]{2}([:-])[0-9a-fA-F]{2}(\\1[0-9a-fA-F]{2}){4}").asMatchPredicate()),
  BUCKET_URI("must be the full URI of a bucket (scheme://bucket...)", Format::bucketUri),
  FQDN_ID("must be of the form <id>.<id>.custom.ipsec.cloudflare.com",
      Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.custom\\.ipsec\\.cloudflare\\.com").asMatchPredicate()),
  LATITUDE("must be a decimal latitude between -90 and 90", s -> decimalIn(s, 90)),
  LONGITUDE("must be a decimal longitude between -180 and 180", s -> decimalIn(s, 180)),
  /** Path identifiers: visible ASCII, so nothing odd is spliced into an upstream URL or a log line. */
  IDENTIFIER("must be an identifier of visible ASCII characters",
      s -> !s.isEmpty() && s.chars().allMatch(c -> c > 0x20 && c < 0x7f));

  private static final Pattern V4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
  private static final Pattern V6_CHARS = Pattern.compile("[0-9a-fA-F:.]{2,45}");
  private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
  private static final Pattern DECIMAL = Pattern.compile("-?\\d{1,3}(\\.\\d{1,15})?");
  private static final Set<String> NO_SCHEME_SPECIFIC = Set.of("", "//");

  private final String message;
  private final Predicate<String> test;

  Format(String message, Predicate<String> test) {
    this.message = message;
    this.test = test;
  }

  public String message() {
    return message;
  }

  public boolean matches(String s) {
    return s != null && test.test(s);
  }

  /** The address as 4 bytes, or null when {@code s} is not a dotted-quad IPv4 address. */
  static byte[] ipv4(String s) {
    var m = V4.matcher(s);
    if (!m.matches()) {
      return null;
    }
    byte[] b = new byte[4];
    for (int i = 0; i < 4; i++) {
      int v = Integer.parseInt(m.group(i + 1));
      if (v > 255) {
        return null;
      }
      b[i] = (byte) v;
    }
    return b;
  }

  /** The address as 16 bytes, or null; only literal syntax is accepted, so no name is ever resolved. */
  static byte[] ipv6(String s) {
    if (!s.contains(":") || !V6_CHARS.matcher(s).matches()) {
      return null;
    }
    try {
      byte[] b = InetAddress.getByName("[" + s + "]").getAddress();
      return b.length == 16 ? b : null;
    } catch (UnknownHostException | RuntimeException e) {
      return null;
    }
  }

  private static boolean cidr(String s, boolean v4, boolean v6) {
    int slash = s.indexOf('/');
    if (slash <= 0 || slash == s.length() - 1 || s.length() - slash > 4) {
      return false;
    }
    String len = s.substring(slash + 1);
    if (!len.chars().allMatch(Character::isDigit)) {
      return false;
    }
    int bits = Integer.parseInt(len);
    String addr = s.substring(0, slash);
    if (v4 && ipv4(addr) != null) {
      return bits <= 32;
    }
    return v6 && ipv6(addr) != null && bits <= 128;
  }

  /** The address bytes of a prefix in CIDR notation and its length, or null. */
  static Prefix prefix(String s) {
    if (!cidr(s, true, true)) {
      return null;
    }
    int slash = s.indexOf('/');
    String addr = s.substring(0, slash);
    byte[] a = ipv4(addr);
    return new Prefix(a != null ? a : ipv6(addr), Integer.parseInt(s.substring(slash + 1)));
  }

  /** An address and a prefix length. */
  record Prefix(byte[] address, int length) {
    /** Whether any bit after the prefix length is set. */
    boolean hasHostBits() {
      for (int bit = length; bit < address.length * 8; bit++) {
        if ((address[bit / 8] & (0x80 >> (bit % 8))) != 0) {
          return true;
        }
      }
      return false;
    }
  }

  private static boolean hostname(String s) {
    String h = s.startsWith("*.") ? s.substring(2) : s;
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    if (h.isEmpty() || h.length() > 253) {
      return false;
    }
    for (String label : h.split("\\.", -1)) {
      if (!LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return true;
  }

  private static boolean portRange(String s) {
    int dash = s.indexOf('-');
    if (dash <= 0 || dash > 5 || s.length() - dash > 6) {
      return false;
    }
    String a = s.substring(0, dash);
    String b = s.substring(dash + 1);
    if (b.isEmpty() || !(a + b).chars().allMatch(Character::isDigit)) {
      return false;
    }
    int lo = Integer.parseInt(a);
    int hi = Integer.parseInt(b);
    return lo <= hi && hi <= 65535;
  }

  private static boolean bucketUri(String s) {
    try {
      URI u = new URI(s);
      return u.getScheme() != null && u.getScheme().length() > 1
          && !NO_SCHEME_SPECIFIC.contains(u.getRawSchemeSpecificPart());
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static boolean decimalIn(String s, double bound) {
    if (!DECIMAL.matcher(s).matches()) {
      return false;
    }
    double v = Double.parseDouble(s);
    return v >= -bound && v <= bound;
  }

  private static boolean parses(Runnable r) {
    try {
      r.run();
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
