package dev.magicexporter.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Checks a JSON value against a {@link Schema} and lists every problem with the JSON pointer of
 * the offending field ({@code /gre_tunnels/0/name}), as Cloudflare's {@code source.pointer} does.
 * Problems are what the reference states (types, required fields, enumerations, formats) and
 * refuse the request; warnings are advice, unknown fields and the like, and go upstream with it.
 * Pure and allocation-light; never throws on odd input.
 */
public final class Validator {
  /** Enough to fix a request, few enough that a hostile body cannot make a huge answer. */
  public static final int MAX_ERRORS = 50;

  /** One problem or warning: where (a JSON pointer, "" for the whole value) and what. */
  public record Problem(String pointer, String message) {}

  /**
   * The outcome: {@code problems} refuse the value; {@code warnings} do not; {@code readOnly} are
   * the pointers of fields to drop before the value goes upstream.
   */
  public record Result(List<Problem> problems, List<Problem> warnings, List<String> readOnly) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  private final Predicate<String> headerTrue;
  private final boolean strictFields;
  private final List<Problem> problems = new ArrayList<>();
  private final List<Problem> warnings = new ArrayList<>();
  private final List<String> readOnly = new ArrayList<>();
  /** Inside an {@link Schema.Advisory}: problems are only warnings. */
  private boolean advisory;

  private Validator(Predicate<String> headerTrue, boolean strictFields) {
    this.headerTrue = headerTrue;
    this.strictFields = strictFields;
  }

  /**
   * @param headerTrue tells whether a request header (lower case name) is set to {@code true},
   *     for values whose form depends on a header
   * @param strictFields refuse fields the reference does not know (instead of a warning)
   */
  public static Result check(Schema schema, JsonNode value, String pointer, Predicate<String> headerTrue,
      boolean strictFields) {
    Validator v = new Validator(headerTrue, strictFields);
    v.check(schema, value, pointer);
    return new Result(List.copyOf(v.problems), List.copyOf(v.warnings), List.copyOf(v.readOnly));
  }

  /** The problems only, unknown fields allowed. */
  public static List<Problem> validate(Schema schema, JsonNode value, String pointer, Predicate<String> headerTrue) {
    return check(schema, value, pointer, headerTrue, false).problems();
  }

  public static List<Problem> validate(Schema schema, JsonNode value) {
    return validate(schema, value, "", h -> false);
  }

  /**
   * Checks a path, query or header value, which is always a string on the wire: it is read as a
   * number or boolean first when the rule wants one.
   */
  public static List<Problem> validateText(Schema schema, String value) {
    JsonNode node;
    if (schema instanceof Schema.Num num) {
      try {
        if (value.length() > 64) {
          throw new NumberFormatException();
        }
        node = com.fasterxml.jackson.databind.node.DecimalNode.valueOf(new BigDecimal(value));
      } catch (NumberFormatException e) {
        return List.of(new Problem("", num.integer() ? "must be an integer" : "must be a number"));
      }
    } else if (schema instanceof Schema.Bool) {
      if (!value.equals("true") && !value.equals("false")) {
        return List.of(new Problem("", "must be true or false"));
      }
      node = com.fasterxml.jackson.databind.node.BooleanNode.valueOf(value.equals("true"));
    } else {
      node = com.fasterxml.jackson.databind.node.TextNode.valueOf(value);
    }
    return validate(schema, node);
  }

  /** Escapes one reference token of a JSON pointer (RFC 6901). */
  public static String token(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }

  private void add(String pointer, String message) {
    if (advisory) {
      warn(pointer, message);
    } else if (problems.size() < MAX_ERRORS) {
      problems.add(new Problem(pointer, message));
    }
  }

  private void warn(String pointer, String message) {
    if (warnings.size() < MAX_ERRORS) {
      warnings.add(new Problem(pointer, message));
    }
  }

  private void check(Schema schema, JsonNode n, String ptr) {
    if (problems.size() >= MAX_ERRORS) {
      return;
    }
    if (schema instanceof Schema.Str s) {
      checkString(s, n, ptr);
    } else if (schema instanceof Schema.Num num) {
      checkNumber(num, n, ptr);
    } else if (schema instanceof Schema.Bool) {
      if (!n.isBoolean()) {
        add(ptr, "must be a boolean");
      }
    } else if (schema instanceof Schema.Enum e) {
      if (!n.isTextual() || !e.values().contains(n.textValue())) {
        add(ptr, "must be one of: " + String.join(", ", e.values()));
      }
    } else if (schema instanceof Schema.Arr a) {
      checkArray(a, n, ptr);
    } else if (schema instanceof Schema.MapOf m) {
      checkMap(m, n, ptr);
    } else if (schema instanceof Schema.Obj o) {
      checkObject(o, n, ptr);
    } else if (schema instanceof Schema.OneOf o) {
      checkOneOf(o, n, ptr);
    } else if (schema instanceof Schema.Tagged t) {
      checkTagged(t, n, ptr);
    } else if (schema instanceof Schema.ByHeader h) {
      check(headerTrue.test(h.header()) ? h.whenTrue() : h.otherwise(), n, ptr);
    } else if (schema instanceof Schema.Undocumented u) {
      warn(ptr, "is returned by Cloudflare but the reference does not list it for this request; forwarded,"
          + " Cloudflare decides");
      boolean outer = advisory;
      advisory = true;
      check(u.likely(), n, ptr);
      advisory = outer;
    } else if (schema instanceof Schema.Advisory a) {
      boolean outer = advisory;
      advisory = true;
      check(a.likely(), n, ptr);
      advisory = outer;
    }
    // Schema.Unknown, the last permitted kind: the seed's "body: unknown" takes anything.
  }

  private void checkString(Schema.Str s, JsonNode n, String ptr) {
    if (!n.isTextual()) {
      add(ptr, "must be a string");
      return;
    }
    String v = n.textValue();
    if (v.length() < s.minLength()) {
      add(ptr, s.minLength() == 1 ? "must not be empty" : "must be at least " + s.minLength() + " characters");
    } else if (v.length() > s.maxLength()) {
      add(ptr, "must be at most " + s.maxLength() + " characters");
    } else if (s.format() != null && !s.format().matches(v)) {
      add(ptr, s.format().message());
    } else if (s.advice() != null && !s.advice().followedBy(v)) {
      warn(ptr, s.advice().message());
    }
  }

  private void checkNumber(Schema.Num s, JsonNode n, String ptr) {
    if (!n.isNumber()) {
      add(ptr, s.integer() ? "must be an integer" : "must be a number");
      return;
    }
    if ((n.isDouble() || n.isFloat()) && !Double.isFinite(n.doubleValue())) {
      add(ptr, "must be a finite number");
      return;
    }
    if (s.integer() && !n.canConvertToExactIntegral()) {
      add(ptr, "must be an integer");
      return;
    }
    BigDecimal v = n.decimalValue();
    if (s.min() != null && v.compareTo(BigDecimal.valueOf(s.min())) < 0) {
      add(ptr, "must be at least " + plain(s.min()) + bound(s));
    } else if (s.max() != null && v.compareTo(BigDecimal.valueOf(s.max())) > 0) {
      add(ptr, "must be at most " + plain(s.max()) + bound(s));
    } else if (v.abs().compareTo(LARGEST_DOUBLE) > 0) {
      add(ptr, "must be a finite number (at most " + Double.MAX_VALUE + " in magnitude)");
    }
  }

  private static final BigDecimal LARGEST_DOUBLE = new BigDecimal(Double.MAX_VALUE);

  private static String bound(Schema.Num s) {
    if (s.min() != null && s.max() != null) {
      return " (allowed: " + plain(s.min()) + ".." + plain(s.max()) + ")";
    }
    return "";
  }

  private static String plain(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  private void checkArray(Schema.Arr a, JsonNode n, String ptr) {
    if (!n.isArray()) {
      add(ptr, "must be an array");
      return;
    }
    if (n.size() > a.maxItems()) {
      add(ptr, "must have at most " + a.maxItems() + " items");
      return;
    }
    for (int i = 0; i < n.size(); i++) {
      check(a.items(), n.get(i), ptr + "/" + i);
    }
  }

  private void checkMap(Schema.MapOf m, JsonNode n, String ptr) {
    if (!n.isObject()) {
      add(ptr, "must be a JSON object");
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String p = ptr + "/" + token(e.getKey());
      if (m.keyFormat() != null && !m.keyFormat().matches(e.getKey())) {
        add(p, "key " + m.keyFormat().message());
      }
      check(m.values(), e.getValue(), p);
    }
  }

  private void checkObject(Schema.Obj o, JsonNode n, String ptr) {
    if (!n.isObject()) {
      add(ptr, "must be a JSON object");
      return;
    }
    for (Schema.Field f : o.fields()) {
      JsonNode v = n.get(f.name());
      String p = ptr + "/" + token(f.name());
      if (v == null || v.isNull()) {
        if (f.required()) {
          add(p, "is required");
        }
        continue;
      }
      if (!f.required() && v.isTextual() && v.textValue().isEmpty() && f.schema() instanceof Schema.Str) {
        continue; // "" clears an optional string, whatever its format
      }
      check(f.schema(), v, p);
    }
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      String p = ptr + "/" + token(name);
      if (o.field(name) != null) {
        continue;
      }
      if (o.readOnly().contains(name)) {
        if (!advisory) {
          readOnly.add(p);
        }
      } else if (strictFields && !advisory) {
        add(p, "is not a field of this request");
      } else {
        warn(p, "is not a field the reference documents for this request; forwarded, Cloudflare decides");
      }
    }
    for (Schema.Rule r : o.rules()) {
      checkRule(r, n, ptr);
    }
  }

  private void checkRule(Schema.Rule rule, JsonNode n, String ptr) {
    if (rule instanceof Schema.ExactlyOne one) {
      long present = one.fields().stream().filter(n::hasNonNull).count();
      String message = "exactly one of " + String.join(", ", one.fields()) + " must be provided";
      if (present > 1) {
        add(ptr, message);
      } else if (present == 0) {
        warn(ptr, message + "; none is given; forwarded, Cloudflare decides");
      }
    } else if (rule instanceof Schema.OnlyWhen w) {
      JsonNode v = n.get(w.field());
      boolean set = v != null && !v.isNull() && !(v.isArray() && v.isEmpty());
      JsonNode other = n.get(w.other());
      String message = "may only be set when " + w.other() + " is " + w.value();
      if (!set) {
        return;
      }
      if ((other == null || other.isNull()) && w.otherMayBeStored()) {
        warn(ptr + "/" + token(w.field()), message + "; " + w.other() + " is not in this request, so Cloudflare"
            + " checks its stored value");
      } else if (other == null || !other.isBoolean() || other.booleanValue() != w.value()) {
        add(ptr + "/" + token(w.field()), message);
      }
    }
  }

  /**
   * The alternative without problems and with the fewest warnings wins (objects are open, so
   * {@code {ipv4, ipv6, network}} also fits the IPv4-only host, with a warning for {@code ipv6});
   * when none fits, the closest one's problems are reported.
   */
  private void checkOneOf(Schema.OneOf o, JsonNode n, String ptr) {
    Validator best = null;
    for (Schema alt : o.alternatives()) {
      Validator v = new Validator(headerTrue, strictFields);
      v.advisory = advisory;
      v.check(alt, n, ptr);
      if (best == null || v.problems.size() < best.problems.size()
          || (v.problems.size() == best.problems.size() && v.warnings.size() < best.warnings.size())) {
        best = v;
      }
    }
    if (best != null) {
      best.problems.forEach(p -> add(p.pointer(), p.message()));
      best.warnings.forEach(p -> warn(p.pointer(), p.message()));
      readOnly.addAll(best.readOnly);
    }
  }

  private void checkTagged(Schema.Tagged t, JsonNode n, String ptr) {
    if (!n.isObject()) {
      add(ptr, "must be a JSON object");
      return;
    }
    JsonNode tag = n.get(t.field());
    Schema.Obj variant = tag != null && tag.isTextual() ? t.variants().get(tag.textValue()) : null;
    if (variant == null) {
      add(ptr + "/" + token(t.field()), (tag == null || tag.isNull() ? "is required; " : "")
          + "must be one of: " + String.join(", ", t.variants().keySet()));
      return;
    }
    checkObject(variant, n, ptr);
  }
}
