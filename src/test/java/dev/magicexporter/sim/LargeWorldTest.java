package dev.magicexporter.sim;

import static dev.magicexporter.sim.SimHttp.ACCOUNT;
import static dev.magicexporter.sim.SimHttp.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** 10,000 connectors per account, two accounts: the list answers and every connector is reachable. */
class LargeWorldTest {
  private static final String OTHER = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";

  @Test
  void tenThousandConnectorsAreListedAndServed() throws Exception {
    SimOptions options = SimOptions.defaults().withConnectors(10_000)
        .withAccounts(java.util.List.of(ACCOUNT, OTHER));
    try (SimHttp sim = new SimHttp(options)) {
      SimHttp.Reply r = sim.get("/accounts/" + ACCOUNT + "/magic/connectors");
      assertThat(r.status()).isEqualTo(200);
      JsonNode list = r.result();
      assertThat(list).hasSize(10_000);
      Set<String> ids = new HashSet<>();
      int deactivated = 0;
      int silent = 0;
      for (JsonNode c : list) {
        ids.add(c.get("id").asText());
        deactivated += c.get("activated").asBoolean() ? 0 : 1;
        silent += c.has("last_heartbeat") ? 0 : 1;
      }
      assertThat(ids).hasSize(10_000);
      assertThat(deactivated).isEqualTo(500);
      assertThat(silent).isEqualTo(1_000);

      String otherFirst = sim.world().connectorId(OTHER, 0);
      assertThat(ids).doesNotContain(otherFirst);
      assertThat(sim.get("/accounts/" + OTHER + "/magic/connectors/" + otherFirst).status()).isEqualTo(200);

      String last = list.get(9_999).get("id").asText();
      String base = "/accounts/" + ACCOUNT + "/magic/connectors/" + last;
      assertThat(sim.get(base).result().get("id").asText()).isEqualTo(last);
      assertThat(sim.get(base + "/telemetry/snapshots/latest").result().get("count").asInt()).isEqualTo(1);
      assertThat(sim.get(base + "/telemetry/events?from=" + (T0 - 600) + "&to=" + T0).status()).isEqualTo(200);
      assertThat(sim.get("/accounts/" + OTHER + "/magic/connectors/" + last).status()).isEqualTo(404);
    }
  }
}
