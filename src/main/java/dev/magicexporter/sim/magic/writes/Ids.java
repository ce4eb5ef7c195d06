package dev.magicexporter.sim.magic.writes;

import dev.magicexporter.sim.magic.SimHash;
import java.util.concurrent.atomic.AtomicLong;

/** Ids of written objects: derived from the seed and a counter, like every id the world makes. */
final class Ids {
  private final AtomicLong created = new AtomicLong();

  String next(long seed, String account, String kind, boolean uuid) {
    long n = created.incrementAndGet();
    return uuid ? SimHash.uuid(seed, account, kind, "written", n) : SimHash.id(seed, account, kind, "written", n);
  }
}
