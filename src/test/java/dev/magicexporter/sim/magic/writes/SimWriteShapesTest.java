package dev.magicexporter.sim.magic.writes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.magicexporter.admin.ReferenceExamples;
import dev.magicexporter.sim.magic.writes.checks.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The simulator's own write checks (written from the reference, apart from the admin API's) against
 * the reference's own request examples: the simulated Cloudflare takes every one of them, and
 * serves a body rule for every example that sends a body. The examples come from the same
 * reference text, read by the tests; nothing of the admin API's rules is involved.
 */
class SimWriteShapesTest {
  private static final ObjectMapper M = new ObjectMapper();

  @Test
  void theSimulatorTakesEveryExampleBodyOfTheReference() throws Exception {
    WritesSimModule sim = new WritesSimModule();
    int checked = 0;
    for (ReferenceExamples.Example e : ReferenceExamples.all()) {
      if (e.body() == null || e.method().equals("GET")) {
        continue;
      }
      assertThat(sim.served()).as("the simulator serves " + e.key()).contains(e.key());
      Shape shape = sim.bodyShape(e.key());
      assertThat(shape).as(e.key() + " has a body rule").isNotNull();
      List<Shape.Refusal> refused = shape.check(M.readValue(e.body(), Object.class));
      assertThat(refused).as(e.key() + " " + e.body()).isEmpty();
      checked++;
    }
    assertThat(checked).isGreaterThanOrEqualTo(38);
  }
}
