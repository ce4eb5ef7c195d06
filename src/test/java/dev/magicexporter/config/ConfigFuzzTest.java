package dev.magicexporter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property-style: for every key, thousands of odd values (seeded, so a failure repeats) either load
 * or come back as listed problems naming that key; nothing ever throws, a secret is never shown, and
 * an accepted number or duration lies within the key's range.
 */
class ConfigFuzzTest {
  private static final long SEED = 20_251_114L;
  private static final int VALUES_PER_KEY = 60;
  private static final String TOKEN = "fuzz-token-0123456789";

  /** Pieces that have broken parsers before, or could. */
  private static final String[] PIECES = {
      "0", "1", "9", "99999999999999999999", "9223372036854775807", "9223372036854775808", "-", "+", ".",
      "e", "E", "x", "0x", "s", "ms", "m", "h", "d", "w", "y", " ", "\t", "\n", "\u0000", "\u00a0", "\u2003",
      ",", ":", "@", "[", "]", "{", "}", "\"", "'", "#", "%", "NaN", "Infinity", "true", "no", "٣", "１",
      "::", "1.2.3.4", "999", "localhost", "http://", "https://x", "/", "\\", "~", "null", "${X}", "é", "\uD83D\uDE00",
      "1e308", "1e-400", "0.5", "1.0000000000000000001", "1_000", "1h30m", "106751991167301d",
  };

  @TempDir Path tmp;

  @Test
  void everyOddValueIsAListedProblemOrAValidSettingNeverAnException() {
    Random random = new Random(SEED);
    int problems = 0;
    int accepted = 0;
    for (ConfigKey key : ConfigKeys.ALL) {
      for (int i = 0; i < VALUES_PER_KEY; i++) {
        String value = oddValue(random);
        Map<String, String> env = new HashMap<>();
        env.put("MAGIC_EXPORTER_STATE_DIR", tmp.resolve("state").toString());
        env.put("CLOUDFLARE_API_TOKEN", TOKEN);
        env.put("CLOUDFLARE_ACCOUNT_ID", "abc123");
        env.put(key.envName(), value);
        ConfigLoader.Result[] r = new ConfigLoader.Result[1];
        assertThatCode(() -> r[0] = ConfigLoader.load(ConfigLoader.CommandLine.none(), env))
            .as("%s=%s", key.envName(), printable(value)).doesNotThrowAnyException();
        if (r[0].ok()) {
          accepted++;
          assertThat(r[0].config()).isNotNull();
        } else {
          problems++;
          assertThat(r[0].config()).isNull();
          assertThat(r[0].problems()).as("%s=%s", key.envName(), printable(value))
              .anySatisfy(p -> assertThat(p.source()).contains(key.envName()));
          if (key.secret()) {
            assertThat(r[0].problems().toString()).doesNotContain(value.strip().isEmpty() ? TOKEN : value.strip());
          }
        }
      }
    }
    assertThat(problems).as("odd values rejected").isGreaterThan(200);
    assertThat(accepted).as("odd values that are still valid settings").isPositive();
  }

  @Test
  void parsersNeverThrowAndAcceptOnlyWhatTheyCanRepresent() {
    Random random = new Random(SEED + 1);
    for (int i = 0; i < 5_000; i++) {
      String value = oddValue(random);
      Duration[] d = new Duration[1];
      assertThatCode(() -> d[0] = Durations.parse(value)).as(printable(value)).doesNotThrowAnyException();
      if (d[0] != null) {
        assertThat(d[0].isNegative()).as(printable(value)).isFalse();
        assertThat(Durations.parse(Durations.format(d[0]))).as("round trip of %s", printable(value)).isEqualTo(d[0]);
      }
      assertThatCode(() -> Addresses.valid(value)).as(printable(value)).doesNotThrowAnyException();
    }
  }

  @Test
  void acceptedValuesLieWithinTheKeysRange() {
    Random random = new Random(SEED + 2);
    for (ConfigKey key : ConfigKeys.ALL) {
      if (key.type() != ConfigKey.Type.DURATION && key.type() != ConfigKey.Type.INT) {
        continue;
      }
      for (int i = 0; i < VALUES_PER_KEY; i++) {
        String value = oddValue(random);
        List<ConfigProblem> problems = new ArrayList<>();
        ConfigValues v = new ConfigValues(Map.of(key.name(), new RawValue(value, "fuzz")), problems);
        double got = key.type() == ConfigKey.Type.DURATION ? Durations.seconds(v.duration(key.name()))
            : v.integer(key.name());
        if (problems.isEmpty()) {
          assertThat(got).as("%s=%s", key.name(), printable(value)).isBetween(key.min(), key.max());
        } else {
          assertThat(problems).singleElement().satisfies(p -> assertThat(p.key()).isEqualTo(key.name()));
        }
      }
    }
  }

  /** One to four pieces, sometimes a run of digits with a unit: both plausible and absurd values. */
  private static String oddValue(Random random) {
    StringBuilder sb = new StringBuilder();
    if (random.nextInt(4) == 0) {
      sb.append(Long.toString(Math.abs(random.nextLong()) >> random.nextInt(63)))
          .append(PIECES[random.nextInt(PIECES.length)]);
      return sb.toString();
    }
    int n = 1 + random.nextInt(4);
    for (int i = 0; i < n; i++) {
      sb.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return sb.toString();
  }

  private static String printable(String s) {
    StringBuilder sb = new StringBuilder();
    s.codePoints().forEach(c -> sb.append(c >= 0x20 && c < 0x7f ? Character.toString(c) : String.format("\\u%04x", c)));
    return sb.toString();
  }
}
