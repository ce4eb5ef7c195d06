package dev.magicexporter.metrics.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magicexporter.metrics.Promtool;
import dev.magicexporter.metrics.family.Conversion;
import dev.magicexporter.metrics.family.Family;
import dev.magicexporter.metrics.family.FamilyCollector;
import dev.magicexporter.metrics.family.FamilyTable;
import dev.magicexporter.metrics.family.Row;
import dev.magicexporter.metrics.filter.MetricFilter;
import dev.magicexporter.testing.Exposition;
import dev.magicexporter.testing.SimConnectorStores;
import io.micrometer.core.instrument.Counter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a scraper receives with gzip (cached members, decompressed) against the live rendering
 * of the same state, family by family, through changes, removals and additions; and that the
 * cache renders only what changed.
 */
class GzipScrapeTest {
  static final String PROM = "text/plain; version=0.0.4";
  static final String OM = "application/openmetrics-text; version=1.0.0";

  /** A thing with a value that is data and an age that is computed at scrape time. */
  record Thing(String id, double value, double bornAt) {}

  static final AtomicLong CLOCK = new AtomicLong(1_000);

  static final FamilyTable<Thing> THINGS = new FamilyTable<>("Things", "Test things.", List.of("thing_id"),
      List.of(Family.gauge("test_thing_value", "A value.", "value", Conversion.NONE, Thing::value),
          Family.<Thing>gauge("test_thing_age_seconds", "Seconds since the thing was born.", "", Conversion.NONE,
              t -> CLOCK.get() - t.bornAt()).asLive(),
          Family.info("test_thing_info", "About the thing.", "id", List.of("id_again"), t -> new String[] {t.id()})));

  final SimConnectorStores sim = new SimConnectorStores(37, MetricFilter.NONE);
  final ConcurrentSkipListMap<String, Row<Thing>> things = new ConcurrentSkipListMap<>();

  GzipScrapeTest() {
    Counter.builder("cloudflare_exporter_test_events").description("Test events.").register(sim.metrics.registry())
        .increment();
    sim.metrics.register(new FamilyCollector<>(THINGS, () -> List.copyOf(things.values())));
    for (int i = 0; i < 5; i++) {
      thing("t" + i, i * 1.5, 900);
    }
  }

  void thing(String id, double value, double bornAt) {
    things.put(id, THINGS.row(new Thing(id, value, bornAt), id));
  }

  String plain(String accept) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    sim.endpoint.scrape(sim.endpoint.writerFor(accept), out);
    return out.toString(StandardCharsets.UTF_8);
  }

  byte[] gzip(String accept) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    sim.endpoint.scrapeGzip(sim.endpoint.writerFor(accept), out);
    return out.toByteArray();
  }

  /** Same families in the same order, same HELP/TYPE lines, same samples. */
  void assertSameContent(String accept) throws Exception {
    String live = plain(accept);
    String cached = Exposition.gunzip(gzip(accept));
    Map<String, Exposition.Family> expected = Exposition.families(live);
    Map<String, Exposition.Family> actual = Exposition.families(cached);
    // The cache's own metrics measure the cache, which a gzip scrape fills.
    expected.keySet().removeIf(n -> n.startsWith("cloudflare_exporter_scrape_cache_"));
    actual.keySet().removeIf(n -> n.startsWith("cloudflare_exporter_scrape_cache_"));
    assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
    for (Exposition.Family e : expected.values()) {
      Exposition.Family a = actual.get(e.name());
      assertThat(a.meta()).as(e.name()).isEqualTo(e.meta());
      assertThat(a.sortedSamples()).as(e.name()).isEqualTo(e.sortedSamples());
    }
    assertThat(cached.endsWith("# EOF\n")).isEqualTo(accept.equals(OM));
  }

  @ParameterizedTest
  @ValueSource(strings = {PROM, OM})
  void gzipScrapesCarryTheLiveRenderingThroughChanges(String accept) throws Exception {
    assertSameContent(accept);
    sim.store(3, 1);
    sim.store(20, 2);
    thing("t1", 42, 900);
    assertSameContent(accept);
    sim.remove(5);
    sim.remove(36);
    things.remove("t4");
    assertSameContent(accept);
    sim.add(5);
    sim.store(5, 3);
    thing("t9", -1, 990);
    assertSameContent(accept);
  }

  @Test
  void theStreamIsValidForOtherDecodersAndPromtool() throws Exception {
    byte[] gz = gzip(PROM);
    Process p = new ProcessBuilder("gzip", "-dc").start();
    Thread feeder = new Thread(() -> {
      try (var in = p.getOutputStream()) {
        in.write(gz);
      } catch (java.io.IOException ignored) {
        // gzip's exit code tells
      }
    });
    feeder.start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    feeder.join();
    assertThat(p.waitFor()).isZero();
    assertThat(text).isEqualTo(Exposition.gunzip(gz));
    assertThat(Promtool.checkMetrics(text)).isEmpty();
  }

  @Test
  void ageIsComputedAtScrapeTimeWithoutNewData() throws Exception {
    assertThat(Exposition.gunzip(gzip(PROM))).contains("test_thing_age_seconds{thing_id=\"t0\"} 100\n");
    CLOCK.set(1_060);
    assertThat(Exposition.gunzip(gzip(PROM))).contains("test_thing_age_seconds{thing_id=\"t0\"} 160\n");
  }

  @Test
  void onlyChangedBlocksAreRenderedAgain() throws Exception {
    gzip(PROM);
    ScrapeCache.Stats first = sim.endpoint.cacheStats();
    assertThat(first.renderedBytes()).isPositive();
    gzip(OM);
    gzip(PROM);
    ScrapeCache.Stats idle = sim.endpoint.cacheStats();
    assertThat(idle.renderedBytes()).as("nothing changed").isEqualTo(first.renderedBytes());

    sim.store(0, 1);
    gzip(PROM);
    ScrapeCache.Stats one = sim.endpoint.cacheStats();
    long rendered = one.renderedBytes() - idle.renderedBytes();
    // One connector changed: its block (16 of 37 connectors) and its pipeline-health block, not the rest.
    assertThat(rendered).isPositive().isLessThan(first.renderedBytes() * 16 / 37 + 1);
    assertThat(one.compressedBytes() - idle.compressedBytes()).isPositive().isLessThanOrEqualTo(rendered);
  }

  @Test
  void anEqualRecordIsNotAChange() throws Exception {
    gzip(PROM);
    long before = sim.endpoint.cacheStats().renderedBytes();
    thing("t2", 3, 900);
    gzip(PROM);
    assertThat(sim.endpoint.cacheStats().renderedBytes()).isEqualTo(before);
  }

  @Test
  void rowsWithTheSameLabelsAreAllKept() throws Exception {
    Row<Thing> twin = THINGS.row(new Thing("twin", 7, 900), "t0");
    sim.metrics.register(new FamilyCollector<>(new FamilyTable<>("Twins", "Twins.", List.of("thing_id"),
        List.of(Family.gauge("test_twin_value", "A twin.", "value", Conversion.NONE, Thing::value))),
        () -> List.of(twin, twin, THINGS.row(new Thing("t0", 8, 900), "t0"))));
    assertSameContent(PROM);
    assertThat(Exposition.families(Exposition.gunzip(gzip(PROM))).get("test_twin_value").samples()).hasSize(3);
  }
}
