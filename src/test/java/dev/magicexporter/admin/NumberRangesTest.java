package dev.magicexporter.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * #14 item 3: wherever the reference gives a number a type, its range is checked, in every body,
 * query and path value of the route table, not only the MTU. Each numeric field of each generated
 * example body gets the values a hostile or careless caller sends ({@code 1e400}, one past each
 * bound, a fraction for an integer): each is refused at that field's pointer, and each bound
 * itself is taken. Values that only the bulk bodies hold are advice (their body is
 * {@code unknown}) and are not in this walk.
 */
class NumberRangesTest {
  /** The admin API's own body parser: floats as BigDecimal, so 1e400 stays 1e400. */
  private static final ObjectMapper M = RequestParts.BODY;

  /** A number field of a route's body: where it is, its rule, and the valid body it is in. */
  record NumberField(String route, String pointer, Schema.Num rule, JsonNode body) {
    @Override
    public String toString() {
      return route + " " + pointer + " " + rule;
    }
  }

  /**
   * The kinds of numbers, pinned as the reference states them (docs/admin-api.md, "Numbers"), by
   * the field's name wherever it occurs: a changed table must change this too.
   */
  private static final Map<String, String> KINDS = Map.ofEntries(
      Map.entry("mtu", "integer 576..2147483647"),
      Map.entry("ttl", "integer 0..255"),
      Map.entry("customer_asn", "integer 0..4294967295"),
      Map.entry("vlan_tag", "integer 0..4094"),
      Map.entry("protocol", "integer 0..255"),
      Map.entry("source_port", "integer 0..65535"),
      Map.entry("destination_port", "integer 0..65535"),
      Map.entry("packet_limit", "integer 0..2147483647"),
      Map.entry("byte_limit", "integer 0..9007199254740991"),
      Map.entry("physport", "integer 0..2147483647"),
      Map.entry("tcp_port", "integer 1..2147483647"),
      Map.entry("http_port", "integer 1..2147483647"),
      Map.entry("interrupt_window_hour_of_day", "integer 0..23"),
      Map.entry("time_limit", "number"),
      Map.entry("weight", "number"));

  @Test
  void everyNumberOfEveryBodyIsRangeChecked() throws Exception {
    List<NumberField> fields = new ArrayList<>();
    for (Route r : RouteTable.ROUTES) {
      if (r.body().mode() == Route.Body.Mode.NONE) {
        continue;
      }
      for (JsonNode sample : samples(r.body().schema())) {
        collect(r.key(), r.body().schema(), sample, "", sample, fields);
      }
    }
    assertThat(fields).as("number fields found").hasSizeGreaterThanOrEqualTo(40);
    assertThat(fields.stream().map(f -> last(f.pointer()))).as("every pinned kind is in some body")
        .containsAll(KINDS.keySet());
    for (NumberField f : fields) {
      Schema.Num n = f.rule();
      if (KINDS.containsKey(last(f.pointer()))) {
        assertThat(n.integer() ? "integer " + plain(n.min()) + ".." + plain(n.max()) : "number")
            .as(f.toString()).isEqualTo(KINDS.get(last(f.pointer())));
      }
      if (n.integer()) {
        assertThat(n.min() != null && n.max() != null && n.max() <= ResourceRules.SAFE_INTEGER_MAX)
            .as(f + ": an integer always has bounds the SDK's numbers hold").isTrue();
      }
      Route r = ValidationRulesTest.route(f.route());
      for (String bad : badValues(n)) {
        JsonNode body = f.body().deepCopy();
        ValidationRulesTest.set(body, f.pointer(), M.readTree(bad));
        assertThat(Validator.validate(r.body().schema(), body)).as(f + " = " + bad)
            .anySatisfy(p -> assertThat(p.pointer()).isEqualTo(f.pointer()));
      }
      for (String good : bounds(n)) {
        JsonNode body = f.body().deepCopy();
        ValidationRulesTest.set(body, f.pointer(), M.readTree(good));
        assertThat(Validator.validate(r.body().schema(), body)).as(f + " = " + good).isEmpty();
      }
    }
  }

  /** One valid body per variant of a tagged body ("simple" and "full" captures, "http" and "tcp" services). */
  private static List<JsonNode> samples(Schema s) {
    if (!(s instanceof Schema.Tagged t)) {
      return List.of(Samples.of(s));
    }
    List<JsonNode> out = new ArrayList<>();
    t.variants().forEach((tag, variant) -> {
      com.fasterxml.jackson.databind.node.ObjectNode o = (com.fasterxml.jackson.databind.node.ObjectNode) Samples.of(variant);
      o.put(t.field(), tag);
      out.add(o);
    });
    return out;
  }

  private static String last(String pointer) {
    return pointer.substring(pointer.lastIndexOf('/') + 1);
  }

  private static String plain(Double d) {
    return d == null ? "none" : plain(BigDecimal.valueOf(d));
  }

  @Test
  void everyNumberInAQueryOrPathIsRangeChecked() {
    List<Map.Entry<String, Schema>> values = new ArrayList<>();
    for (Route r : RouteTable.ROUTES) {
      for (Route.QueryParam q : r.query()) {
        values.add(Map.entry(r.key() + " ?" + q.name(), q.schema()));
      }
    }
    RouteTable.PATH_PARAMS.forEach((name, rule) -> values.add(Map.entry("{" + name + "}", rule)));
    int checked = 0;
    for (Map.Entry<String, Schema> v : values) {
      if (!(v.getValue() instanceof Schema.Num n)) {
        continue;
      }
      for (String bad : badValues(n)) {
        assertThat(Validator.validateText(n, bad)).as(v.getKey() + " = " + bad).isNotEmpty();
      }
      for (String good : bounds(n)) {
        assertThat(Validator.validateText(n, good)).as(v.getKey() + " = " + good).isEmpty();
      }
      checked++;
    }
    assertThat(checked).as("limit, page, per_page, from, to, event_t, event_n, snapshot_t").isGreaterThanOrEqualTo(8);
  }

  /** Not numbers at all, one past each bound, and a fraction where an integer is wanted. */
  private static List<String> badValues(Schema.Num n) {
    List<String> out = new ArrayList<>(List.of("1e400", "-1e400"));
    if (n.max() != null) {
      out.add(plain(BigDecimal.valueOf(n.max()).add(BigDecimal.ONE)));
    }
    if (n.min() != null) {
      out.add(plain(BigDecimal.valueOf(n.min()).subtract(BigDecimal.ONE)));
    }
    if (n.integer()) {
      out.add("1.5");
      if (n.max() == null || n.max() < 1e23) {
        out.add("1e23");
      }
    }
    return out;
  }

  /** Each stated bound, which must itself be taken. */
  private static List<String> bounds(Schema.Num n) {
    List<String> out = new ArrayList<>();
    if (n.max() != null) {
      out.add(plain(BigDecimal.valueOf(n.max())));
    }
    if (n.min() != null) {
      out.add(plain(BigDecimal.valueOf(n.min())));
    }
    return out;
  }

  private static String plain(BigDecimal d) {
    return d.stripTrailingZeros().toString();
  }

  /** Walks the schema along a generated sample (which took the first alternative of a one-of). */
  private static void collect(String route, Schema s, JsonNode sample, String ptr, JsonNode body,
      List<NumberField> out) {
    if (s instanceof Schema.Num n) {
      out.add(new NumberField(route, ptr, n, body));
    } else if (s instanceof Schema.Obj o) {
      for (Schema.Field f : o.fields()) {
        if (sample.has(f.name())) {
          collect(route, f.schema(), sample.get(f.name()), ptr + "/" + Validator.token(f.name()), body, out);
        }
      }
    } else if (s instanceof Schema.Tagged t) {
      Schema.Obj variant = t.variants().get(sample.path(t.field()).asText());
      if (variant != null) {
        collect(route, variant, sample, ptr, body, out);
      }
    } else if (s instanceof Schema.Arr a && sample.isArray() && !sample.isEmpty()) {
      collect(route, a.items(), sample.get(0), ptr + "/0", body, out);
    } else if (s instanceof Schema.MapOf m) {
      for (Iterator<String> it = sample.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        collect(route, m.values(), sample.get(key), ptr + "/" + Validator.token(key), body, out);
      }
    } else if (s instanceof Schema.OneOf o) {
      collect(route, o.alternatives().get(0), sample, ptr, body, out);
    } else if (s instanceof Schema.ByHeader h) {
      collect(route, h.otherwise(), sample, ptr, body, out);
    }
    // Advisory, Undocumented and Unknown values are never refused: nothing to walk.
  }
}
