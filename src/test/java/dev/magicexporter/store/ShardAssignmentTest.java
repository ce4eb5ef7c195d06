package dev.magicexporter.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ShardAssignmentTest {
  private static List<String> ids(int n) {
    List<String> out = new ArrayList<>();
    java.util.Random r = new java.util.Random(7);
    for (int i = 0; i < n; i++) {
      out.add(new UUID(r.nextLong(), r.nextLong()).toString().replace("-", ""));
    }
    return out;
  }

  @Test
  void fnv64aMatchesTheReferenceVectors() {
    assertThat(ShardAssignment.fnv64a("")).isEqualTo(0xcbf29ce484222325L);
    assertThat(ShardAssignment.fnv64a("a")).isEqualTo(0xaf63dc4c8601ec8cL);
    assertThat(ShardAssignment.fnv64a("foobar")).isEqualTo(0x85944171f73967e8L);
  }

  @Test
  void jumpHashMatchesThePaperForKnownKeys() {
    // Test vectors of the widely used Go port (dgryski/go-jump) of Lamping & Veach's algorithm.
    assertThat(ShardAssignment.jumpConsistentHash(1, 1)).isZero();
    assertThat(ShardAssignment.jumpConsistentHash(42, 57)).isEqualTo(43);
    assertThat(ShardAssignment.jumpConsistentHash(0xDEAD10CCL, 1)).isZero();
    assertThat(ShardAssignment.jumpConsistentHash(0xDEAD10CCL, 666)).isEqualTo(361);
    assertThat(ShardAssignment.jumpConsistentHash(256, 1024)).isEqualTo(520);
    for (int n = 1; n < 50; n++) {
      assertThat(ShardAssignment.jumpConsistentHash(123456789L, n)).isBetween(0, n - 1);
    }
  }

  @Test
  void everyConnectorBelongsToExactlyOneShard() {
    int n = 4;
    for (String id : ids(2000)) {
      int owners = 0;
      for (int s = 0; s < n; s++) {
        if (new ShardAssignment(s, n).test(new ConnectorRef("acc", id))) {
          owners++;
        }
      }
      assertThat(owners).isEqualTo(1);
    }
  }

  @Test
  void balancedWithinAFewPercent() {
    int n = 4;
    int[] counts = new int[n];
    List<String> ids = ids(40_000);
    ids.forEach(id -> counts[ShardAssignment.shardOf(id, n)]++);
    for (int c : counts) {
      assertThat(Math.abs(c - ids.size() / n) / (double) (ids.size() / n)).isLessThan(0.03);
    }
  }

  @Test
  void growingTheReplicaCountMovesFewConnectors() {
    List<String> ids = ids(20_000);
    for (int n = 1; n < 8; n++) {
      int moved = 0;
      for (String id : ids) {
        int before = ShardAssignment.shardOf(id, n);
        int after = ShardAssignment.shardOf(id, n + 1);
        if (before != after) {
          moved++;
          assertThat(after).as("a moved connector goes to the new shard").isEqualTo(n);
        }
      }
      double expected = ids.size() / (double) (n + 1);
      assertThat(Math.abs(moved - expected) / expected).isLessThan(0.05);
    }
  }

  @Test
  void assignmentsArePinnedSoReplicasOfDifferentVersionsAgree() {
    assertThat(ShardAssignment.shardOf("b7c1f2a0e2a34b5c9d1e0f1a2b3c4d5e", 4)).isEqualTo(2);
    assertThat(ShardAssignment.shardOf("b7c1f2a0e2a34b5c9d1e0f1a2b3c4d5e", 16)).isEqualTo(11);
    assertThat(ShardAssignment.shardOf("connector-1", 10)).isEqualTo(9);
    assertThat(new ShardAssignment(0, 3).ownsAccountSources()).isTrue();
    assertThat(new ShardAssignment(1, 3).ownsAccountSources()).isFalse();
    assertThatThrownBy(() -> new ShardAssignment(3, 3)).isInstanceOf(IllegalArgumentException.class);
  }
}
