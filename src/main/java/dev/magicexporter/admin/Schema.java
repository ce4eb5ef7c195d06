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

  /**
   * A JSON string, {@code minLength..maxLength} UTF-16 units, optionally in a {@link Format}, with
   * optional {@link Advice}: policy the reference recommends, reported as a warning, never refused.
   */
  record Str(int minLength, int maxLength, Format format, Advice advice) implements Schema {
    public Str withAdvice(Advice a) {
      return new Str(minLength, maxLength, format, a);
    }
  }

  /**
   * A JSON number, always finite (the reference's {@code number} is an IEEE double in JSON and in
   * the official SDK, so {@code 1e400} is no number). {@code integer} demands an exact integral
   * value; bounds are inclusive.
   */
  record Num(boolean integer, Double min, Double max) implements Schema {}

  record Bool() implements Schema {}

  /** One of a fixed set of strings. */
  record Enum(Set<String> values) implements Schema {}

  record Arr(Schema items, int maxItems) implements Schema {}

  /** A JSON object whose keys are in {@code keyFormat} (or any string) and values match {@code values}. */
  record MapOf(Format keyFormat, Schema values) implements Schema {}

  /**
   * A JSON object with known fields. {@code readOnly}: fields the reference returns for the
   * resource but does not take in this request (ids, timestamps, live state); they are accepted,
   * so that a GET answer can be sent back, and dropped before the request goes upstream. Any other
   * field the reference does not know is forwarded with a warning, or refused in strict mode
   * ({@code admin.strict_fields}). {@code rules} are the seed's cross-field constraints.
   */
  record Obj(List<Field> fields, Set<String> readOnly, List<Rule> rules) implements Schema {
    public Obj {
      fields = List.copyOf(fields);
      readOnly = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(readOnly));
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
      return new Obj(fields.stream().map(f -> new Field(f.name(), f.schema(), false)).toList(), readOnly, rules);
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
      Set<String> ro = new LinkedHashSet<>(readOnly);
      ro.removeAll(all.keySet());
      return new Obj(List.copyOf(all.values()), ro, rules);
    }

    /** This object accepting (and dropping) the named fields the reference only returns. */
    public Obj returned(String... names) {
      Set<String> ro = new LinkedHashSet<>(readOnly);
      ro.addAll(Arrays.asList(names));
      return new Obj(fields, ro, rules);
    }

    /**
     * This object without the named request fields, which become read-only (accepted and dropped):
     * the reference returns them for the resource but this request does not take them.
     */
    public Obj without(String... names) {
      Set<String> drop = Set.of(names);
      Set<String> ro = new LinkedHashSet<>(readOnly);
      ro.addAll(Arrays.asList(names));
      return new Obj(fields.stream().filter(f -> !drop.contains(f.name())).toList(), ro,
          rules.stream().filter(r -> !(r instanceof OnlyWhen w && drop.contains(w.field()))).toList());
    }

    public Obj rule(Rule r) {
      List<Rule> rs = new java.util.ArrayList<>(rules);
      rs.add(r);
      return new Obj(fields, readOnly, rs);
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

  /**
   * A configuration field the reference returns for the resource but does not list for this
   * request (a site's {@code ha_mode} on update): forwarded with a warning, its likely shape only
   * advice, because Cloudflare may well take it (the official SDK sends some of these).
   */
  record Undocumented(Schema likely) implements Schema {}

  /** Anything: the seed's {@code body: unknown}. Any JSON document passes. */
  record Unknown() implements Schema {}

  /**
   * A value the reference leaves open (a bulk body is {@code unknown}) but whose likely shape is
   * known: mismatches with {@code likely} are warnings, never refusals.
   */
  record Advisory(Schema likely) implements Schema {}

  /** Cross-field constraints stated in the seed text. */
  sealed interface Rule {}

  /**
   * "Exactly one of id, serial_number, or provision_license must be provided." More than one is
   * refused; none is a warning, because the reference's own example sends {@code "device": {}}.
   */
  record ExactlyOne(List<String> fields) implements Rule {}

  /**
   * "Can only be specified for breakout rules (breakout must be true)": {@code field} needs
   * {@code other == value}. With {@code otherMayBeStored} (updates), an absent {@code other} may
   * hold the value upstream already, so that case is a warning, not a refusal.
   */
  record OnlyWhen(String field, String other, boolean value, boolean otherMayBeStored) implements Rule {}

  // ---- factories, so that rule tables read like the seed ----

  static Field req(String name, Schema s) {
    return new Field(name, s, true);
  }

  static Field opt(String name, Schema s) {
    return new Field(name, s, false);
  }

  static Obj obj(Field... fields) {
    return new Obj(Arrays.asList(fields), Set.of(), List.of());
  }

  static Str str() {
    return new Str(0, Integer.MAX_VALUE, null, null);
  }

  /** A non-empty string. */
  static Str text() {
    return new Str(1, Integer.MAX_VALUE, null, null);
  }

  static Str str(Format f) {
    return new Str(1, Integer.MAX_VALUE, f, null);
  }

  static Str str(int min, int max) {
    return new Str(min, max, null, null);
  }

  /** Any finite number. */
  static Num number() {
    return new Num(false, null, null);
  }

  static Num number(double min, double max) {
    return new Num(false, min, max);
  }

  /** Where the reference names no range, "integer" is taken as int32 (see {@link #integer()}). */
  static final double INT32_MIN = Integer.MIN_VALUE;
  static final double INT32_MAX = Integer.MAX_VALUE;

  /**
   * An integer in the int32 range: the only integer format the reference names (its Workers VPC
   * part gives {@code format int32}); every integer field of the reference fits it, and the
   * exporter reads these fields as 32-bit integers.
   */
  static Num integer() {
    return new Num(true, INT32_MIN, INT32_MAX);
  }

  static Num integer(double min, double max) {
    return new Num(true, min, max);
  }

  /** An integer from {@code min} up to the int32 maximum. */
  static Num integerFrom(double min) {
    return new Num(true, min, INT32_MAX);
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

  static Unknown unknown() {
    return new Unknown();
  }

  static Advisory advisory(Schema likely) {
    return new Advisory(likely);
  }

  static Undocumented undocumented(Schema likely) {
    return new Undocumented(likely);
  }
}
