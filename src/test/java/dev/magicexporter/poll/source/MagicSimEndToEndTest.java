package dev.magicexporter.poll.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magicexporter.metrics.FamilyCatalog;
import dev.magicexporter.metrics.Promtool;
import dev.magicexporter.metrics.family.Family;
import dev.magicexporter.metrics.family.FamilyTable;
import dev.magicexporter.metrics.magic.MagicCollectors;
import dev.magicexporter.sim.SimOptions;
import dev.magicexporter.sim.magic.MagicSimModules;
import dev.magicexporter.sim.magic.MagicSimWorld;
import dev.magicexporter.sim.magic.SimObject;
import dev.magicexporter.testing.SimHarness;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sources polled from the simulator over real HTTP, scraped through the metrics endpoint:
 * the whole exposition passes promtool, every family of these tables shows up, and the series
 * follow the simulated estate as it changes (BGP flaps, deleted tunnels, sites that go away).
 */
class MagicSimEndToEndTest {
  static final String A = SimOptions.DEFAULT_ACCOUNT;
  static final double START = 1717243200;

  static MagicSimWorld world;
  static SimHarness sim;
  static MagicRig rig;

  @BeforeAll
  static void start() {
    world = new MagicSimWorld(SimOptions.defaults());
    sim = new SimHarness(SimOptions.defaults(), START, MagicSimModules.all(world));
    MagicPollers.Settings d = MagicPollers.Settings.defaults();
    rig = new MagicRig(sim.vertx, sim.baseUrl(), List.of(A),
        new MagicPollers.Settings(d.tunnels(), d.pcaps(), d.services(), d.inventory(), 20, 100), true,
        SimOptions.DEFAULT_TOKEN);
    rig.pollAll();
  }

  @AfterAll
  static void stop() {
    rig.close();
    sim.close();
  }

  @Test
  void theWholeExpositionPassesPromtool() throws Exception {
    String text = rig.scrape();
    assertThat(text).contains("cloudflare_exporter_source_up");
    assertThat(Promtool.checkMetrics(text)).isEmpty();
  }

  @Test
  void everyFamilyOfTheseTablesIsExposedAndDocumented() {
    String text = rig.scrape();
    List<FamilyTable<?>> catalog = FamilyCatalog.tables();
    for (FamilyTable<?> t : MagicCollectors.TABLES) {
      assertThat(catalog).as("the catalog lists %s", t.title()).contains(t);
      for (Family<?> f : t.families()) {
        assertThat(text).as("%s is exposed by the simulated estate", f.name()).contains("\n" + f.name() + "{");
      }
    }
  }

  @Test
  void servicesAreAllFetchedAcrossPages() {
    assertThat(rig.stores.vpcServices.get(A)).hasSize(45);
    assertThat(rig.scrape()).contains("cloudflare_exporter_source_objects{account_id=\"" + A + "\",source=\"vpc_services\"} 45.0");
  }

  static String bgpStates(String text) {
    StringBuilder sb = new StringBuilder();
    Matcher m = Pattern.compile("(?m)^cloudflare_tunnel_bgp_state\\{.*} 1$").matcher(text);
    while (m.find()) {
      sb.append(m.group()).append('\n');
    }
    return sb.toString();
  }

  @Test
  void bgpFlapsShowUpInTheSeries() {
    String before = bgpStates(rig.families());
    assertThat(before).contains("state=\"unknown\"");
    boolean changed = false;
    try {
      for (int i = 1; i <= 20 && !changed; i++) {
        sim.clock.advance(120);
        rig.poll(MagicSources.GRE_TUNNELS);
        rig.poll(MagicSources.IPSEC_TUNNELS);
        changed = !bgpStates(rig.families()).equals(before);
      }
    } finally {
      sim.clock.set(START);
      rig.poll(MagicSources.GRE_TUNNELS);
      rig.poll(MagicSources.IPSEC_TUNNELS);
    }
    assertThat(changed).as("some BGP state changed within 40 minutes").isTrue();
  }

  @Test
  void aDeletedTunnelLosesItsSeriesWithinOneCycle() {
    MagicSimWorld w = new MagicSimWorld(SimOptions.defaults());
    try (SimHarness s = new SimHarness(SimOptions.defaults(), START, MagicSimModules.all(w));
        MagicRig r = new MagicRig(s.vertx, s.baseUrl(), List.of(A), MagicPollers.Settings.defaults(), false,
            SimOptions.DEFAULT_TOKEN)) {
      r.poll(MagicSources.GRE_TUNNELS);
      SimObject victim = w.greTunnels().list(A, START).get(1);
      String series = "tunnel_id=\"" + victim.id() + "\"";
      assertThat(r.families()).contains(series);
      w.greTunnels().remove(A, victim.id(), START);
      r.poll(MagicSources.GRE_TUNNELS);
      assertThat(r.families()).doesNotContain(series).contains("tunnel_type=\"gre\"");
    }
  }

  @Test
  void sitesThatGoAwayLoseTheirSeries() {
    MagicSimWorld w = new MagicSimWorld(SimOptions.defaults());
    try (SimHarness s = new SimHarness(SimOptions.defaults(), START, MagicSimModules.all(w));
        MagicRig r = new MagicRig(s.vertx, s.baseUrl(), List.of(A), MagicPollers.Settings.defaults(), false,
            SimOptions.DEFAULT_TOKEN)) {
      r.poll(MagicSources.SITES);
      List<SimObject> sites = w.sites().list(A, START);
      String churned = "site_id=\"" + sites.get(sites.size() - 1).id() + "\"";
      assertThat(r.families()).contains(churned);
      s.clock.advance(3 * 3600);
      r.clock.advance(Duration.ofHours(3));
      r.poll(MagicSources.SITES);
      assertThat(r.families()).doesNotContain(churned).contains("cloudflare_site_info");
    }
  }
}
