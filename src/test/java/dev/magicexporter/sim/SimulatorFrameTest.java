package dev.magicexporter.sim;

import static dev.magicexporter.sim.SimHttp.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the simulator frame gives every module, including ones appended to the default list. */
class SimulatorFrameTest {

  @Test
  void appendedModulesGetTheAccountCheckTheEnvelopeAndTheFailureHandler() throws Exception {
    List<SimModule> modules = new ArrayList<>(SimModules.defaults());
    modules.add((router, ctx) -> {
      router.get("/accounts/:account_id/extra").handler(rc -> ctx.ok(rc, List.of(ctx.world().connectorId(ACCOUNT, 0))));
      router.get("/accounts/:account_id/broken").handler(rc -> {
        throw new IllegalStateException("module bug");
      });
    });
    try (SimHttp sim = new SimHttp(SimOptions.defaults(), new SimClock.Manual(SimHttp.T0), modules)) {
      SimHttp.Reply ok = sim.get("/accounts/" + ACCOUNT + "/extra");
      assertThat(ok.status()).isEqualTo(200);
      assertThat(ok.result().get(0).asText()).isEqualTo(sim.connectorId(0));
      assertThat(sim.get("/accounts/unknown/extra").status()).isEqualTo(404);
      assertThat(sim.get("/accounts/" + ACCOUNT + "/extra", "bad").status()).isEqualTo(403);
      SimHttp.Reply broken = sim.get("/accounts/" + ACCOUNT + "/broken");
      assertThat(broken.status()).isEqualTo(500);
      assertThat(broken.json().get("success").asBoolean()).isFalse();
      assertThat(broken.body()).doesNotContain("module bug");
      assertThat(sim.sim.stats().requests("GET /accounts/{account_id}/extra")).isEqualTo(1);
      assertThat(sim.get("/accounts/" + ACCOUNT + "/magic/connectors").result()).hasSize(3);
    }
  }
}
