package dev.magicexporter.sim.magic.writes;

import dev.magicexporter.sim.magic.JsonMaps;
import dev.magicexporter.sim.magic.SimObject;
import dev.magicexporter.sim.magic.SimTime;
import dev.magicexporter.sim.magic.pcaps.PcapsSim;
import java.util.LinkedHashMap;
import java.util.Map;

/** The packet capture endpoints that are not plain CRUD: stopping a capture, bucket ownership. */
final class CaptureWrites {
  private final Ids ids;

  CaptureWrites(Ids ids) {
    this.ids = ids;
  }

  /** "Stop full PCAP": only a full capture that is still pending or running can be stopped. */
  void stop(Call c) {
    SimObject capture = StoreWrites.existing(c, Kind.PCAP);
    if (capture == null) {
      return;
    }
    Map<String, Object> view = PcapsSim.captureView(capture, c.now);
    if (!"full".equals(view.get("type"))) {
      c.refuse("", "only full packet captures can be stopped");
      return;
    }
    if (!"pending".equals(view.get("status")) && !"running".equals(view.get("status"))) {
      c.refuse("", "the packet capture is no longer running");
      return;
    }
    Map<String, Object> f = new LinkedHashMap<>(capture.fields());
    f.put("stop_requested", SimTime.rfc3339(c.now));
    c.world.pcaps().put(c.account, capture.withFields(f), c.now);
    c.ok(null);
  }

  private static SimObject bucketFor(Call c, Object destination) {
    for (SimObject o : c.world.pcapBuckets().list(c.account, c.now)) {
      if (destination.equals(o.fields().get("destination_conf"))) {
        return o;
      }
    }
    return null;
  }

  /** A bucket, with the ownership challenge file name Cloudflare asks the owner to store in it. */
  void addBucket(Call c) {
    Object destination = c.body.get("destination_conf");
    if (bucketFor(c, destination) != null) {
      c.refuse("/destination_conf", "is a bucket that was already added");
      return;
    }
    String id = ids.next(c.world.seed(), c.account, Kind.OWNERSHIP.name(), false);
    SimObject o = new SimObject(id, null, JsonMaps.obj(
        "id", id,
        "destination_conf", destination,
        "filename", "ownership-challenge-" + id + ".txt",
        "submitted", SimTime.rfc3339(c.now),
        PcapsSim.FATE, "ok"), c.now, Double.POSITIVE_INFINITY);
    c.world.pcapBuckets().put(c.account, o, c.now);
    c.ok(c.view(Kind.OWNERSHIP, o));
  }

  /** Validation succeeds when the challenge named is the bucket's; the status then follows the clock. */
  void validateBucket(Call c) {
    SimObject bucket = bucketFor(c, c.body.get("destination_conf"));
    if (bucket == null) {
      c.refuse("/destination_conf", "is not a bucket added for packet captures");
      return;
    }
    if (!String.valueOf(bucket.fields().get("filename")).equals(c.body.get("ownership_challenge"))) {
      c.refuse("/ownership_challenge", "does not match the bucket's ownership challenge");
      return;
    }
    Map<String, Object> f = new LinkedHashMap<>(bucket.fields());
    f.put(PcapsSim.FATE, "ok");
    SimObject next = bucket.withFields(f);
    c.world.pcapBuckets().put(c.account, next, c.now);
    c.ok(c.view(Kind.OWNERSHIP, next));
  }
}
