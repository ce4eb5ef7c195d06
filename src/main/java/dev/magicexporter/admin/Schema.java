package dev.magicexporter.admin;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shape of a request body, query value or path value, written as data from the seed text
 * (required fields, types, enums, formats, documented limits) and checked by {@link Validator}.
 * The static factories make the per-resource tables in {@link ResourceRules} read like the seed.
 */
public sealed interface Schema {

  /** A JSON string, {@code minLength..maxLength} UTF-16 units, optionally in a {@link Format}. */
  record Str(int minLength, int maxLength, Format format) implements Schema {}

  /** A JSON number; {@code integer} demands an exact integral value; bounds are inclusive. */
  record Num(boolean integer, Double min, Double max) implements Schema {}

  record Bool() implements Schema {}

  /** One of a fixed set of strings. */
  record Enum(Set<String> values) implements Schema {}

  record Arr(Schema items, int maxItems) implements Schema {}

  /** A JSON object whose keys are in {@code keyFormat} (or any string) and values match {@code values}. */
  record MapOf(Format keyFormat, Schema values) implements Schema {}

  /**
   * A JSON object with known fields. {@code closed}: a field not listed is an error, so nothing
   * undocumented reaches Cloudflare. {@code rules} are the seed's cross-field constraints.
   */
  record Obj(List<Field> fields, boolean closed, List<Rule> rules) implements Schema {
    public Obj {
      fields = List.copyOf(fields);
      rules = List.copyOf(rules);
    }

    public Field field(String name) {
      for (Field f : fields) {
        if (f.name().equals(name)) {
          return f;
        }
      }
      return null;
    }

    /** The same object with every field optional (bulk updates send only what changes). */
    public Obj partial() {
      return new Obj(fields.stream().map(f -> new Field(f.name(), f.schema(), false)).toList(), closed, rules);
    }

    /** This object plus more fields (for example the {@code id} of a bulk item). */
    public Obj with(Field... more) {
      Map<String, Field> all = new LinkedHashMap<>();
      for (Field f : fields) {
        all.put(f.name(), f);
      }
      for (Field f : more) {
        all.put(f.name(), f);
      }
      return new Obj(List.copyOf(all.values()), closed, rules);
    }

    /** This object without the named fields (for example {@code bgp}, absent from GRE updates). */
    public Obj without(String... names) {
      Set<String> drop = Set.of(names);
      return new Obj(fields.stream().filter(f -> !drop.contains(f.name())).toList(), closed, rules);
    }

    public Obj rule(Rule r) {
      List<Rule> rs = new java.util.ArrayList<>(rules);
      rs.add(r);
      return new Obj(fields, closed, rs);
    }
  }

  /** A field of an {@link Obj}. */
  record Field(String name, Schema schema, boolean required) {}

  /** The first alternative that matches wins; when none does, the closest one's errors are reported. */
  record OneOf(List<Schema> alternatives) implements Schema {
    public OneOf {
      alternatives = List.copyOf(alternatives);
    }
  }

  /** An object whose shape is chosen by the string value of {@code field} (e.g. {@code type}). */
  record Tagged(String field, Map<String, Obj> variants) implements Schema {
    public Tagged {
      variants = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variants));
    }
  }

  /**
   * A value whose form depends on a request header, like the health check target: object form
   * when {@code x-magic-new-hc-target: true}, string form otherwise.
   */
  record ByHeader(String header, Schema whenTrue, Schema otherwise) implements Schema {}

  /** Anything (the seed's {@code body: unknown}), as long as it is a JSON object. */
  record AnyObject() implements Schema {}

  /** Cross-field constraints stated in the seed text. */
  sealed interface Rule {}

  /** "Exactly one of id, serial_number, or provision_license must be provided." */
  record ExactlyOne(List<String> fields) implements Rule {}

  /** "Can only be specified for breakout rules (breakout must be true)": {@code field} needs {@code other == value}. */
  record OnlyWhen(String field, String other, boolean value) implements Rule {}

  // ---- factories, so that rule tables read like the seed ----

  static Field req(String name, Schema s) {
    return new Field(name, s, true);
  }

  static Field opt(String name, Schema s) {
    return new Field(name, s, false);
  }

  static Obj obj(Field... fields) {
    return new Obj(Arrays.asList(fields), true, List.of());
  }

  static Str str() {
    return new Str(0, Integer.MAX_VALUE, null);
  }

  /** A non-empty string. */
  static Str text() {
    return new Str(1, Integer.MAX_VALUE, null);
  }

  static Str str(Format f) {
    return new Str(1, Integer.MAX_VALUE, f);
  }

  static Str str(int min, int max) {
    return new Str(min, max, null);
  }

  static Num number() {
    return new Num(false, null, null);
  }

  static Num number(double min, double max) {
    return new Num(false, min, max);
  }

  static Num integer(double min, double max) {
    return new Num(true, min, max);
  }

  static Num integerFrom(double min) {
    return new Num(true, min, null);
  }

  static Bool bool() {
    return new Bool();
  }

  static Enum oneOfValues(String... values) {
    return new Enum(new LinkedHashSet<>(Arrays.asList(values)));
  }

  static Arr arrayOf(Schema items) {
    return new Arr(items, Integer.MAX_VALUE);
  }

  static MapOf mapOf(Format keys, Schema values) {
    return new MapOf(keys, values);
  }

  static OneOf anyOf(Schema... alternatives) {
    return new OneOf(Arrays.asList(alternatives));
  }

  /** Variants in the seed's order: {@code tagged("type", "simple", simpleObj, "full", fullObj)}. */
  static Tagged tagged(String field, String tag1, Obj variant1, String tag2, Obj variant2) {
    Map<String, Obj> m = new LinkedHashMap<>();
    m.put(tag1, variant1);
    m.put(tag2, variant2);
    return new Tagged(field, m);
  }

  static AnyObject anyObject() {
    return new AnyObject();
  }
}
