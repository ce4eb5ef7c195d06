package dev.magicexporter.state;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.magicexporter.model.EventKinds;
import dev.magicexporter.store.ConnectorRef;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The on-disk form of a {@link ConnectorCheckpoint} (format 1), written by hand from a tree so the
 * format is explicit and times read as plain decimals ({@code 1700000000.5}, not {@code 1.7E9}):
 *
 * <pre>{@code
 * {
 *   "format" : 1,
 *   "account_id" : "023e105f4ecef8ad9ca31a8372d0c353",
 *   "connector_id" : "0f6a1b2c...",
 *   "events" : {
 *     "floor" : { "t" : 1700000000, "n" : null },       // null n: before every event at t
 *     "counted" : [ [ 1700000030, 0 ], [ 1700000030, 1 ] ],
 *     "since" : 1699996400,                            // counting since (first floor)
 *     "completed_to" : 1700000060,
 *     "newest_t" : 1700000030,
 *     "totals" : { "Init" : 1, "Reconcile" : 41 },
 *     "last_t" : { "Init" : 1699990000, "Reconcile" : 1700000030 }
 *   },
 *   "snapshots" : { "total" : 60, "gaps" : 0, "last_t" : 1700000040, "scanned_to" : 1700000060, "period" : 60 }
 * }
 * }</pre>
 *
 * Reading validates every field; anything else is a {@link CorruptCheckpointException}.
 */
public final class CheckpointCodec {
  public static final int FORMAT = 1;

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
      .build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  private CheckpointCodec() {}

  /** A state file that cannot be read back into a checkpoint, with the reason. */
  public static final class CorruptCheckpointException extends Exception {
    public CorruptCheckpointException(String reason, Throwable cause) {
      super(reason, cause);
    }
  }

  public static byte[] encode(ConnectorCheckpoint cp) {
    ObjectNode root = NODES.objectNode();
    root.put("format", FORMAT);
    root.put("account_id", cp.ref().accountId());
    root.put("connector_id", cp.ref().connectorId());
    EventsCheckpoint e = cp.events();
    ObjectNode ev = root.putObject("events");
    if (e.floor() == null) {
      ev.putNull("floor");
    } else {
      ObjectNode f = ev.putObject("floor");
      f.put("t", decimal(e.floor().t()));
      if (e.floor().isBeforeAll()) {
        f.putNull("n");
      } else {
        f.put("n", e.floor().n());
      }
    }
    ArrayNode counted = ev.putArray("counted");
    for (EventKey k : e.counted()) {
      counted.addArray().add(decimal(k.t())).add(k.n());
    }
    putNullable(ev, "since", e.since());
    putNullable(ev, "completed_to", e.completedTo());
    putNullable(ev, "newest_t", e.newestT());
    ObjectNode totals = ev.putObject("totals");
    e.totals().forEach(totals::put);
    ObjectNode lastT = ev.putObject("last_t");
    e.lastT().forEach((k, v) -> lastT.put(k, decimal(v)));
    SnapshotsCheckpoint s = cp.snapshots();
    ObjectNode sn = root.putObject("snapshots");
    sn.put("total", s.total());
    sn.put("gaps", s.gaps());
    putNullable(sn, "last_t", s.lastT());
    putNullable(sn, "scanned_to", s.scannedTo());
    putNullable(sn, "period", s.period());
    try {
      return MAPPER.writeValueAsBytes(root);
    } catch (IOException e1) {
      throw new IllegalStateException("cannot encode checkpoint of " + cp.ref(), e1);
    }
  }

  public static ConnectorCheckpoint decode(byte[] bytes) throws CorruptCheckpointException {
    JsonNode root;
    try {
      root = MAPPER.readTree(bytes);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      // Where, not what: Jackson's message quotes the offending text, which is no log's business.
      var at = e.getLocation();
      throw new CorruptCheckpointException("not JSON" + (at == null ? ""
          : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"), e);
    } catch (IOException e) {
      throw new CorruptCheckpointException("not JSON", e);
    }
    if (root == null || !root.isObject()) {
      throw new CorruptCheckpointException("not a JSON object", null);
    }
    JsonNode format = root.get("format");
    if (format == null || !format.canConvertToInt() || format.intValue() != FORMAT) {
      throw new CorruptCheckpointException("unknown format " + format + " (expected " + FORMAT + ")", null);
    }
    ConnectorRef ref = new ConnectorRef(text(root, "account_id"), text(root, "connector_id"));
    JsonNode ev = object(root, "events");
    EventKey floor = null;
    JsonNode f = ev.get("floor");
    if (f != null && !f.isNull()) {
      if (!f.isObject()) {
        throw new CorruptCheckpointException("events.floor is not an object", null);
      }
      double t = number(f, "t");
      JsonNode n = f.get("n");
      if (n == null || n.isNull()) {
        floor = EventKey.before(t);
      } else if (n.isIntegralNumber()) {
        floor = new EventKey(t, n.longValue());
      } else {
        throw new CorruptCheckpointException("events.floor.n is not an integer", null);
      }
    }
    TreeSet<EventKey> counted = new TreeSet<>();
    JsonNode c = ev.get("counted");
    if (c == null || !c.isArray()) {
      throw new CorruptCheckpointException("events.counted is not an array", null);
    }
    for (JsonNode k : c) {
      if (!k.isArray() || k.size() != 2 || !k.get(0).isNumber() || !k.get(1).isIntegralNumber()) {
        throw new CorruptCheckpointException("events.counted holds " + k + ", not [t, n]", null);
      }
      EventKey key = new EventKey(k.get(0).doubleValue(), k.get(1).longValue());
      if (floor == null || key.compareTo(floor) <= 0) {
        throw new CorruptCheckpointException("events.counted holds " + k + ", not above the floor", null);
      }
      counted.add(key);
    }
    TreeMap<String, Long> totals = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = object(ev, "totals").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> t = it.next();
      if (!EventKinds.isSafeLabel(t.getKey()) || !t.getValue().isIntegralNumber() || t.getValue().longValue() < 0) {
        throw new CorruptCheckpointException("events.totals." + t.getKey() + " is not a count", null);
      }
      totals.put(t.getKey(), t.getValue().longValue());
    }
    TreeMap<String, Double> lastT = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = object(ev, "last_t").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> t = it.next();
      if (!totals.containsKey(t.getKey()) || !t.getValue().isNumber()) {
        throw new CorruptCheckpointException("events.last_t." + t.getKey() + " has no total or is not a time", null);
      }
      lastT.put(t.getKey(), t.getValue().doubleValue());
    }
    EventsCheckpoint events = new EventsCheckpoint(floor, counted, nullableNumber(ev, "completed_to"),
        nullableNumber(ev, "newest_t"), totals, lastT, nullableNumber(ev, "since"));
    JsonNode sn = object(root, "snapshots");
    long total = count(sn, "total");
    long gaps = count(sn, "gaps");
    SnapshotsCheckpoint snapshots = new SnapshotsCheckpoint(total, gaps, nullableNumber(sn, "last_t"),
        nullableNumber(sn, "scanned_to"), nullableNumber(sn, "period"));
    return new ConnectorCheckpoint(ref, events, snapshots);
  }

  private static BigDecimal decimal(double v) {
    return new BigDecimal(Double.toString(v)).stripTrailingZeros();
  }

  private static void putNullable(ObjectNode o, String name, Double v) {
    if (v == null) {
      o.putNull(name);
    } else {
      o.put(name, decimal(v));
    }
  }

  private static String text(JsonNode o, String name) throws CorruptCheckpointException {
    JsonNode v = o.get(name);
    if (v == null || !v.isTextual() || v.textValue().isEmpty()) {
      throw new CorruptCheckpointException(name + " is missing or not a string", null);
    }
    return v.textValue();
  }

  private static JsonNode object(JsonNode o, String name) throws CorruptCheckpointException {
    JsonNode v = o.get(name);
    if (v == null || !v.isObject()) {
      throw new CorruptCheckpointException(name + " is missing or not an object", null);
    }
    return v;
  }

  private static double number(JsonNode o, String name) throws CorruptCheckpointException {
    JsonNode v = o.get(name);
    if (v == null || !v.isNumber() || !Double.isFinite(v.doubleValue())) {
      throw new CorruptCheckpointException(name + " is missing or not a number", null);
    }
    return v.doubleValue();
  }

  private static Double nullableNumber(JsonNode o, String name) throws CorruptCheckpointException {
    JsonNode v = o.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    return number(o, name);
  }

  private static long count(JsonNode o, String name) throws CorruptCheckpointException {
    JsonNode v = o.get(name);
    if (v == null || !v.isIntegralNumber() || v.longValue() < 0) {
      throw new CorruptCheckpointException(name + " is missing or not a count", null);
    }
    return v.longValue();
  }
}
