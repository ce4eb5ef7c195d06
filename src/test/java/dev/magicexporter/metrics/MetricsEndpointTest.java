package dev.magicexporter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magicexporter.metrics.family.Conversion;
import dev.magicexporter.metrics.family.Family;
import dev.magicexporter.metrics.family.FamilyCollector;
import dev.magicexporter.metrics.family.FamilyTable;
import dev.magicexporter.metrics.family.Row;
import io.micrometer.core.instrument.Counter;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class MetricsEndpointTest {
  static final FamilyTable<Double> TABLE = new FamilyTable<>("Things", "Test things.", List.of("thing_id"),
      List.of(Family.gauge("test_thing_value", "A value.", "value", Conversion.NONE, d -> d)));

  final Metrics metrics = new Metrics(false);
  final MetricsEndpoint endpoint = new MetricsEndpoint(metrics);
  final ConcurrentHashMap<String, Row<Double>> rows = new ConcurrentHashMap<>();

  MetricsEndpointTest() {
    Counter.builder("cloudflare_exporter_test_events").description("Test events.").register(metrics.registry()).increment();
    metrics.register(new FamilyCollector<>(TABLE, rows::values));
    rows.put("a", TABLE.row(2.5, "a"));
  }

  String scrape(String accept) throws Exception {
    ExpositionFormatWriter w = endpoint.writerFor(accept);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    endpoint.scrape(w, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void prometheusTextHasRegistryAndFamilies() throws Exception {
    assertThat(endpoint.writerFor("text/plain").getContentType()).startsWith("text/plain; version=0.0.4");
    String text = scrape("text/plain");
    assertThat(text).contains("cloudflare_exporter_test_events_total 1")
        .contains("test_thing_value{thing_id=\"a\"} 2.5").doesNotContain("# EOF");
    assertThat(Promtool.checkMetrics(text)).isEmpty();
  }

  @Test
  void openMetricsEndsWithOneEofAfterTheFamilies() throws Exception {
    String accept = "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5";
    assertThat(endpoint.writerFor(accept).getContentType()).startsWith("application/openmetrics-text");
    String om = scrape(accept);
    assertThat(om).endsWith("test_thing_value{thing_id=\"a\"} 2.5\n# EOF\n");
    assertThat(om.indexOf("# EOF")).isEqualTo(om.lastIndexOf("# EOF"));
    assertThat(om).contains("cloudflare_exporter_test_events_total 1");
  }

  @Test
  void protobufRequestsGetText() throws Exception {
    String accept = "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited";
    assertThat(endpoint.writerFor(accept).getContentType()).startsWith("text/plain");
  }

  @Test
  void gzipIsChosenFromAcceptEncodingWithQualities() {
    assertThat(MetricsEndpoint.acceptsGzip("gzip")).isTrue();
    assertThat(MetricsEndpoint.acceptsGzip("deflate, GZIP;q=0.5")).isTrue();
    assertThat(MetricsEndpoint.acceptsGzip("*")).isTrue();
    assertThat(MetricsEndpoint.acceptsGzip("gzip;q=0, br")).isFalse();
    assertThat(MetricsEndpoint.acceptsGzip("identity")).isFalse();
    assertThat(MetricsEndpoint.acceptsGzip(null)).isFalse();
  }

  @Test
  void aFamilyNameCanBeRegisteredOnlyOnce() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> metrics.register(new FamilyCollector<>(TABLE, java.util.List::<Row<Double>>of)))
        .hasMessageContaining("test_thing_value");
  }

  @Test
  void rowsAreReadAtScrapeTime() throws Exception {
    rows.put("b", TABLE.row(7.0, "b"));
    rows.remove("a");
    assertThat(scrape("text/plain")).contains("test_thing_value{thing_id=\"b\"} 7\n")
        .doesNotContain("thing_id=\"a\"");
  }
}
