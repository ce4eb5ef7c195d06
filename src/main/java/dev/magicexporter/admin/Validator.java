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
 * Pure and allocation-light; never throws on odd input.
 */
public final class Validator {
  /** Enough to fix a request, few enough that a hostile body cannot make a huge answer. */
  public static final int MAX_ERRORS = 50;

  /** One problem: where (a JSON pointer, "" for the whole value) and what is wrong. */
  public record Problem(String pointer, String message) {}

  private final Predicate<String> headerTrue;
  private final List<Problem> problems = new ArrayList<>();

  private Validator(Predicate<String> headerTrue) {
    this.headerTrue = headerTrue;
  }

  /**
   * @param headerTrue tells whether a request header (lower case name) is set to {@code true},
   *     for values whose form depends on a header
   */
  public static List<Problem> validate(Schema schema, JsonNode value, String pointer, Predicate<String> headerTrue) {
    Validator v = new Validator(headerTrue);
    v.check(schema, value, pointer);
    return List.copyOf(v.problems);
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
    if (problems.size() < MAX_ERRORS) {
      problems.add(new Problem(pointer, message));
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
    } else if (!n.isObject()) {
      // Schema.AnyObject, the last permitted kind: the seed's "body: unknown".
      add(ptr, "must be a JSON object");
    }
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
    }
  }

  private void checkNumber(Schema.Num s, JsonNode n, String ptr) {
    if (!n.isNumber()) {
      add(ptr, s.integer() ? "must be an integer" : "must be a number");
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
    }
  }

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
      check(f.schema(), v, p);
    }
    if (o.closed()) {
      for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (o.field(name) == null) {
          add(ptr + "/" + token(name), "is not a field of this request");
        }
      }
    }
    for (Schema.Rule r : o.rules()) {
      checkRule(r, n, ptr);
    }
  }

  private void checkRule(Schema.Rule rule, JsonNode n, String ptr) {
    if (rule instanceof Schema.ExactlyOne one) {
      long present = one.fields().stream().filter(n::hasNonNull).count();
      if (present != 1) {
        add(ptr, "exactly one of " + String.join(", ", one.fields()) + " must be provided");
      }
    } else if (rule instanceof Schema.OnlyWhen w) {
      JsonNode v = n.get(w.field());
      boolean set = v != null && !v.isNull() && !(v.isArray() && v.isEmpty());
      JsonNode other = n.get(w.other());
      if (set && (other == null || !other.isBoolean() || other.booleanValue() != w.value())) {
        add(ptr + "/" + token(w.field()), "may only be set when " + w.other() + " is " + w.value());
      }
    }
  }

  private void checkOneOf(Schema.OneOf o, JsonNode n, String ptr) {
    List<Problem> best = null;
    for (Schema alt : o.alternatives()) {
      Validator v = new Validator(headerTrue);
      v.check(alt, n, ptr);
      if (v.problems.isEmpty()) {
        return;
      }
      if (best == null || v.problems.size() < best.size()) {
        best = v.problems;
      }
    }
    if (best != null) {
      best.forEach(p -> add(p.pointer(), p.message()));
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
