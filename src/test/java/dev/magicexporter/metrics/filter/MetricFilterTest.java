package dev.magicexporter.metrics.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.magicexporter.metrics.Metrics;
import dev.magicexporter.metrics.MetricsEndpoint;
import dev.magicexporter.metrics.Promtool;
import dev.magicexporter.metrics.family.Conversion;
import dev.magicexporter.metrics.family.Family;
import dev.magicexporter.metrics.family.FamilyCollector;
import dev.magicexporter.metrics.family.FamilyTable;
import dev.magicexporter.metrics.family.FamilyType;
import dev.magicexporter.metrics.family.Row;
import dev.magicexporter.testing.Exposition;
import io.micrometer.core.instrument.Counter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricFilterTest {
  record Nic(String name, String mac, double bytes) {}

  record Box(String serial, List<Nic> nics) {}

  static final FamilyTable<Box> BOXES = new FamilyTable<>("Boxes", "Test boxes.", List.of("box_id"), List.of(
      Family.info("test_box_info", "About the box.", "serial", List.of("serial_number"), b -> new String[] {b.serial()}),
      new Family<Box>("test_box_nic_bytes_total", "Bytes per interface.", FamilyType.COUNTER, List.of("nic", "mac"),
          "", Conversion.NONE, (b, out) -> b.nics().forEach(n -> out.sample(n.name(), n.mac(), n.bytes())))
          .withDroppable("mac"),
      new Family<Box>("test_box_nic_up", "Interface up.", FamilyType.GAUGE, List.of("nic"), "", Conversion.NONE,
          (b, out) -> b.nics().forEach(n -> out.sample(n.name(), 1)))));

  static final List<Row<Box>> ROWS = List.of(
      BOXES.row(new Box("SN1", List.of(new Nic("eth0", "aa", 10), new Nic("eth1", "bb", 20))), "b1"),
      BOXES.row(new Box("SN2", List.of(new Nic("eth0", "cc", 30))), "b2"));

  static String[] scrapes(MetricFilter filter) throws Exception {
    Metrics metrics = new Metrics(false);
    Counter.builder("cloudflare_exporter_test_events").description("Test.").register(metrics.registry()).increment();
    metrics.register(new FamilyCollector<>(BOXES, () -> ROWS));
    MetricsEndpoint endpoint = new MetricsEndpoint(metrics, filter);
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    endpoint.scrape(endpoint.writerFor("text/plain"), plain);
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    endpoint.scrapeGzip(endpoint.writerFor("text/plain"), gz);
    return new String[] {plain.toString(StandardCharsets.UTF_8), Exposition.gunzip(gz.toByteArray())};
  }

  @Test
  void denylistMatchesAnywhereInTheNameAsKubeStateMetricsDoes() throws Exception {
    MetricFilter f = MetricFilter.of(List.of(), List.of("nic_up", "^cloudflare_exporter_test_events_total$"), List.of());
    for (String text : scrapes(f)) {
      assertThat(text).doesNotContain("test_box_nic_up").doesNotContain("cloudflare_exporter_test_events")
          .contains("test_box_info{").contains("test_box_nic_bytes_total{");
      assertThat(Promtool.checkMetrics(text)).isEmpty();
    }
  }

  @Test
  void allowlistKeepsOnlyWhatMatches() throws Exception {
    MetricFilter f = MetricFilter.of(List.of("^test_box_info$"), List.of(), List.of());
    for (String text : scrapes(f)) {
      assertThat(Exposition.families(text).keySet()).containsExactly("test_box_info");
    }
  }

  @Test
  void aLabelGoesOnlyWhereItCannotMergeSeries() throws Exception {
    MetricFilter f = MetricFilter.of(List.of(), List.of(), List.of("serial_number", "mac", "nic"));
    for (String text : scrapes(f)) {
      assertThat(text).contains("test_box_info{box_id=\"b1\"} 1\n")
          .contains("test_box_nic_bytes_total{box_id=\"b1\",nic=\"eth1\"} 20\n")
          // nic identifies the samples of a box: removing it would merge eth0 and eth1
          .contains("test_box_nic_up{box_id=\"b1\",nic=\"eth0\"} 1\n");
      assertThat(Promtool.checkMetrics(text)).isEmpty();
    }
    FilterReport report = FilterReport.of(f, List.copyOf(BOXES.families()), List.of());
    assertThat(report.rules()).extracting(FilterReport.Rule::value, FilterReport.Rule::families,
        FilterReport.Rule::refused).containsExactly(
            org.assertj.core.groups.Tuple.tuple("serial_number", List.of("test_box_info"), List.of()),
            org.assertj.core.groups.Tuple.tuple("mac", List.of("test_box_nic_bytes_total"), List.of()),
            org.assertj.core.groups.Tuple.tuple("nic", List.of(),
                List.of("test_box_nic_bytes_total", "test_box_nic_up")));
    assertThat(report.lines()).anyMatch(l -> l.contains("'nic'") && l.contains("kept in 2"));
  }

  @Test
  void aFilteredFamilyIsNeverRendered() throws Exception {
    FamilyTable<Box> exploding = new FamilyTable<>("Exploding", "Throws when rendered.", List.of("box_id"), List.of(
        Family.<Box>gauge("test_exploding", "Never rendered.", "", Conversion.NONE, b -> {
          throw new AssertionError("a filtered family was rendered");
        })));
    Metrics metrics = new Metrics(false);
    metrics.register(new FamilyCollector<>(exploding, () -> ROWS));
    MetricsEndpoint endpoint = new MetricsEndpoint(metrics, MetricFilter.of(List.of(), List.of("exploding"), List.of()));
    endpoint.scrape(endpoint.writerFor("text/plain"), new ByteArrayOutputStream());
    endpoint.scrapeGzip(endpoint.writerFor("text/plain"), new ByteArrayOutputStream());
  }

  @Test
  void badInputIsRefusedWithTheListAndPattern() {
    assertThatThrownBy(() -> MetricFilter.of(List.of("a"), List.of("b"), List.of()))
        .hasMessageContaining("mutually exclusive");
    assertThatThrownBy(() -> MetricFilter.of(List.of(), List.of("cloudflare_(tunnel"), List.of()))
        .hasMessageContaining("metrics.denylist").hasMessageContaining("cloudflare_(tunnel");
    assertThatThrownBy(() -> MetricFilter.of(List.of(), List.of(), List.of("bad-label")))
        .hasMessageContaining("bad-label");
  }
}
