package dev.magicexporter.sim.magic.writes.checks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request body as the simulated Cloudflare checks it: required fields, JSON types and
 * enumerations, written in the reference's own notation, one field a line:
 *
 * <pre>
 * "name: string"
 * "bgp: optional object"
 * "bgp.customer_asn: number"
 * "health_check.rate: optional \"low\" or \"mid\" or \"high\""
 * "routes[].id: string"
 * </pre>
 *
 * Types: {@code string}, {@code number}, {@code boolean}, {@code object}, {@code map[string]}
 * (an object of strings), {@code unknown}, {@code array of T}, enumerations ({@code "a" or "b"})
 * and unions of types ({@code object or string}). A nested field is checked only when its parent
 * is there. Fields the shape does not name are ignored, as Cloudflare ignores them. Formats are
 * not checked: this is deliberately independent of, and simpler than, the admin API's rules.
 */
public final class Shape {
  private static final Pattern LINE = Pattern.compile("([a-z0-9_.\\[\\]]+): (optional )?(.+)");
  private static final Pattern ENUM_VALUE = Pattern.compile("\"([^\"]*)\"");

  /** One line: the path, whether it is required (when its parent is there), and its type. */
  private record Rule(List<String> path, boolean required, String type) {}

  /** A refusal: the JSON pointer of the field and what is wrong. */
  public record Refusal(String pointer, String message) {}

  private final List<Rule> rules = new ArrayList<>();
  private final Map<String, Map<String, Shape>> variants = new LinkedHashMap<>();

  private Shape() {}

  public static Shape of(String... lines) {
    Shape s = new Shape();
    for (String line : lines) {
      Matcher m = LINE.matcher(line);
      if (!m.matches()) {
        throw new IllegalArgumentException("not a field line: " + line);
      }
      s.rules.add(new Rule(Arrays.asList(m.group(1).split("\\.")), m.group(2) == null, m.group(3)));
    }
    return s;
  }

  /** These lines under {@code prefix} ({@code "health_check"}): shared parts read as in the reference. */
  public static String[] under(String prefix, String... lines) {
    return Arrays.stream(lines).map(l -> prefix + "." + l).toArray(String[]::new);
  }

  /** Lines joined, for shapes built from shared parts. */
  public static String[] join(String[]... parts) {
    return Arrays.stream(parts).flatMap(Arrays::stream).toArray(String[]::new);
  }

  /**
   * A body whose shape depends on the string value of {@code field} ("simple" or "full"
   * captures): this shape checks {@code field}, the variant the rest.
   */
  public Shape variants(String field, Map<String, Shape> byValue) {
    variants.put(field, Map.copyOf(byValue));
    return this;
  }

  /** The top-level fields this shape (and its variants) names: what a request may set. */
  public Set<String> fields() {
    Set<String> out = new LinkedHashSet<>();
    for (Rule r : rules) {
      out.add(r.path().get(0).replace("[]", ""));
    }
    variants.values().forEach(m -> m.values().forEach(v -> out.addAll(v.fields())));
    return out;
  }

  /** Whether a top-level field is required (a PUT with required fields replaces the object). */
  public boolean hasRequired() {
    return rules.stream().anyMatch(r -> r.path().size() == 1 && r.required()) || !variants.isEmpty();
  }

  public List<Refusal> check(Object body) {
    List<Refusal> out = new ArrayList<>();
    for (Rule r : rules) {
      visit(body, r, 0, "", out);
    }
    if (body instanceof Map<?, ?> m) {
      for (Map.Entry<String, Map<String, Shape>> v : variants.entrySet()) {
        Shape variant = v.getValue().get(String.valueOf(m.get(v.getKey())));
        if (variant != null) {
          out.addAll(variant.check(body));
        }
      }
    }
    return out;
  }

  /** Walks to the rule's field below {@code node} (through arrays at {@code []}) and checks it. */
  private static void visit(Object node, Rule r, int depth, String pointer, List<Refusal> out) {
    if (!(node instanceof Map<?, ?> map)) {
      return;
    }
    String step = r.path().get(depth);
    boolean each = step.endsWith("[]");
    String name = each ? step.substring(0, step.length() - 2) : step;
    Object value = map.get(name);
    String here = pointer + "/" + name;
    boolean last = depth == r.path().size() - 1;
    if (last) {
      if (value == null) {
        if (r.required()) {
          out.add(new Refusal(here, "is required"));
        }
      } else if (!is(value, r.type())) {
        out.add(new Refusal(here, "must be " + r.type()));
      }
      return;
    }
    if (each && value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        visit(list.get(i), r, depth + 1, here + "/" + i, out);
      }
    } else if (!each) {
      visit(value, r, depth + 1, here, out);
    }
  }

  /** Whether a decoded JSON value is of a type in the reference's notation. */
  static boolean is(Object v, String type) {
    if (type.startsWith("array of ")) {
      String item = type.substring("array of ".length());
      return v instanceof List<?> l && l.stream().allMatch(x -> x != null && is(x, item));
    }
    if (type.startsWith("\"")) {
      Matcher m = ENUM_VALUE.matcher(type);
      while (m.find()) {
        if (m.group(1).equals(v)) {
          return true;
        }
      }
      return false;
    }
    if (type.contains(" or ")) {
      return Arrays.stream(type.split(" or ")).anyMatch(t -> is(v, t.trim()));
    }
    return switch (type) {
      case "string" -> v instanceof String;
      case "number" -> v instanceof Number;
      case "boolean" -> v instanceof Boolean;
      case "object" -> v instanceof Map<?, ?>;
      case "map[string]" -> v instanceof Map<?, ?> m && m.values().stream().allMatch(x -> x instanceof String);
      case "unknown" -> true;
      default -> throw new IllegalStateException("unknown type in a shape: " + type);
    };
  }
}
