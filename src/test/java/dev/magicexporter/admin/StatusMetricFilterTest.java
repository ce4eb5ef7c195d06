package dev.magicexporter.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magicexporter.metrics.family.Conversion;
import dev.magicexporter.metrics.family.Family;
import dev.magicexporter.metrics.filter.FilterReport;
import dev.magicexporter.metrics.filter.MetricFilter;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code /status} lists the metric filter's rules with the families they affect (JSON and HTML). */
class StatusMetricFilterTest {
  @Test
  void metricFilterRulesAreInTheJsonAndThePage() {
    Family<Object> info = Family.info("test_box_info", "About.", "", List.of("serial_number"), o -> new String[] {"x"});
    Family<Object> up = Family.gauge("test_box_up", "Up.", "", Conversion.NONE, o -> 1);
    FilterReport report = FilterReport.of(MetricFilter.of(List.of(), List.of("_up$"), List.of("serial_number")),
        List.of(info, up), List.of("jvm_threads_live_threads"));
    DaemonStatus status = new DaemonStatus(List::of, List::of, List::of, report::asMaps);
    try (AdminHarness h = new AdminHarness(AdminHarness.defaultOptions(), status)) {
      JsonObject s = h.call(io.vertx.core.http.HttpMethod.GET, "/status", AdminHarness.READ_TOKEN, null).json();
      JsonObject deny = s.getJsonArray("metric_filter").getJsonObject(0);
      assertThat(deny.getString("list")).isEqualTo("denylist");
      assertThat(deny.getString("value")).isEqualTo("_up$");
      assertThat(deny.getJsonArray("families").getList()).containsExactly("test_box_up");
      JsonObject label = s.getJsonArray("metric_filter").getJsonObject(1);
      assertThat(label.getString("effect")).isEqualTo("dropped from 1 families");
      String page = h.call(io.vertx.core.http.HttpMethod.GET, "/status.html", AdminHarness.READ_TOKEN, null).text();
      assertThat(page).contains("id=\"metric_filter\"").contains("_up$").contains("test_box_info");
    }
  }
}
