package dev.magicexporter.state;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.magicexporter.model.analytics.AnalyticsFeed;
import dev.magicexporter.model.analytics.AnalyticsGroup;
import dev.magicexporter.state.AnalyticsCheckpoint.Counted;
import dev.magicexporter.state.CheckpointCodec.CorruptCheckpointException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The on-disk form of an {@link AnalyticsCheckpoint} (format 1), written by hand from a tree like
 * {@link CheckpointCodec}, with times and totals as plain decimals:
 *
 * <pre>{@code
 * {
 *   "format" : 1,
 *   "account_id" : "023e105f4ecef8ad9ca31a8372d0c353",
 *   "feeds" : {
 *     "tunnel_traffic" : {
 *       "since" : 1764000000,
 *       "counted_to" : 1764003600,
 *       "skipped_seconds" : 0,
 *       "dimensions" : [ "tunnelName", "direction", "onRamp", "offRamp" ],
 *       "aggregates" : [ "sum.bits", "sum.packets" ],
 *       "totals" : [ [ [ "GRE_1", "ingress", "", "" ], [ 1234567800, 31337 ] ] ]
 *     }
 *   }
 * }
 * }</pre>
 *
 * A feed whose stored dimensions or aggregates differ from the current {@link AnalyticsFeed} table
 * (a newer version reads other fields) is dropped with a warning and counts afresh; a feed id the
 * table no longer has is dropped too. Anything else malformed is a {@link CorruptCheckpointException}.
 */
public final class AnalyticsCheckpointCodec {
  public static final int FORMAT = 1;
  private static final Logger LOG = LoggerFactory.getLogger(AnalyticsCheckpointCodec.class);

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
      .build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  private AnalyticsCheckpointCodec() {}

  public static byte[] encode(AnalyticsCheckpoint cp) {
    ObjectNode root = NODES.objectNode();
    root.put("format", FORMAT);
    root.put("account_id", cp.accountId());
    ObjectNode feeds = root.putObject("feeds");
    for (Map.Entry<AnalyticsFeed, Counted> e : cp.feeds().entrySet()) {
      AnalyticsFeed f = e.getKey();
      Counted c = e.getValue();
      ObjectNode o = feeds.putObject(f.id());
      o.put("since", c.since());
      o.put("counted_to", c.countedTo());
      o.put("skipped_seconds", c.skippedSeconds());
      ArrayNode dims = o.putArray("dimensions");
      f.dimensions().forEach(dims::add);
      ArrayNode aggs = o.putArray("aggregates");
      f.aggregates().forEach(aggs::add);
      ArrayNode totals = o.putArray("totals");
      for (AnalyticsGroup g : c.totals()) {
        ArrayNode row = totals.addArray();
        ArrayNode k = row.addArray();
        g.dimensions().forEach(k::add);
        ArrayNode v = row.addArray();
        g.values().forEach(x -> v.add(decimal(x)));
      }
    }
    try {
      return MAPPER.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static BigDecimal decimal(double v) {
    return new BigDecimal(Double.toString(v)).stripTrailingZeros();
  }

  public static AnalyticsCheckpoint decode(byte[] bytes) throws CorruptCheckpointException {
    JsonNode root;
    try {
      root = MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw new CorruptCheckpointException("not JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new CorruptCheckpointException("not a JSON object", null);
    }
    JsonNode format = root.get("format");
    if (format == null || !format.isIntegralNumber() || format.intValue() != FORMAT) {
      throw new CorruptCheckpointException("format is " + format + ", expected " + FORMAT, null);
    }
    JsonNode account = root.get("account_id");
    if (account == null || !account.isTextual() || account.textValue().isEmpty()) {
      throw new CorruptCheckpointException("account_id is missing or not a string", null);
    }
    JsonNode feeds = root.get("feeds");
    if (feeds == null || !feeds.isObject()) {
      throw new CorruptCheckpointException("feeds is missing or not an object", null);
    }
    Map<AnalyticsFeed, Counted> out = new EnumMap<>(AnalyticsFeed.class);
    for (Iterator<Map.Entry<String, JsonNode>> it = feeds.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      AnalyticsFeed f = AnalyticsFeed.byId(e.getKey());
      if (f == null || !f.counted()) {
        LOG.warn("analytics checkpoint of account {}: feed {} is not counted by this version; dropping it",
            account.textValue(), e.getKey());
        continue;
      }
      JsonNode o = e.getValue();
      if (!o.isObject()) {
        throw new CorruptCheckpointException("feeds." + e.getKey() + " is not an object", null);
      }
      if (!strings(o.get("dimensions")).equals(f.dimensions()) || !strings(o.get("aggregates")).equals(f.aggregates())) {
        LOG.warn("analytics checkpoint of account {}: feed {} was counted by {} and {}, this version reads {} and {}; "
            + "it counts afresh", account.textValue(), f.id(), o.get("dimensions"), o.get("aggregates"),
            f.dimensions(), f.aggregates());
        continue;
      }
      long since = whole(o, "since");
      long countedTo = whole(o, "counted_to");
      long skipped = whole(o, "skipped_seconds");
      if (countedTo < since || countedTo % 60 != 0 || skipped < 0) {
        throw new CorruptCheckpointException("feeds." + f.id() + ": counted_to " + countedTo + " is not a whole minute "
            + "after since " + since, null);
      }
      List<AnalyticsGroup> totals = new ArrayList<>();
      JsonNode t = o.get("totals");
      if (t == null || !t.isArray()) {
        throw new CorruptCheckpointException("feeds." + f.id() + ".totals is not an array", null);
      }
      for (JsonNode row : t) {
        if (!row.isArray() || row.size() != 2) {
          throw new CorruptCheckpointException("feeds." + f.id() + ".totals holds " + row + ", not [key, values]", null);
        }
        List<String> key = strings(row.get(0));
        List<Double> values = new ArrayList<>();
        for (JsonNode v : row.get(1)) {
          if (!v.isNumber() || !Double.isFinite(v.doubleValue()) || v.doubleValue() < 0) {
            throw new CorruptCheckpointException("feeds." + f.id() + ".totals holds " + v + ", not a total", null);
          }
          values.add(v.doubleValue());
        }
        if (key.size() != f.dimensions().size() || values.size() != f.aggregates().size()) {
          throw new CorruptCheckpointException("feeds." + f.id() + ".totals holds " + row + " of the wrong shape", null);
        }
        totals.add(new AnalyticsGroup(key, values));
      }
      out.put(f, new Counted(since, countedTo, skipped, totals));
    }
    return new AnalyticsCheckpoint(account.textValue(), out);
  }

  private static List<String> strings(JsonNode a) throws CorruptCheckpointException {
    if (a == null || !a.isArray()) {
      throw new CorruptCheckpointException("expected an array of strings, got " + a, null);
    }
    List<String> out = new ArrayList<>();
    for (JsonNode s : a) {
      if (!s.isTextual()) {
        throw new CorruptCheckpointException("expected a string, got " + s, null);
      }
      out.add(s.textValue());
    }
    return out;
  }

  private static long whole(JsonNode o, String name) throws CorruptCheckpointException {
    JsonNode v = o.get(name);
    if (v == null || !v.isIntegralNumber() || v.longValue() < 0) {
      throw new CorruptCheckpointException(name + " is missing or not a whole number of seconds", null);
    }
    return v.longValue();
  }
}
