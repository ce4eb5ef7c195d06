package dev.magicexporter.sim.connectors;

import dev.magicexporter.sim.SimHash;

/**
 * The inputs of one snapshot (connector, hardware, time since boot) and the two shapes every
 * value is built from: counters that only grow while the kernel is up, and gauges that wander
 * within bounds. Both follow a daily rhythm shared by the whole connector plus a faster wave of
 * their own, so graphs look like traffic rather than noise.
 */
final class SnapshotSample {
  private static final long DAY = 86_400;
  /** Counter rate swing: the rate stays within [1 - A_DAY - A_FAST, 1 + A_DAY + A_FAST] of nominal. */
  private static final double A_DAY = 0.5;
  private static final double A_FAST = 0.3;

  final SimWorld world;
  final ConnectorLife life;
  final SimHardware hw;
  final long t;
  final long boot;
  final double uptime;
  private final double dayPhase;

  SnapshotSample(SimWorld world, ConnectorLife life, SimHardware hw, long t) {
    this.world = world;
    this.life = life;
    this.hw = hw;
    this.t = t;
    this.boot = life.bootTime(t);
    this.uptime = t - boot;
    this.dayPhase = 2 * Math.PI * SimHash.unit(SimHash.of(life.key, SimHash.of("diurnal")));
  }

  long key(long salt) {
    return SimHash.of(life.key, salt);
  }

  /** Period of a field's own faster wave: 30 minutes to 2 hours. */
  private static long fastPeriod(long k) {
    return 1_800 + SimHash.below(SimHash.of(k, 11), 5_400);
  }

  /**
   * {@code sin(2 pi x / period + phase)}, reducing {@code x} modulo the period in exact integer
   * arithmetic first: epoch-sized arguments would make {@code Math.sin} slow and imprecise.
   */
  private static double wave(long x, long period, double phase) {
    return Math.sin(2 * Math.PI * Math.floorMod(x, period) / period + phase);
  }

  /**
   * Seconds of "nominal activity" since boot: the integral of a rate that swings around 1 but
   * never drops below 0.2, so it is strictly increasing in {@code t} within one boot.
   */
  double activity(long salt) {
    long k = key(salt);
    long fast = fastPeriod(k);
    double phase = 2 * Math.PI * SimHash.unit(SimHash.of(k, 12));
    return uptime
        + A_DAY * DAY / (2 * Math.PI) * (wave(t, DAY, dayPhase) - wave(boot, DAY, dayPhase))
        + A_FAST * fast / (2 * Math.PI) * (wave(t, fast, phase) - wave(boot, fast, phase));
  }

  /** A counter growing at about {@code perSecond} since boot. */
  long counter(long salt, double perSecond) {
    return perSecond <= 0 ? 0 : (long) Math.floor(perSecond * activity(salt));
  }

  /** A value in [0, 1] that wanders: daily rhythm, a faster wave and a little per-sample noise. */
  double wave(long salt) {
    long k = key(salt);
    double phase = 2 * Math.PI * SimHash.unit(SimHash.of(k, 12));
    double noise = 2 * SimHash.unit(SimHash.of(k, t)) - 1;
    double v = 0.5 + 0.3 * wave(t, DAY, dayPhase) + 0.12 * wave(t, fastPeriod(k), phase) + 0.08 * noise;
    return Math.min(1, Math.max(0, v));
  }

  double gauge(long salt, double lo, double hi) {
    return lo + (hi - lo) * wave(salt);
  }

  /** A gauge rounded to two decimals, as the API reports percentages and load averages. */
  double gauge2(long salt, double lo, double hi) {
    return Math.round(gauge(salt, lo, hi) * 100) / 100.0;
  }

  long gaugeLong(long salt, double lo, double hi) {
    return Math.round(gauge(salt, lo, hi));
  }

  /** A per-sample coin with probability {@code p}, stable for the slot {@code t / slotSeconds}. */
  boolean chance(long salt, long slotSeconds, double p) {
    return SimHash.unit(SimHash.of(key(salt), Math.floorDiv(t, slotSeconds))) < p;
  }

  // Memory is one budget split between its fields, so that free + cached + ... stays <= total.

  double memoryUsedShare() {
    return gauge(MEMORY_SALT, 0.25, 0.7);
  }

  long memoryUsed() {
    return (long) (hw.memoryBytes() * memoryUsedShare());
  }

  long memoryFree() {
    return (long) ((hw.memoryBytes() - memoryUsed()) * 0.35);
  }

  long memoryCached() {
    return (long) ((hw.memoryBytes() - memoryUsed()) * 0.55);
  }

  long memoryBuffers() {
    return (long) ((hw.memoryBytes() - memoryUsed()) * 0.05);
  }

  private static final long MEMORY_SALT = SimHash.of("memory");
}
