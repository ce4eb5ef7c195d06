package dev.magicexporter.model;

import java.util.HashMap;
import java.util.Map;

/** The numeric fields of a snapshot's {@code netdevs[]} element (Linux /proc/net/dev). */
public enum NetdevNumber {
  /** Total bytes received. */
  RECV_BYTES("recv_bytes"),
  /** Compressed packets received. */
  RECV_COMPRESSED("recv_compressed"),
  /** Packets dropped. */
  RECV_DROP("recv_drop"),
  /** Bad packets received. */
  RECV_ERRS("recv_errs"),
  /** FIFO overruns. */
  RECV_FIFO("recv_fifo"),
  /** Frame alignment errors. */
  RECV_FRAME("recv_frame"),
  /** Multicast packets received. */
  RECV_MULTICAST("recv_multicast"),
  /** Total packets received. */
  RECV_PACKETS("recv_packets"),
  /** Total bytes transmitted. */
  SENT_BYTES("sent_bytes"),
  /** Packets not sent due to carrier errors. */
  SENT_CARRIER("sent_carrier"),
  /** Collisions. */
  SENT_COLLS("sent_colls"),
  /** Compressed packets transmitted. */
  SENT_COMPRESSED("sent_compressed"),
  /** Packets dropped during transmission. */
  SENT_DROP("sent_drop"),
  /** Transmission errors. */
  SENT_ERRS("sent_errs"),
  /** FIFO overruns. */
  SENT_FIFO("sent_fifo"),
  /** Total packets transmitted. */
  SENT_PACKETS("sent_packets");

  private static final Map<String, NetdevNumber> BY_JSON = new HashMap<>();

  static {
    for (NetdevNumber f : values()) {
      BY_JSON.put(f.json, f);
    }
  }

  private final String json;

  NetdevNumber(String json) {
    this.json = json;
  }

  /** The field name in the API's JSON. */
  public String json() {
    return json;
  }

  /** The field for a JSON name, or null for a field this version does not know. */
  public static NetdevNumber byJson(String name) {
    return BY_JSON.get(name);
  }
}
