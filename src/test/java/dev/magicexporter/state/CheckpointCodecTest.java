package dev.magicexporter.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.magicexporter.model.Event;
import dev.magicexporter.store.ConnectorRef;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CheckpointCodecTest {
  private static final ConnectorRef REF = new ConnectorRef("acc", "conn");

  @Test
  void roundTripsEveryFieldExactlyIncludingFractionalTimes() throws Exception {
    EventsCheckpoint e = EventsCheckpoint.EMPTY.startingAt(EventKey.before(1699999999.75))
        .count(List.of(new Event(1.0, "Init", 3L, 1700000000.1), new Event(1.0, "Odd", 0L, 1700000001.0)))
        .next();
    SnapshotsCheckpoint s = SnapshotsCheckpoint.EMPTY.listed(List.of(1700000000.0, 1700000060.0, 1700000300.0),
        1700000400);
    ConnectorCheckpoint cp = new ConnectorCheckpoint(REF, e, s);
    byte[] bytes = CheckpointCodec.encode(cp);
    assertThat(CheckpointCodec.decode(bytes)).isEqualTo(cp);
    String text = new String(bytes, StandardCharsets.UTF_8);
    assertThat(text).contains("1700000000.1").contains("\"n\" : null").doesNotContain("E9");
  }

  @Test
  void aCompletedWindowRoundTripsWithAConcreteFloor() throws Exception {
    EventsCheckpoint e = new EventsCheckpoint(new EventKey(5, 7), new java.util.TreeSet<>(List.of(new EventKey(6, 0))),
        10.0, 6.0, new java.util.TreeMap<>(java.util.Map.of("Init", 1L)), new java.util.TreeMap<>(java.util.Map.of("Init", 6.0)), 4.0);
    ConnectorCheckpoint cp = new ConnectorCheckpoint(REF, e, SnapshotsCheckpoint.EMPTY);
    assertThat(CheckpointCodec.decode(CheckpointCodec.encode(cp))).isEqualTo(cp);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "not json",
      "[]",
      "{\"format\":2}",
      "{\"format\":1,\"account_id\":\"a\"}",
      "{\"format\":1,\"account_id\":\"a\",\"connector_id\":\"c\",\"events\":{\"floor\":null,\"counted\":[],"
          + "\"totals\":{\"Init\":-1},\"last_t\":{}},\"snapshots\":{\"total\":0,\"gaps\":0}}",
      "{\"format\":1,\"account_id\":\"a\",\"connector_id\":\"c\",\"events\":{\"floor\":{\"t\":5,\"n\":null},"
          + "\"counted\":[[4,0]],\"totals\":{},\"last_t\":{}},\"snapshots\":{\"total\":0,\"gaps\":0}}",
      "{\"format\":1,\"account_id\":\"a\",\"connector_id\":\"c\",\"events\":{\"floor\":null,\"counted\":[],"
          + "\"totals\":{\"bad label\":1},\"last_t\":{}},\"snapshots\":{\"total\":0,\"gaps\":0}}",
      "{\"format\":1,\"account_id\":\"a\",\"connector_id\":\"c\",\"events\":{\"floor\":null,\"counted\":[],"
          + "\"totals\":{},\"last_t\":{}},\"snapshots\":{\"total\":\"many\",\"gaps\":0}}",
      "{\"format\":1,\"account_id\":\"a\",\"connector_id\":\"c\",\"events\":{\"floor\":null,\"counted\":[],\"tot"
  })
  void rejectsAnythingButAValidCheckpointWithAReason(String body) {
    assertThatThrownBy(() -> CheckpointCodec.decode(body.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(CheckpointCodec.CorruptCheckpointException.class)
        .satisfies(e -> assertThat(e.getMessage()).isNotBlank());
  }
}
