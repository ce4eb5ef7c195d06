package dev.magicexporter.metrics.family;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.magicexporter.metrics.Promtool;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class FamilyWriterTest {
  record Disk(String name, double readSectors) {}

  record Box(String version, String state, double uptimeMs, double load, List<Disk> disks) {}

  static final FamilyTable<Box> TABLE = new FamilyTable<>("Boxes", "Test boxes.",
      List.of("account_id", "box_id"),
      List.of(
          Family.info("test_box_info", "Descriptive fields.", "v", List.of("version"),
              b -> new String[] {b.version()}),
          Family.stateSet("test_box_state", "State of the box.", "state", "state",
              List.of("up", "down"), Box::state),
          Family.counter("test_box_uptime_seconds_total", "Uptime.", "uptime_ms",
              Conversion.MILLIS_TO_SECONDS, Box::uptimeMs),
          Family.gauge("test_box_load1", "Load \\ \"average\"\nover 1m.", "load_average_1m",
              Conversion.NONE, Box::load),
          new Family<Box>("test_box_disk_read_bytes_total", "Bytes read.", FamilyType.COUNTER,
              List.of("device"), "disks[].sectors_read", Conversion.SECTORS_TO_BYTES,
              (b, out) -> b.disks().forEach(d -> out.sample(d.name(), d.readSectors())))));

  static final List<Row<Box>> ROWS = List.of(
      TABLE.row(new Box("1.2", "up", 1234, 0.25, List.of(new Disk("sda", 2), new Disk("n\"v\\m\ne", 1))), "acc", "b1"),
      TABLE.row(new Box("ü-€-𝄞", "rebooting", Double.NaN, Double.NaN, List.of()), "acc", "b\"2"));

  static String render(TextFormat format, List<Row<Box>> rows) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    FamilyWriter w = new FamilyWriter(format, out);
    w.write(TABLE, rows);
    w.finish();
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void prometheusTextGolden() {
    assertThat(render(TextFormat.PROMETHEUS, ROWS)).isEqualTo("""
        # HELP test_box_info Descriptive fields.
        # TYPE test_box_info gauge
        test_box_info{account_id="acc",box_id="b1",version="1.2"} 1
        test_box_info{account_id="acc",box_id="b\\"2",version="ü-€-𝄞"} 1
        # HELP test_box_state State of the box.
        # TYPE test_box_state gauge
        test_box_state{account_id="acc",box_id="b1",state="up"} 1
        test_box_state{account_id="acc",box_id="b1",state="down"} 0
        test_box_state{account_id="acc",box_id="b\\"2",state="up"} 0
        test_box_state{account_id="acc",box_id="b\\"2",state="down"} 0
        test_box_state{account_id="acc",box_id="b\\"2",state="rebooting"} 1
        # HELP test_box_uptime_seconds_total Uptime.
        # TYPE test_box_uptime_seconds_total counter
        test_box_uptime_seconds_total{account_id="acc",box_id="b1"} 1.234
        # HELP test_box_load1 Load \\\\ "average"\\nover 1m.
        # TYPE test_box_load1 gauge
        test_box_load1{account_id="acc",box_id="b1"} 0.25
        # HELP test_box_disk_read_bytes_total Bytes read.
        # TYPE test_box_disk_read_bytes_total counter
        test_box_disk_read_bytes_total{account_id="acc",box_id="b1",device="sda"} 1024
        test_box_disk_read_bytes_total{account_id="acc",box_id="b1",device="n\\"v\\\\m\\ne"} 512
        """);
  }

  @Test
  void openMetricsGolden() {
    String om = render(TextFormat.OPENMETRICS, ROWS.subList(0, 1));
    assertThat(om).isEqualTo("""
        # TYPE test_box info
        # HELP test_box Descriptive fields.
        test_box_info{account_id="acc",box_id="b1",version="1.2"} 1
        # TYPE test_box_state gauge
        # HELP test_box_state State of the box.
        test_box_state{account_id="acc",box_id="b1",state="up"} 1
        test_box_state{account_id="acc",box_id="b1",state="down"} 0
        # TYPE test_box_uptime_seconds counter
        # HELP test_box_uptime_seconds Uptime.
        test_box_uptime_seconds_total{account_id="acc",box_id="b1"} 1.234
        # TYPE test_box_load1 gauge
        # HELP test_box_load1 Load \\\\ \\"average\\"\\nover 1m.
        test_box_load1{account_id="acc",box_id="b1"} 0.25
        # TYPE test_box_disk_read_bytes counter
        # HELP test_box_disk_read_bytes Bytes read.
        test_box_disk_read_bytes_total{account_id="acc",box_id="b1",device="sda"} 1024
        test_box_disk_read_bytes_total{account_id="acc",box_id="b1",device="n\\"v\\\\m\\ne"} 512
        """);
  }

  @Test
  void absentValuesProduceNoSeriesAndNoHeader() {
    String text = render(TextFormat.PROMETHEUS, ROWS.subList(1, 2));
    assertThat(text).doesNotContain("uptime").doesNotContain("load1").doesNotContain("disk_read");
    assertThat(render(TextFormat.PROMETHEUS, List.of())).isEmpty();
  }

  @Test
  void sameSeriesAsClientJavaWriters() throws Exception {
    FamilyCollector<Box> c = new FamilyCollector<>(TABLE, () -> ROWS);
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(text, c.asMultiCollector().collect());
    assertThat(series(render(TextFormat.PROMETHEUS, ROWS))).isEqualTo(series(text.toString(StandardCharsets.UTF_8)));
    ByteArrayOutputStream om = new ByteArrayOutputStream();
    OpenMetricsTextFormatWriter.create().write(om, c.asMultiCollector().collect());
    assertThat(series(render(TextFormat.OPENMETRICS, ROWS) + "# EOF\n"))
        .isEqualTo(series(om.toString(StandardCharsets.UTF_8)));
  }

  @Test
  void promtoolFindsNoProblem() throws Exception {
    assertThat(Promtool.checkMetrics(render(TextFormat.PROMETHEUS, ROWS))).isEmpty();
  }

  @Test
  void namingRulesAreEnforced() {
    assertThatThrownBy(() -> Family.counter("x_seconds", "h", "", Conversion.NONE, o -> 1))
        .hasMessageContaining("_total");
    assertThatThrownBy(() -> Family.gauge("x_total", "h", "", Conversion.NONE, o -> 1))
        .hasMessageContaining("_total");
    assertThatThrownBy(() -> Family.info("x", "h", "", List.of(), o -> null)).hasMessageContaining("_info");
    assertThatThrownBy(() -> Family.gauge("x-y", "h", "", Conversion.NONE, o -> 1)).hasMessageContaining("invalid");
    assertThatThrownBy(() -> new FamilyTable<Box>("t", "d", List.of("device"), List.of(TABLE.families().get(4))))
        .hasMessageContaining("common label");
  }

  @Test
  void extractorPassingTheWrongNumberOfLabelsFailsLoudly() {
    FamilyTable<Box> bad = new FamilyTable<>("Bad", "d", List.of(), List.of(
        new Family<Box>("bad_gauge", "h", FamilyType.GAUGE, List.of("a", "b"), "", Conversion.NONE,
            (b, out) -> out.sample("only-one", 1))));
    FamilyWriter w = new FamilyWriter(TextFormat.PROMETHEUS, new ByteArrayOutputStream());
    assertThatThrownBy(() -> w.write(bad, List.of(new Row<>(LabelValues.NONE, ROWS.get(0).object()))))
        .hasMessageContaining("bad_gauge");
  }

  @Test
  void numbersArePlainDecimals() {
    String[][] cases = {
        {"1717171717.25", "1717171717.25"}, {"0.25", "0.25"}, {"-3", "-3"}, {"1e15", "1000000000000000"},
        {"1.5e17", "150000000000000000"}, {"0.0001", "0.0001"}, {"1.25e-7", "0.000000125"},
        {"-2.5e-5", "-0.000025"}, {"1e300", "1.0E300"}, {"12345678.5", "12345678.5"}, {"0", "0"},
        {"7", "7"}, {"10", "10"}, {"99", "99"}, {"100", "100"}, {"-101", "-101"}, {"999999999999999", "999999999999999"},
        {"1234567890123", "1234567890123"}};
    for (String[] c : cases) {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      ExpositionBuffer b = new ExpositionBuffer(out, 64);
      b.number(Double.parseDouble(c[0]));
      b.flush();
      assertThat(out.toString(StandardCharsets.US_ASCII)).as(c[0]).isEqualTo(c[1]);
      assertThat(Double.parseDouble(c[1])).isEqualTo(Double.parseDouble(c[0]));
    }
  }

  /** Series name with sorted labels → value, ignoring comments and number formatting. */
  static Map<String, Double> series(String exposition) {
    Map<String, Double> out = new TreeMap<>();
    for (String line : exposition.split("\n")) {
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int sp = line.lastIndexOf(' ');
      out.put(line.substring(0, sp), Double.parseDouble(line.substring(sp + 1)));
    }
    return out;
  }
}
