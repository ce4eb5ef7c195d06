package dev.magicexporter.model;

/**
 * One entry of the v4 envelope's {@code errors} or {@code messages} list. {@code pointer} is the
 * JSON pointer of {@code source.pointer} when Cloudflare names the offending field, else null.
 */
public record ApiMessage(int code, String message, String pointer) {
  public ApiMessage(int code, String message) {
    this(code, message, null);
  }
}
