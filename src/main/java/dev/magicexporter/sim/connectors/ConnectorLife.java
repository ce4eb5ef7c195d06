package dev.magicexporter.sim.connectors;

import dev.magicexporter.sim.SimHash;
import java.time.LocalDate;

/**
 * The life of one connector as pure functions of time: when it boots, when its process is down,
 * when it upgrades and to which version, when it heartbeats. Cheap to create (a few hashes), so
 * it is built per request rather than kept.
 *
 * <p>Time is in whole seconds since the epoch. The schedule is cut into {@link #BUCKET_SECONDS}
 * buckets shifted by a per-connector phase; each bucket's events depend only on the bucket, which
 * lets any window be generated without history.
 */
final class ConnectorLife {
  /** Length of one event bucket; one {@code Reconcile} per bucket. */
  static final int BUCKET_SECONDS = 300;
  /** A connector records one snapshot per period. */
  static final int SNAPSHOT_PERIOD_SECONDS = 60;
  /** A connector heartbeats once per period. */
  static final int HEARTBEAT_PERIOD_SECONDS = 10;
  /** Kernel reboots: counters reset, {@code kernel_btime} moves. */
  static final long BOOT_PERIOD_SECONDS = 97L * 86_400;
  /** Intermittent connectors: process down for this long ... */
  static final long OUTAGE_SECONDS = 1_800;
  /** ... once per cycle (not a divisor of a day, so outages wander across the daily schedule). */
  static final long OUTAGE_CYCLE_SECONDS = 15_180;
  /** Buckets per hour, six hours and day: attestation, crypt key and PKI/upgrade cycles. */
  static final int ATTEST_EVERY = 12;
  static final int CRYPT_EVERY = 72;
  static final int DAILY = 288;
  /** Seconds the process is down around a reboot: from {@code btime - BOOT_DOWN_BEFORE} ... */
  static final int BOOT_DOWN_BEFORE = 8;
  /** ... to {@code btime + BOOT_UP_AFTER}, when {@code Init} is recorded. */
  static final int BOOT_UP_AFTER = 20;
  static final double UPGRADE_FAILURE_RATE = 0.12;

  private static final long SALT_UPGRADE = SimHash.of("upgrade");
  private static final int VERSION_LOOKBACK_DAYS = 60;

  final SimConnector connector;
  final long key;
  final int bucketPhase;
  final int snapshotPhase;
  final int heartbeatPhase;
  final long bootOffset;
  final long outageOffset;
  final int attestSlot;
  final int cryptSlot;
  final int pkiSlot;
  final int upgradeSlot;

  ConnectorLife(SimConnector connector) {
    this.connector = connector;
    this.key = connector.key();
    this.bucketPhase = SimHash.below(SimHash.of(key, 1), BUCKET_SECONDS);
    this.snapshotPhase = SimHash.below(SimHash.of(key, 2), SNAPSHOT_PERIOD_SECONDS);
    this.heartbeatPhase = SimHash.below(SimHash.of(key, 3), HEARTBEAT_PERIOD_SECONDS);
    this.bootOffset = Math.floorMod(SimHash.of(key, 4), BOOT_PERIOD_SECONDS);
    this.outageOffset = Math.floorMod(SimHash.of(key, 5), OUTAGE_CYCLE_SECONDS);
    this.attestSlot = SimHash.below(SimHash.of(key, 6), ATTEST_EVERY);
    this.cryptSlot = SimHash.below(SimHash.of(key, 7), CRYPT_EVERY);
    this.pkiSlot = SimHash.below(SimHash.of(key, 8), DAILY);
    this.upgradeSlot = (pkiSlot + DAILY / 2) % DAILY;
  }

  long bucketOf(long t) {
    return Math.floorDiv(t - bucketPhase, BUCKET_SECONDS);
  }

  long bucketStart(long bucket) {
    return bucket * BUCKET_SECONDS + bucketPhase;
  }

  /** The kernel boot time in effect at {@code t}. */
  long bootTime(long t) {
    return Math.floorDiv(t - bootOffset, BOOT_PERIOD_SECONDS) * BOOT_PERIOD_SECONDS + bootOffset;
  }

  boolean inBootGap(long t) {
    long boot = bootTime(t);
    return t < boot + BOOT_UP_AFTER || t > boot + BOOT_PERIOD_SECONDS - BOOT_DOWN_BEFORE;
  }

  /** Start of the outage cycle containing {@code t} (intermittent connectors only). */
  long outageStart(long t) {
    return Math.floorDiv(t - outageOffset, OUTAGE_CYCLE_SECONDS) * OUTAGE_CYCLE_SECONDS + outageOffset;
  }

  boolean inOutage(long t) {
    if (connector.role() != SimConnector.Role.INTERMITTENT) {
      return false;
    }
    long start = outageStart(t);
    return t > start && t < start + OUTAGE_SECONDS;
  }

  /** Running, ignoring upgrade restarts (which depend on this). Gaps are open intervals. */
  boolean baseOnline(long t) {
    return connector.role().reports() && !inBootGap(t) && !inOutage(t);
  }

  /** The connector process runs at {@code t} and records telemetry. */
  boolean online(long t) {
    if (!baseOnline(t)) {
      return false;
    }
    Upgrade u = upgrade(bucketOf(t));
    return u == null || u.failed || t <= u.leave || t >= u.init;
  }

  boolean isUpgradeBucket(long bucket) {
    return Math.floorMod(bucket - upgradeSlot, DAILY) == 0;
  }

  /**
   * The upgrade attempted in {@code bucket}, or null when there is none (not an upgrade bucket,
   * or the connector was down when it would have started).
   */
  Upgrade upgrade(long bucket) {
    if (!isUpgradeBucket(bucket)) {
      return null;
    }
    long h = SimHash.of(key, SALT_UPGRADE, bucket);
    long start = bucketStart(bucket) + 30 + SimHash.below(h, 20);
    boolean failed = SimHash.unit(SimHash.of(h, 1)) < UPGRADE_FAILURE_RATE;
    long leave = start + 5 + SimHash.below(SimHash.of(h, 2), 35);
    long init = leave + 2 + SimHash.below(SimHash.of(h, 3), 8);
    long failure = start + 20 + SimHash.below(SimHash.of(h, 4), 70);
    if (!baseOnline(start) || (!failed && !(baseOnline(leave) && baseOnline(init)))) {
      return null;
    }
    return new Upgrade(start, failed, leave, init, failure, release(bucket));
  }

  /** The connector software version running at {@code t}. */
  String version(long t) {
    long bucket = bucketOf(t);
    long day = Math.floorDiv(bucket - upgradeSlot, DAILY);
    for (long d = day; d > day - VERSION_LOOKBACK_DAYS; d--) {
      long b = d * DAILY + upgradeSlot;
      Upgrade u = upgrade(b);
      if (u != null && !u.failed && t >= u.init) {
        return u.version;
      }
    }
    return release((day - VERSION_LOOKBACK_DAYS) * DAILY + upgradeSlot);
  }

  /** Releases are named after the day they roll out, like {@code 2025.11.24}. */
  String release(long bucket) {
    LocalDate d = LocalDate.ofEpochDay(Math.floorDiv(bucketStart(bucket), 86_400));
    return d.getYear() + "." + d.getMonthValue() + "." + d.getDayOfMonth();
  }

  /** The latest heartbeat at or before {@code now}, or null for connectors that never heartbeat. */
  Long lastHeartbeat(long now) {
    if (!connector.role().reports()) {
      return null;
    }
    long hb = Math.floorDiv(now - heartbeatPhase, HEARTBEAT_PERIOD_SECONDS) * HEARTBEAT_PERIOD_SECONDS
        + heartbeatPhase;
    if (inOutage(hb)) {
      long start = outageStart(hb);
      hb = Math.floorDiv(start - heartbeatPhase, HEARTBEAT_PERIOD_SECONDS) * HEARTBEAT_PERIOD_SECONDS
          + heartbeatPhase;
    }
    for (int i = 0; i < 64 && !online(hb); i++) {
      hb -= HEARTBEAT_PERIOD_SECONDS;
    }
    return hb;
  }

  /** First snapshot time at or after {@code t}. */
  long snapshotAtOrAfter(long t) {
    return Math.floorDiv(t - snapshotPhase + SNAPSHOT_PERIOD_SECONDS - 1, SNAPSHOT_PERIOD_SECONDS)
        * SNAPSHOT_PERIOD_SECONDS + snapshotPhase;
  }

  /** Last snapshot time at or before {@code t}. */
  long snapshotAtOrBefore(long t) {
    return Math.floorDiv(t - snapshotPhase, SNAPSHOT_PERIOD_SECONDS) * SNAPSHOT_PERIOD_SECONDS + snapshotPhase;
  }

  /** Whether a snapshot was recorded at exactly {@code t}. */
  boolean hasSnapshotAt(long t) {
    return Math.floorMod(t - snapshotPhase, SNAPSHOT_PERIOD_SECONDS) == 0 && online(t);
  }

  /**
   * One upgrade attempt: {@code StartUpgrade} at {@code start}; on success the process leaves at
   * {@code leave} and comes back with {@code version} at {@code init}; on failure
   * {@code FinishUpgradeFailure} at {@code failure}.
   */
  record Upgrade(long start, boolean failed, long leave, long init, long failure, String version) {}
}
