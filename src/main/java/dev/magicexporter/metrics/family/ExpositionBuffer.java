package dev.magicexporter.metrics.family;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * A small fixed buffer in front of the scrape's output stream that writes exposition text as
 * UTF-8 without building Strings: names and pre-encoded labels are copied as bytes, label values
 * are escaped char by char, integral numbers are written digit by digit. I/O failures of the
 * underlying stream surface as {@link UncheckedIOException} (sinks cannot throw checked ones).
 */
final class ExpositionBuffer {
  private final OutputStream out;
  private final byte[] buf;
  private int pos;

  ExpositionBuffer(OutputStream out, int size) {
    this.out = out;
    this.buf = new byte[size];
  }

  ExpositionBuffer bytes(byte[] b) {
    if (b.length > buf.length - pos) {
      flush();
      if (b.length > buf.length) {
        write(b, 0, b.length);
        return this;
      }
    }
    System.arraycopy(b, 0, buf, pos, b.length);
    pos += b.length;
    return this;
  }

  ExpositionBuffer ascii(String s) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      room(1);
      buf[pos++] = (byte) s.charAt(i);
    }
    return this;
  }

  ExpositionBuffer ascii(char c) {
    room(1);
    buf[pos++] = (byte) c;
    return this;
  }

  /** A label value, escaped for both text formats ({@code \\}, {@code \"}, {@code \n}). */
  ExpositionBuffer escaped(String s) {
    return utf8(s, true);
  }

  /** HELP text: Prometheus text escapes {@code \\} and {@code \n}; OpenMetrics also {@code \"}. */
  ExpositionBuffer help(String s, boolean quotes) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == '\\' || c == '\n' || (quotes && c == '"')) {
        room(2);
        buf[pos++] = '\\';
        buf[pos++] = (byte) (c == '\n' ? 'n' : c);
      } else {
        utf8Char(s, i, c);
        if (Character.isHighSurrogate(c) && i + 1 < n) {
          i++;
        }
      }
    }
    return this;
  }

  private ExpositionBuffer utf8(String s, boolean escape) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        room(2);
        if (escape && (c == '\\' || c == '"')) {
          buf[pos++] = '\\';
          buf[pos++] = (byte) c;
        } else if (escape && c == '\n') {
          buf[pos++] = '\\';
          buf[pos++] = 'n';
        } else {
          buf[pos++] = (byte) c;
        }
      } else {
        utf8Char(s, i, c);
        if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        }
      }
    }
    return this;
  }

  private void utf8Char(String s, int i, char c) {
    room(4);
    if (c < 0x80) {
      buf[pos++] = (byte) c;
    } else if (c < 0x800) {
      buf[pos++] = (byte) (0xC0 | (c >> 6));
      buf[pos++] = (byte) (0x80 | (c & 0x3F));
    } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
      int cp = Character.toCodePoint(c, s.charAt(i + 1));
      buf[pos++] = (byte) (0xF0 | (cp >> 18));
      buf[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
      buf[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
      buf[pos++] = (byte) (0x80 | (cp & 0x3F));
    } else if (Character.isSurrogate(c)) {
      buf[pos++] = '?';
    } else {
      buf[pos++] = (byte) (0xE0 | (c >> 12));
      buf[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
      buf[pos++] = (byte) (0x80 | (c & 0x3F));
    }
  }

  /**
   * A sample value: integral values as plain integers (no {@code .0}), others as the shortest
   * round-trip decimal, without an exponent between 1e-20 and 1e21 (so a timestamp reads
   * {@code 1717171717.25}, not {@code 1.71717171725E9}); infinities as {@code +Inf}/{@code -Inf}.
   */
  ExpositionBuffer number(double v) {
    if (v == (long) v && Math.abs(v) < 1e15) {
      return integer((long) v);
    }
    if (Double.isNaN(v)) {
      return ascii("NaN");
    }
    if (Double.isInfinite(v)) {
      return ascii(v > 0 ? "+Inf" : "-Inf");
    }
    return decimal(Double.toString(v));
  }

  /** Writes Java's {@code d.dddEn} form as a plain decimal when the exponent is moderate. */
  private ExpositionBuffer decimal(String s) {
    int e = s.indexOf('E');
    if (e < 0) {
      return ascii(s);
    }
    int exp = Integer.parseInt(s, e + 1, s.length(), 10);
    if (exp > 20 || exp < -20) {
      return ascii(s);
    }
    int start = s.charAt(0) == '-' ? 1 : 0;
    int dot = s.indexOf('.');
    // digits of the mantissa without the dot; the point sits after intDigits + exp of them
    int intDigits = dot - start;
    // "1.0E-4" has the single digit 1: a lone ".0" fraction is no digit
    int end = s.charAt(e - 1) == '0' && e - 2 == dot ? dot : e;
    int digits = end - start;
    int point = intDigits + exp;
    room(digits + Math.abs(exp) + 4);
    if (start == 1) {
      buf[pos++] = '-';
    }
    if (point <= 0) {
      buf[pos++] = '0';
      buf[pos++] = '.';
      for (int i = 0; i < -point; i++) {
        buf[pos++] = '0';
      }
    }
    int written = 0;
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if (c == '.') {
        continue;
      }
      if (written == point && point > 0) {
        buf[pos++] = '.';
      }
      buf[pos++] = (byte) c;
      written++;
    }
    for (; written < point; written++) {
      buf[pos++] = '0';
    }
    return this;
  }

  ExpositionBuffer integer(long v) {
    room(20);
    if (v < 0) {
      buf[pos++] = '-';
      v = -v;
    }
    int digits = 1;
    for (long p = 10; digits < 19 && v >= p; p *= 10) {
      digits++;
    }
    int i = pos + digits;
    pos = i;
    // two digits per division: integer formatting is the hottest part of a scrape
    while (v >= 100) {
      long q = v / 100;
      int r = (int) (v - q * 100);
      buf[--i] = ONES[r];
      buf[--i] = TENS[r];
      v = q;
    }
    int r = (int) v;
    buf[--i] = ONES[r];
    if (r >= 10) {
      buf[--i] = TENS[r];
    }
    return this;
  }

  private static final byte[] TENS = new byte[100];
  private static final byte[] ONES = new byte[100];

  static {
    for (int i = 0; i < 100; i++) {
      TENS[i] = (byte) ('0' + i / 10);
      ONES[i] = (byte) ('0' + i % 10);
    }
  }

  private void room(int n) {
    if (pos + n > buf.length) {
      flush();
    }
  }

  private void write(byte[] b, int off, int len) {
    try {
      out.write(b, off, len);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes what is buffered to the stream (not flushing the stream itself). */
  void flush() {
    if (pos > 0) {
      write(buf, 0, pos);
      pos = 0;
    }
  }
}
