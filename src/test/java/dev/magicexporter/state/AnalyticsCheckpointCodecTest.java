package dev.magicexporter.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.magicexporter.model.analytics.AnalyticsFeed;
import dev.magicexporter.model.analytics.AnalyticsGroup;
import dev.magicexporter.state.AnalyticsCheckpoint.Counted;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AnalyticsCheckpointCodecTest {
  @TempDir Path dir;

  static AnalyticsCheckpoint sample() {
    return AnalyticsCheckpoint.empty("acc/1")
        .with(AnalyticsFeed.TUNNEL_TRAFFIC, new Counted(1_764_000_000L, 1_764_003_600L, 120, List.of(
            new AnalyticsGroup(List.of("GRE_1", "ingress", "", ""), List.of(1.2345678E10, 31337.0)),
            new AnalyticsGroup(List.of("GRE_1", "egress", "", ""), List.of(0.5, 1.0)))))
        .with(AnalyticsFeed.FIREWALL_SAMPLES, new Counted(1_764_000_000L, 1_764_000_000L, 0, List.of()));
  }

  @Test
  void roundTripsExactlyWithPlainDecimals() throws Exception {
    byte[] bytes = AnalyticsCheckpointCodec.encode(sample());
    String text = new String(bytes, StandardCharsets.UTF_8);
    assertThat(text).contains("\"counted_to\" : 1764003600", "12345678000", "\"tunnel_traffic\"")
        .doesNotContain("E10");
    assertThat(AnalyticsCheckpointCodec.decode(bytes)).isEqualTo(sample());
  }

  @Test
  void aFeedCountedWithOtherFieldsCountsAfresh() throws Exception {
    String text = new String(AnalyticsCheckpointCodec.encode(sample()), StandardCharsets.UTF_8)
        .replace("\"offRamp\" ]", "\"offRamp\", \"colo\" ]");
    AnalyticsCheckpoint cp = AnalyticsCheckpointCodec.decode(text.getBytes(StandardCharsets.UTF_8));
    assertThat(cp.feed(AnalyticsFeed.TUNNEL_TRAFFIC)).isNull();
    assertThat(cp.feed(AnalyticsFeed.FIREWALL_SAMPLES)).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "not json",
      "[]",
      "{\"format\": 2, \"account_id\": \"a\", \"feeds\": {}}",
      "{\"format\": 1, \"feeds\": {}}",
      "{\"format\": 1, \"account_id\": \"a\", \"feeds\": {\"firewall_samples\": {\"since\": 60, \"counted_to\": 0,"
          + " \"skipped_seconds\": 0, \"dimensions\": [\"ruleId\"], \"aggregates\": [\"sum.bits\", \"sum.packets\"],"
          + " \"totals\": []}}}",
      "{\"format\": 1, \"account_id\": \"a\", \"feeds\": {\"firewall_samples\": {\"since\": 0, \"counted_to\": 61,"
          + " \"skipped_seconds\": 0, \"dimensions\": [\"ruleId\"], \"aggregates\": [\"sum.bits\", \"sum.packets\"],"
          + " \"totals\": []}}}",
      "{\"format\": 1, \"account_id\": \"a\", \"feeds\": {\"firewall_samples\": {\"since\": 0, \"counted_to\": 60,"
          + " \"skipped_seconds\": 0, \"dimensions\": [\"ruleId\"], \"aggregates\": [\"sum.bits\", \"sum.packets\"],"
          + " \"totals\": [[[\"r\"], [1, -2]]]}}}",
      "{\"format\": 1, \"account_id\": \"a\", \"feeds\": {\"firewall_samples\": {\"since\": 0, \"counted_to\": 60,"
          + " \"skipped_seconds\": 0, \"dimensions\": [\"ruleId\"], \"aggregates\": [\"sum.bits\", \"sum.packets\"],"
          + " \"totals\": [[[\"r\", \"x\"], [1, 2]]]}}}",
  })
  void refusesWhatIsNotACheckpoint(String text) {
    assertThatThrownBy(() -> AnalyticsCheckpointCodec.decode(text.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(CheckpointCodec.CorruptCheckpointException.class);
  }

  @Test
  void theStoreWritesAtomicallyAndMovesACorruptFileAside() throws Exception {
    AnalyticsCheckpointStore store = new AnalyticsCheckpointStore(dir, Clock.systemUTC(), new SimpleMeterRegistry());
    assertThat(store.load()).isEmpty();
    store.write(sample());
    Path file = store.directory().resolve("acc%2F1.json");
    assertThat(file).exists();
    Files.writeString(store.directory().resolve("acc%2F1.json.tmp"), "half a write");
    Files.writeString(store.directory().resolve("other.json"), "{ garbage");
    var loaded = store.load();
    assertThat(loaded).containsOnlyKeys("acc/1");
    assertThat(loaded.get("acc/1")).isEqualTo(sample());
    assertThat(store.directory().resolve("acc%2F1.json.tmp")).doesNotExist();
    try (var files = Files.list(store.directory())) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .anyMatch(n -> n.startsWith("other.json" + CheckpointStore.CORRUPT_SUFFIX));
    }
  }
}
