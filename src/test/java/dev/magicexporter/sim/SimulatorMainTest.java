package dev.magicexporter.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line of {@code simulate}. */
class SimulatorMainTest {

  @Test
  void everyOptionIsParsed() throws Exception {
    SimOptions o = SimulatorMain.parse(new String[] {"--port", "0", "--host", "0.0.0.0", "--connectors", "10000",
        "--seed", "-7", "--token", "t0k", "--accounts", "a1,b2", "--rate-limit", "1200/300s", "--error-rate", "0.01",
        "--malformed-rate=0.02", "--latency", "50ms"});
    assertThat(o.port()).isZero();
    assertThat(o.host()).isEqualTo("0.0.0.0");
    assertThat(o.connectors()).isEqualTo(10_000);
    assertThat(o.seed()).isEqualTo(-7);
    assertThat(o.apiToken()).isEqualTo("t0k");
    assertThat(o.accountIds()).containsExactly("a1", "b2");
    assertThat(o.rateLimitRequests()).isEqualTo(1200);
    assertThat(o.rateLimitWindow()).isEqualTo(Duration.ofSeconds(300));
    assertThat(o.serverErrorRate()).isEqualTo(0.01);
    assertThat(o.malformedRate()).isEqualTo(0.02);
    assertThat(o.latency()).isEqualTo(Duration.ofMillis(50));
  }

  @Test
  void defaultsServeTheDemoWorld() throws Exception {
    SimOptions o = SimulatorMain.parse(new String[0]);
    assertThat(o.port()).isEqualTo(SimulatorMain.DEFAULT_PORT);
    assertThat(o.accountIds()).containsExactly(SimOptions.DEFAULT_ACCOUNT);
    assertThat(o.connectors()).isEqualTo(3);
    assertThat(o.rateLimitRequests()).isZero();
    assertThat(SimulatorMain.parse(new String[] {"--rate-limit", "100/1m"}).rateLimitWindow()).isEqualTo(Duration.ofMinutes(1));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--port|70000|--port needs a port",
      "--connectors|0|--connectors needs a number from 1 to 10000",
      "--connectors|10001|--connectors needs a number from 1 to 10000",
      "--seed|x|--seed needs a whole number",
      "--rate-limit|fast|--rate-limit needs REQUESTS/WINDOW",
      "--error-rate|2|--error-rate needs a share from 0 to 1",
      "--malformed-rate|-0.1|--malformed-rate needs a share from 0 to 1",
      "--latency|50|--latency needs a duration",
      "--accounts|a b|--accounts needs comma-separated ids",
      "--frobnicate|1|unknown option --frobnicate"})
  void badOptionsAreExplained(String option, String value, String message) {
    assertThatThrownBy(() -> SimulatorMain.parse(new String[] {option, value}))
        .isInstanceOf(SimulatorMain.UsageException.class).hasMessageContaining(message);
  }

  @Test
  void badCommandLinesExitWithStatus2AndHelpWith0() {
    PrintStream err = System.err;
    PrintStream out = System.out;
    ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
      System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
      assertThat(SimulatorMain.run(new String[] {"--port"})).isEqualTo(SimulatorMain.USAGE);
      assertThat(SimulatorMain.run(new String[] {"stray"})).isEqualTo(SimulatorMain.USAGE);
      assertThat(SimulatorMain.run(new String[] {"--help"})).isZero();
    } finally {
      System.setErr(err);
      System.setOut(out);
    }
    assertThat(errBytes.toString(StandardCharsets.UTF_8)).contains("--port needs a value", "unexpected argument 'stray'");
    for (String option : List.of("--port", "--host", "--connectors", "--seed", "--token", "--accounts", "--rate-limit",
        "--error-rate", "--malformed-rate", "--latency", "--help")) {
      assertThat(outBytes.toString(StandardCharsets.UTF_8)).contains(option);
    }
  }
}
