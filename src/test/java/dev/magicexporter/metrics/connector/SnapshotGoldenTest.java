package dev.magicexporter.metrics.connector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magicexporter.client.EnvelopeDecoderAccess;
import dev.magicexporter.metrics.Promtool;
import dev.magicexporter.metrics.family.FamilyTable;
import dev.magicexporter.metrics.family.FamilyWriter;
import dev.magicexporter.metrics.family.TextFormat;
import dev.magicexporter.model.Snapshot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Golden tests: a snapshot response in, the exact exposition out. Regenerate the expected files
 * with {@code -Dgolden.update=true} and review the diff before committing.
 */
class SnapshotGoldenTest {
  static final Path GOLDEN_DIR = Path.of("src/test/resources/snapshots");

  static String resource(String path) throws IOException {
    try (InputStream in = SnapshotGoldenTest.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IOException("missing test resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static String render(Snapshot s, boolean dhcpLeaseSeries, TextFormat format) {
    FamilyTable<Snapshot> table = SnapshotFamilies.table(dhcpLeaseSeries);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    FamilyWriter w = new FamilyWriter(format, out);
    w.write(table, List.of(table.row(s, "acc-1", "conn-1")));
    w.finish();
    return out.toString(StandardCharsets.UTF_8);
  }

  @ParameterizedTest(name = "{0} (dhcp lease series {1}) -> {2}")
  @CsvSource({
      "latest-seed-example.json, false, latest-seed-example.prom",
      "latest-all-fields.json,   false, latest-all-fields.prom",
      "latest-all-fields.json,   true,  latest-all-fields-dhcp-leases.prom",
  })
  void exposition(String fixture, boolean dhcpLeaseSeries, String expectedFile) throws Exception {
    Snapshot s = EnvelopeDecoderAccess.latest(resource("/snapshots/" + fixture));
    String actual = render(s, dhcpLeaseSeries, TextFormat.PROMETHEUS);
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(GOLDEN_DIR.resolve(expectedFile), actual, StandardCharsets.UTF_8);
    }
    assertThat(actual).isEqualTo(resource("/snapshots/" + expectedFile));
    assertThat(Promtool.checkMetrics(actual)).isEmpty();
  }
}
