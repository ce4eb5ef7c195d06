package dev.magicexporter.sim.connectors;

import dev.magicexporter.sim.SimHash;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Generates a connector's events, bucket by bucket, as a pure function of the connector and the
 * bucket. Every event lies in the bucket that generates it, so the events sharing a {@code t}
 * are always generated together and their sequence numbers {@code n} never change.
 *
 * <p>Per bucket (5 minutes): one {@code Reconcile}, sometimes with a
 * {@code ConfigureCloudflaredTunnel} at the same {@code t}. Hourly an attestation, every six hours
 * a crypt key rotation, daily a PKI rotation and an upgrade (each a {@code Start...} then a
 * {@code Finish...Success} or, now and then, {@code ...Failure}). A successful upgrade restarts the
 * process: {@code Leave}, then an {@code Init} burst where {@code Init}, {@code StartAttestation},
 * {@code FinishAttestationSuccess} and {@code FinishUpgradeSuccess} share one {@code t}. Reboots and
 * the outages of intermittent connectors also end with an {@code Init} burst.
 */
final class EventTimeline {
  static final double CONFIGURE_TUNNEL_RATE = 0.08;
  static final double ATTESTATION_FAILURE_RATE = 0.05;
  static final double CRYPT_FAILURE_RATE = 0.05;
  static final double PKI_FAILURE_RATE = 0.08;
  static final String UPGRADE_URL = "https://connector-updates.sim.invalid/releases/%s/connector.tar.zst";

  private static final long SALT = SimHash.of("events");

  private EventTimeline() {}

  /**
   * Events with {@code from <= t <= to}, strictly after position {@code (afterT, afterN)}, of
   * {@code kind} (null: all), in {@code (t, n)} order, at most {@code max}.
   */
  static List<SimEvent> scan(ConnectorLife life, long from, long to, long afterT, int afterN, EventKind kind,
      int max) {
    List<SimEvent> out = new ArrayList<>();
    if (!life.connector.role().reports() || from > to || max <= 0) {
      return out;
    }
    long start = Math.max(from, afterT);
    for (long b = life.bucketOf(start); b <= life.bucketOf(to); b++) {
      for (SimEvent e : bucket(life, b)) {
        if (e.t() < from || e.t() > to || e.compareTo(afterT, afterN) <= 0) {
          continue;
        }
        if (kind != null && e.kind() != kind) {
          continue;
        }
        out.add(e);
        if (out.size() >= max) {
          return out;
        }
      }
    }
    return out;
  }

  /** The newest {@code max} events with {@code from <= t <= to}, in {@code (t, n)} order. */
  static List<SimEvent> newest(ConnectorLife life, long from, long to, int max) {
    List<SimEvent> out = new ArrayList<>();
    if (!life.connector.role().reports()) {
      return out;
    }
    for (long b = life.bucketOf(to); b >= life.bucketOf(from) && out.size() < max; b--) {
      List<SimEvent> events = bucket(life, b);
      for (int i = events.size() - 1; i >= 0 && out.size() < max; i--) {
        SimEvent e = events.get(i);
        if (e.t() >= from && e.t() <= to) {
          out.add(e);
        }
      }
    }
    java.util.Collections.reverse(out);
    return out;
  }

  /** All events of one bucket, in {@code (t, n)} order. */
  static List<SimEvent> bucket(ConnectorLife life, long b) {
    long s = life.bucketStart(b);
    long end = s + ConnectorLife.BUCKET_SECONDS;
    long h = SimHash.of(life.key, SALT, b);
    List<Raw> raw = new ArrayList<>(12);

    long reconcile = s + SimHash.below(h, 20);
    raw.add(new Raw(reconcile, EventKind.RECONCILE));
    if (SimHash.unit(SimHash.of(h, 1)) < CONFIGURE_TUNNEL_RATE) {
      raw.add(new Raw(reconcile, EventKind.CONFIGURE_CLOUDFLARED_TUNNEL));
    }
    if (Math.floorMod(b - life.attestSlot, ConnectorLife.ATTEST_EVERY) == 0) {
      long t = s + 60 + SimHash.below(SimHash.of(h, 2), 20);
      raw.add(new Raw(t, EventKind.START_ATTESTATION));
      raw.add(new Raw(t + SimHash.below(SimHash.of(h, 3), 4),
          SimHash.unit(SimHash.of(h, 4)) < ATTESTATION_FAILURE_RATE
              ? EventKind.FINISH_ATTESTATION_FAILURE : EventKind.FINISH_ATTESTATION_SUCCESS));
    }
    if (Math.floorMod(b - life.cryptSlot, ConnectorLife.CRYPT_EVERY) == 0) {
      long t = s + 100 + SimHash.below(SimHash.of(h, 5), 20);
      raw.add(new Raw(t, EventKind.START_ROTATE_CRYPT_KEY));
      raw.add(new Raw(t + 1 + SimHash.below(SimHash.of(h, 6), 10),
          SimHash.unit(SimHash.of(h, 7)) < CRYPT_FAILURE_RATE
              ? EventKind.FINISH_ROTATE_CRYPT_KEY_FAILURE : EventKind.FINISH_ROTATE_CRYPT_KEY_SUCCESS));
    }
    if (Math.floorMod(b - life.pkiSlot, ConnectorLife.DAILY) == 0) {
      long t = s + 140 + SimHash.below(SimHash.of(h, 8), 20);
      raw.add(new Raw(t, EventKind.START_ROTATE_PKI));
      raw.add(new Raw(t + 2 + SimHash.below(SimHash.of(h, 9), 30),
          SimHash.unit(SimHash.of(h, 10)) < PKI_FAILURE_RATE
              ? EventKind.FINISH_ROTATE_PKI_FAILURE : EventKind.FINISH_ROTATE_PKI_SUCCESS));
    }
    ConnectorLife.Upgrade up = life.upgrade(b);
    if (up != null) {
      raw.add(new Raw(up.start(), EventKind.START_UPGRADE, String.format(UPGRADE_URL, up.version())));
      if (up.failed()) {
        raw.add(new Raw(up.failure(), EventKind.FINISH_UPGRADE_FAILURE));
      } else {
        raw.add(new Raw(up.leave(), EventKind.LEAVE));
        initBurst(raw, up.init(), EventKind.FINISH_UPGRADE_SUCCESS);
      }
    }
    long boot = life.bootTime(end);
    for (long bt : new long[] {boot, boot + ConnectorLife.BOOT_PERIOD_SECONDS}) {
      if (inBucket(bt - ConnectorLife.BOOT_DOWN_BEFORE, s, end)) {
        raw.add(new Raw(bt - ConnectorLife.BOOT_DOWN_BEFORE, EventKind.LEAVE));
      }
      if (inBucket(bt + ConnectorLife.BOOT_UP_AFTER, s, end)) {
        initBurst(raw, bt + ConnectorLife.BOOT_UP_AFTER, EventKind.RECONCILE);
      }
    }
    if (life.connector.role() == SimConnector.Role.INTERMITTENT) {
      long outage = life.outageStart(end);
      for (long os : new long[] {outage - ConnectorLife.OUTAGE_CYCLE_SECONDS, outage}) {
        if (inBucket(os, s, end)) {
          raw.add(new Raw(os, EventKind.LEAVE));
        }
        if (inBucket(os + ConnectorLife.OUTAGE_SECONDS, s, end)) {
          initBurst(raw, os + ConnectorLife.OUTAGE_SECONDS, EventKind.RECONCILE);
        }
      }
    }

    raw.removeIf(r -> !life.online(r.t));
    raw.sort(Comparator.comparingLong(r -> r.t)); // stable: generation order breaks ties
    List<SimEvent> out = new ArrayList<>(raw.size());
    long lastT = Long.MIN_VALUE;
    int n = 0;
    String version = null;
    for (Raw r : raw) {
      n = r.t == lastT ? n + 1 : 0;
      if (r.t != lastT || version == null) {
        version = life.version(r.t);
      }
      lastT = r.t;
      long ah = SimHash.of(h, r.t, n);
      double a = (r.t * 1000 + Math.round((0.2 + 2.8 * SimHash.unit(ah)) * 1000)) / 1000.0;
      out.add(new SimEvent(r.t, n, a, r.kind, version, r.url));
    }
    return out;
  }

  private static void initBurst(List<Raw> raw, long t, EventKind last) {
    raw.add(new Raw(t, EventKind.INIT));
    raw.add(new Raw(t, EventKind.START_ATTESTATION));
    raw.add(new Raw(t, EventKind.FINISH_ATTESTATION_SUCCESS));
    raw.add(new Raw(t, last));
  }

  private static boolean inBucket(long t, long start, long end) {
    return t >= start && t < end;
  }

  private record Raw(long t, EventKind kind, String url) {
    Raw(long t, EventKind kind) {
      this(t, kind, null);
    }
  }
}
