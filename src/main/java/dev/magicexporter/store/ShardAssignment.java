package dev.magicexporter.store;

import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

/**
 * Which replica polls which connector, as kube-state-metrics shards objects: FNV-64a of the
 * connector id, mapped to a shard with jump consistent hashing (Lamping and Veach), so that going
 * from n to n+1 replicas moves only about 1/(n+1) of the connectors. Account-level sources are
 * polled by shard 0 alone.
 */
public record ShardAssignment(int shard, int totalShards) implements Predicate<ConnectorRef> {
  private static final long FNV64_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV64_PRIME = 0x100000001b3L;

  public ShardAssignment {
    if (totalShards < 1 || shard < 0 || shard >= totalShards) {
      throw new IllegalArgumentException("shard " + shard + " of " + totalShards);
    }
  }

  /** True when this replica polls the connector. */
  @Override
  public boolean test(ConnectorRef ref) {
    return totalShards == 1 || shardOf(ref.connectorId(), totalShards) == shard;
  }

  /** True when this replica polls account-level sources (tunnels, captures, inventory). */
  public boolean ownsAccountSources() {
    return shard == 0;
  }

  public static int shardOf(String connectorId, int totalShards) {
    return jumpConsistentHash(fnv64a(connectorId), totalShards);
  }

  static long fnv64a(String s) {
    long h = FNV64_OFFSET;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= (b & 0xff);
      h *= FNV64_PRIME;
    }
    return h;
  }

  static int jumpConsistentHash(long key, int buckets) {
    long b = -1;
    long j = 0;
    while (j < buckets) {
      b = j;
      key = key * 2862933555777941757L + 1;
      j = (long) ((b + 1) * ((double) (1L << 31) / (double) ((key >>> 33) + 1)));
    }
    return (int) b;
  }
}
