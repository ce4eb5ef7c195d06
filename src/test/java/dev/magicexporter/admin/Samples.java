package dev.magicexporter.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Valid example requests generated from the rule tables themselves: every field (optional ones
 * too) with a value in its format. A test checks that each example passes its own rules, so the
 * forwarding tests exercise whole bodies, not minimal ones.
 */
final class Samples {
  static final String ACCOUNT = "023e105f4ecef8ad9ca31a8372d0c353";
  static final JsonNodeFactory F = JsonNodeFactory.instance;

  static final Map<Format, String> FORMAT_SAMPLES = new EnumMap<>(Format.class);

  static {
    FORMAT_SAMPLES.put(Format.IP, "203.0.113.1");
    FORMAT_SAMPLES.put(Format.IPV4, "192.0.2.1");
    FORMAT_SAMPLES.put(Format.IPV6, "2001:db8::1");
    FORMAT_SAMPLES.put(Format.CIDR, "192.0.2.0/24");
    FORMAT_SAMPLES.put(Format.CIDR_V4, "198.51.100.0/24");
    FORMAT_SAMPLES.put(Format.IPV4_31, "10.212.0.8/31");
    FORMAT_SAMPLES.put(Format.IPV6_127, "2606:54c1:7:0:a9fe:12d2:1:200/127");
    FORMAT_SAMPLES.put(Format.MD5_KEY, "md5-Key!with=printable|chars");
    FORMAT_SAMPLES.put(Format.TUNNEL_NAME, "GRE_1");
    FORMAT_SAMPLES.put(Format.UUID, "550e8400-e29b-41d4-a716-446655440000");
    FORMAT_SAMPLES.put(Format.DATE, "2030-12-24");
    FORMAT_SAMPLES.put(Format.DATE_TIME, "2024-01-15T09:30:00Z");
    FORMAT_SAMPLES.put(Format.HOSTNAME, "auth.example.com");
    FORMAT_SAMPLES.put(Format.PORT_RANGE, "8080-8090");
    FORMAT_SAMPLES.put(Format.MAC, "00:11:22:33:44:55");
    FORMAT_SAMPLES.put(Format.BUCKET_URI, "s3://pcaps-bucket?region=us-east-1");
    FORMAT_SAMPLES.put(Format.FQDN_ID, "tunnel1.acct1.custom.ipsec.cloudflare.com");
    FORMAT_SAMPLES.put(Format.LATITUDE, "51.5072");
    FORMAT_SAMPLES.put(Format.LONGITUDE, "-0.1276");
    FORMAT_SAMPLES.put(Format.IDENTIFIER, "c4a7362d577a6c3019a474fd6f485821");
  }

  private Samples() {}

  static String format(Format f) {
    String s = FORMAT_SAMPLES.get(f);
    if (s == null) {
      throw new AssertionError("no sample for format " + f);
    }
    return s;
  }

  /** A valid value for {@code schema}, with every optional field present. */
  static JsonNode of(Schema schema) {
    if (schema instanceof Schema.Str s) {
      if (s.advice() == Advice.LAST_24H) {
        return F.textNode(Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString());
      }
      if (s.advice() == Advice.PREFIX) {
        return F.textNode("198.51.100.0/24");
      }
      return F.textNode(s.format() != null ? format(s.format()) : s.maxLength() == 0 ? "" : "example text");
    }
    if (schema instanceof Schema.Num n) {
      double v = n.min() != null ? Math.max(n.min(), n.max() != null ? Math.min(1, n.max()) : 1) : 1;
      return n.integer() ? F.numberNode((long) Math.ceil(v)) : F.numberNode(new BigDecimal("1.5"));
    }
    if (schema instanceof Schema.Bool) {
      return F.booleanNode(true);
    }
    if (schema instanceof Schema.Enum e) {
      return F.textNode(e.values().iterator().next());
    }
    if (schema instanceof Schema.Arr a) {
      ArrayNode arr = F.arrayNode();
      arr.add(of(a.items()));
      return arr;
    }
    if (schema instanceof Schema.MapOf m) {
      ObjectNode o = F.objectNode();
      o.set(m.keyFormat() == null ? "key" : format(m.keyFormat()), of(m.values()));
      return o;
    }
    if (schema instanceof Schema.Obj o) {
      return object(o, null, null);
    }
    if (schema instanceof Schema.OneOf o) {
      return of(o.alternatives().get(0));
    }
    if (schema instanceof Schema.Tagged t) {
      String tag = t.variants().keySet().iterator().next();
      return object(t.variants().get(tag), t.field(), tag);
    }
    if (schema instanceof Schema.ByHeader h) {
      return of(h.otherwise());
    }
    return F.objectNode();
  }

  private static ObjectNode object(Schema.Obj o, String tagField, String tag) {
    List<String> skip = new ArrayList<>();
    for (Schema.Rule r : o.rules()) {
      if (r instanceof Schema.ExactlyOne one) {
        skip.addAll(one.fields().subList(1, one.fields().size()));
      }
    }
    ObjectNode node = F.objectNode();
    for (Schema.Field f : o.fields()) {
      if (skip.contains(f.name()) || f.schema() instanceof Schema.Undocumented) {
        continue;
      }
      node.set(f.name(), f.name().equals(tagField) ? F.textNode(tag) : of(f.schema()));
    }
    return node;
  }

  /** Example path values for a route: the configured account and plausible ids. */
  static Map<String, String> pathValues(Route route) {
    Map<String, String> v = new LinkedHashMap<>();
    for (String name : new PathTemplate(route.template()).names()) {
      v.put(name, switch (name) {
        case "account_id" -> ACCOUNT;
        case "event_t", "snapshot_t" -> "1700000000";
        case "event_n" -> "3";
        case "service_id" -> "550e8400-e29b-41d4-a716-446655440000";
        default -> "id-" + name.replace("_id", "") + "-1";
      });
    }
    return v;
  }

  /** The concrete path (relative to /client/v4) for the example path values. */
  static String path(Route route) {
    String p = route.template();
    for (Map.Entry<String, String> e : pathValues(route).entrySet()) {
      p = p.replace("{" + e.getKey() + "}", e.getValue());
    }
    return p;
  }

  /** Every query parameter the route takes, with a valid value, as a query string (may be empty). */
  static String query(Route route) {
    List<String> parts = new ArrayList<>();
    for (Route.QueryParam q : route.query()) {
      String v;
      if (q.schema() instanceof Schema.Num n) {
        v = q.name().equals("to") ? "1700003600" : q.name().equals("from") ? "1700000000"
            : Long.toString((long) Math.max(1, n.min() == null ? 1 : n.min()));
      } else if (q.schema() instanceof Schema.Bool) {
        v = "true";
      } else {
        v = of(q.schema()).asText().replace(" ", "%20");
      }
      parts.add(q.name() + "=" + v);
    }
    return String.join("&", parts);
  }

  /** A valid body for the route, or null when it takes none. */
  static JsonNode body(Route route) {
    return route.body().mode() == Route.Body.Mode.NONE ? null : of(route.body().schema());
  }
}
