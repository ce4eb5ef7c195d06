package dev.magicexporter.sim.magic.pcaps;

import static dev.magicexporter.sim.magic.JsonMaps.obj;

import dev.magicexporter.sim.magic.JsonMaps;
import dev.magicexporter.sim.magic.SimHash;
import dev.magicexporter.sim.magic.SimObject;
import dev.magicexporter.sim.magic.SimResourceStore;
import dev.magicexporter.sim.magic.SimTime;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Simulated packet captures and capture buckets. A capture is submitted every five minutes and
 * stays listed for two hours; from its submission it goes {@code pending} (15 s) →
 * {@code running} (its time limit, or until a stop request) → {@code success} for simple
 * captures, or {@code conversion_pending} (30 s) → {@code conversion_running} (60 s) →
 * {@code complete} for full ones. One in ten fails after running, one in twenty stays
 * {@code unknown}. A bucket is added every thirty minutes and stays two hours; its ownership
 * challenge is {@code pending} for two minutes, then {@code success} (three in four) or
 * {@code failed}.
 */
public final class PcapsSim {
  static final double CAPTURE_PERIOD = 300;
  static final double CAPTURE_LIFETIME = 7200;
  public static final double PENDING = 15;
  static final double CONVERSION_PENDING = 30;
  static final double CONVERSION_RUNNING = 60;
  static final double BUCKET_PERIOD = 1800;
  static final double BUCKET_LIFETIME = 7200;
  static final double VALIDATION = 120;
  static final double BYTES_PER_PACKET = 1000;

  /** Hidden fields of generated objects (never sent): fate and packet rate. */
  public static final String FATE = "_sim_fate";
  static final String RATE = "_sim_rate";

  private static final String[] COLOS = {"ord02", "ams01", "sin03", "ORD"};

  private PcapsSim() {}

  public static SimResourceStore captureStore(long seed) {
    return new SimResourceStore(new SimResourceStore.Generator() {
      @Override
      public List<SimObject> permanent(String account) {
        return List.of();
      }

      @Override
      public List<SimObject> aliveAt(String account, double now) {
        List<SimObject> out = new ArrayList<>();
        long last = (long) Math.floor(now / CAPTURE_PERIOD);
        long first = (long) Math.floor((now - CAPTURE_LIFETIME) / CAPTURE_PERIOD) + 1;
        for (long k = first; k <= last; k++) {
          out.add(capture(seed, account, k));
        }
        return out;
      }
    });
  }

  public static SimResourceStore bucketStore(long seed) {
    return new SimResourceStore(new SimResourceStore.Generator() {
      @Override
      public List<SimObject> permanent(String account) {
        return List.of(bucket(seed, account, "permanent-0", SimTime.createdAt(seed, account, "bucket0"),
                Double.POSITIVE_INFINITY, "success"),
            bucket(seed, account, "permanent-1", SimTime.createdAt(seed, account, "bucket1"),
                Double.POSITIVE_INFINITY, "failed"));
      }

      @Override
      public List<SimObject> aliveAt(String account, double now) {
        List<SimObject> out = new ArrayList<>();
        long last = (long) Math.floor(now / BUCKET_PERIOD);
        long first = (long) Math.floor((now - BUCKET_LIFETIME) / BUCKET_PERIOD) + 1;
        for (long k = first; k <= last; k++) {
          String fate = SimHash.below(4, seed, account, "bucket-fate", k) == 0 ? "failed" : "success";
          out.add(bucket(seed, account, k, k * BUCKET_PERIOD, k * BUCKET_PERIOD + BUCKET_LIFETIME, fate));
        }
        return out;
      }
    });
  }

  /** The URI of a bucket: confidential in the real API, so tests can look for it in outputs. */
  static String bucketUri(long seed, String account, Object slot) {
    return "s3://sim-pcaps-" + SimHash.id(seed, account, "bucket-uri", slot).substring(0, 16) + "?region=us-east-1";
  }

  private static SimObject bucket(long seed, String account, Object slot, double submitted, double diesAt,
      String fate) {
    String id = SimHash.id(seed, account, "bucket", slot);
    return new SimObject(id, null, obj(
        "id", id,
        "destination_conf", bucketUri(seed, account, slot),
        "filename", "ownership-challenge-" + id + ".txt",
        "submitted", SimTime.rfc3339(submitted),
        FATE, fate), submitted, diesAt);
  }

  static SimObject capture(long seed, String account, long k) {
    String id = SimHash.id(seed, account, "pcap", k);
    double submitted = k * CAPTURE_PERIOD;
    boolean full = SimHash.below(2, seed, id, "type") == 0;
    int timeLimit = 30 * (2 + SimHash.below(9, seed, id, "time"));
    double u = SimHash.unit(seed, id, "fate");
    String fate = u < 0.05 ? "unknown" : u < 0.15 ? "failed" : "ok";
    Map<String, Object> filter = obj("destination_address", "203.0.113." + (1 + SimHash.below(250, seed, id, "dst")),
        "destination_port", 443, "protocol", 6);
    Map<String, Object> fields;
    if (full) {
      boolean stop = SimHash.below(4, seed, id, "stop") == 0;
      fields = obj(
          "id", id,
          "byte_limit", 1_000_000 * (1 + SimHash.below(50, seed, id, "bytes")),
          "colo_name", COLOS[SimHash.below(COLOS.length, seed, id, "colo")],
          "destination_conf", bucketUri(seed, account, "permanent-0"),
          "filter_v1", filter,
          "stop_requested", stop ? SimTime.rfc3339(submitted + PENDING + timeLimit / 2.0) : null,
          "submitted", SimTime.rfc3339(submitted),
          "system", "magic-transit",
          "time_limit", timeLimit,
          "type", "full");
    } else {
      fields = obj(
          "id", id,
          "filter_v1", filter,
          "offset_time", SimTime.rfc3339(submitted),
          "submitted", SimTime.rfc3339(submitted),
          "system", "magic-transit",
          "time_limit", timeLimit,
          "type", "simple");
    }
    fields.put(FATE, fate);
    fields.put(RATE, 50 + SimHash.below(500, seed, id, "rate"));
    return new SimObject(id, null, fields, submitted, submitted + CAPTURE_LIFETIME);
  }

  public static double parse(Object rfc3339, double fallback) {
    if (rfc3339 instanceof String s) {
      try {
        Instant t = Instant.parse(s);
        return t.getEpochSecond() + t.getNano() / 1e9;
      } catch (DateTimeParseException e) {
        return fallback;
      }
    }
    return fallback;
  }

  private static double number(Object v, double fallback) {
    return v instanceof Number n ? n.doubleValue() : fallback;
  }

  /** A capture as GET returns it at {@code now}: status, packets and stop request from the clock. */
  public static Map<String, Object> captureView(SimObject o, double now) {
    Map<String, Object> m = JsonMaps.copy(o.fields());
    String fate = String.valueOf(m.remove(FATE));
    double rate = number(m.remove(RATE), 100);
    boolean full = "full".equals(m.get("type"));
    double submitted = parse(m.get("submitted"), o.bornAt());
    double timeLimit = number(m.get("time_limit"), 300);
    double stopAt = parse(m.get("stop_requested"), Double.POSITIVE_INFINITY);
    if (stopAt > now) {
      m.remove("stop_requested");
    }
    double runStart = submitted + PENDING;
    double runEnd = Math.min(runStart + timeLimit, stopAt);
    if (full) {
      double maxPackets = Math.floor(number(m.get("byte_limit"), Double.POSITIVE_INFINITY) / BYTES_PER_PACKET);
      double secondsToFill = maxPackets / rate;
      runEnd = Math.min(runEnd, runStart + secondsToFill);
    }
    String status;
    if ("unknown".equals(fate)) {
      status = "unknown";
    } else if (now < runStart) {
      status = "pending";
    } else if (now < runEnd) {
      status = "running";
    } else if ("failed".equals(fate)) {
      status = "failed";
    } else if (!full) {
      status = "success";
    } else if (now < runEnd + CONVERSION_PENDING) {
      status = "conversion_pending";
    } else if (now < runEnd + CONVERSION_PENDING + CONVERSION_RUNNING) {
      status = "conversion_running";
    } else {
      status = "complete";
    }
    Map<String, Object> out = JsonMaps.insertAfter(m, full ? "filter_v1" : "offset_time", "status", status);
    if (full) {
      if (!status.equals("pending") && !status.equals("unknown")) {
        double packets = Math.floor(rate * Math.max(0, Math.min(now, runEnd) - runStart));
        out = JsonMaps.insertAfter(out, "filter_v1", "packets_captured", (long) packets);
      }
      if (status.equals("failed")) {
        out = JsonMaps.insertAfter(out, "destination_conf", "error_message", "capture upload to the bucket failed");
      }
    }
    return out;
  }

  /** A bucket as GET returns it at {@code now}. */
  public static Map<String, Object> bucketView(SimObject o, double now) {
    Map<String, Object> m = JsonMaps.copy(o.fields());
    String fate = String.valueOf(m.remove(FATE));
    double submitted = parse(m.get("submitted"), o.bornAt());
    String status = now < submitted + VALIDATION ? "pending" : "failed".equals(fate) ? "failed" : "success";
    Map<String, Object> out = JsonMaps.insertAfter(m, "filename", "status", status);
    if (status.equals("success")) {
      out.put("validated", SimTime.rfc3339(submitted + VALIDATION));
    }
    return out;
  }

  /**
   * A small valid pcap file (libpcap format, Ethernet) for a finished simple capture: the global
   * header and {@code n} TCP SYN packets, deterministic per capture.
   */
  static byte[] pcapFile(SimObject o, int n) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(24 + n * (16 + 54)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
    long start = (long) parse(o.fields().get("submitted"), 0);
    for (int i = 0; i < n; i++) {
      b.putInt((int) (start + PENDING + i)).putInt(0).putInt(54).putInt(54);
      byte[] frame = new byte[54];
      frame[12] = 0x08;
      frame[14] = 0x45;
      frame[17] = 40;
      frame[22] = 64;
      frame[23] = 6;
      frame[26] = (byte) 198;
      frame[27] = 51;
      frame[28] = 100;
      frame[29] = (byte) (1 + i);
      frame[30] = (byte) 203;
      frame[32] = 113;
      frame[33] = 1;
      frame[36] = 0x01;
      frame[37] = (byte) 0xbb;
      frame[46] = 0x50;
      frame[47] = 0x02;
      b.put(frame);
    }
    return b.array();
  }
}
