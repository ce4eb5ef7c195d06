package dev.magicexporter.sim.magic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.magicexporter.model.Pcap;
import dev.magicexporter.sim.SimErrors;
import dev.magicexporter.sim.SimModules;
import dev.magicexporter.sim.SimOptions;
import dev.magicexporter.sim.connectors.SimWorld;
import dev.magicexporter.sim.magic.pcaps.PcapsSim;
import dev.magicexporter.sim.magic.tunnels.TunnelsSim;
import dev.magicexporter.testing.SimHarness;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The simulated estate changes with the clock, deterministically, and answers like the API. */
class MagicSimDynamicsTest {
  private static final String A = SimOptions.DEFAULT_ACCOUNT;
  private static final double NOW = MagicSimContractTest.NOW;

  static SimHarness sim;
  static MagicSimWorld world;

  @BeforeAll
  static void start() {
    world = new MagicSimWorld(SimOptions.defaults());
    sim = new SimHarness(SimOptions.defaults(), NOW, MagicSimModules.all(world));
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  @Test
  void bgpFlapsAndReportsWhenItLastChanged() {
    SimObject tunnel = world.greTunnels().list(A, NOW).get(0);
    assertThat(tunnel.fields()).containsKey("bgp");
    Set<String> states = new HashSet<>();
    String before = null;
    for (int i = 0; i < 120; i++) {
      double t = NOW + i * TunnelsSim.BGP_SEGMENT_SECONDS + 7;
      @SuppressWarnings("unchecked")
      Map<String, Object> status = (Map<String, Object>) TunnelsSim.view(world.seed(), tunnel, t, true).get("bgp_status");
      String state = (String) status.get("state");
      double updated = PcapsSim.parse(status.get("updated_at"), Double.NaN);
      assertThat(updated).isLessThanOrEqualTo(t);
      if (before != null && !before.equals(state)) {
        assertThat(updated).as("a change is dated at its segment's start").isEqualTo(t - 7);
      }
      if (state.equals("BGP_UP")) {
        assertThat(status.get("tcp_established")).isEqualTo(true);
      }
      states.add(state);
      before = state;
    }
    assertThat(states).containsExactlyInAnyOrder("BGP_UP", "BGP_DOWN", "BGP_ESTABLISHING");
  }

  @Test
  void theWorldIsAFunctionOfSeedAndClock() {
    String one = sim.get("/accounts/" + A + "/magic/gre_tunnels").body().toString();
    try (SimHarness again = new SimHarness(SimOptions.defaults(), NOW, MagicSimModules.all(SimOptions.defaults()));
        SimHarness other = new SimHarness(SimOptions.defaults().withSeed(7), NOW,
            MagicSimModules.all(SimOptions.defaults().withSeed(7)))) {
      assertThat(again.get("/accounts/" + A + "/magic/gre_tunnels").body().toString()).isEqualTo(one);
      assertThat(other.get("/accounts/" + A + "/magic/gre_tunnels").body().toString()).isNotEqualTo(one);
    }
  }

  @Test
  void healthCheckTargetFollowsTheHeader() {
    JsonNode objects = sim.get("/accounts/" + A + "/magic/ipsec_tunnels", Map.of("x-magic-new-hc-target", "true")).json();
    JsonNode strings = sim.get("/accounts/" + A + "/magic/ipsec_tunnels").json();
    JsonNode t1 = objects.at("/result/ipsec_tunnels/0/health_check/target");
    JsonNode t2 = strings.at("/result/ipsec_tunnels/0/health_check/target");
    assertThat(t1.isObject()).isTrue();
    assertThat(t1.has("effective") && t1.has("saved")).isTrue();
    assertThat(t2.isTextual()).isTrue();
    assertThat(t2.asText()).isEqualTo(t1.get("effective").asText());
  }

  @Test
  void oneIpsecTunnelHasBgpWithoutStatus() {
    JsonNode list = sim.get("/accounts/" + A + "/magic/ipsec_tunnels").json().at("/result/ipsec_tunnels");
    int unknown = 0;
    for (JsonNode t : list) {
      if (t.has("bgp") && !t.has("bgp_status")) {
        unknown++;
      }
    }
    assertThat(unknown).isEqualTo(1);
  }

  @Test
  void capturesWalkThroughTheirStatusesInOrder() {
    List<String> order = Pcap.STATUSES;
    Set<String> seen = new LinkedHashSet<>();
    Set<String> ids = new HashSet<>();
    for (SimObject o : world.pcaps().list(A, NOW)) {
      ids.add(o.id());
    }
    for (double t = NOW - 7200; t < NOW + 86400; t += 300) {
      for (SimObject o : world.pcaps().list(A, t)) {
        seen.add((String) PcapsSim.captureView(o, t).get("status"));
      }
    }
    assertThat(seen).containsExactlyInAnyOrderElementsOf(order);

    int followed = 0;
    for (SimObject o : world.pcaps().list(A, NOW)) {
      List<String> path = new ArrayList<>();
      for (double t = o.bornAt(); t < o.diesAt(); t += 15) {
        String s = (String) PcapsSim.captureView(o, t).get("status");
        if (path.isEmpty() || !path.get(path.size() - 1).equals(s)) {
          path.add(s);
        }
      }
      if (path.equals(List.of("unknown"))) {
        continue;
      }
      followed++;
      assertThat(path.get(0)).isEqualTo("pending");
      assertThat(path.get(1)).isEqualTo("running");
      String end = path.get(path.size() - 1);
      assertThat(end).isIn("success", "complete", "failed");
      if ("full".equals(o.fields().get("type")) && !end.equals("failed")) {
        assertThat(path).containsExactly("pending", "running", "conversion_pending", "conversion_running", "complete");
      }
    }
    assertThat(followed).isGreaterThan(10);
  }

  @Test
  void packetsGrowWhileAFullCaptureRuns() {
    for (SimObject o : world.pcaps().list(A, NOW)) {
      if (!"full".equals(o.fields().get("type")) || !"ok".equals(o.fields().get(PcapsSim.FATE))) {
        continue;
      }
      double start = o.bornAt() + PcapsSim.PENDING;
      long early = ((Number) PcapsSim.captureView(o, start + 1).get("packets_captured")).longValue();
      long later = ((Number) PcapsSim.captureView(o, start + 20).get("packets_captured")).longValue();
      assertThat(later).isGreaterThan(early);
      assertThat(PcapsSim.captureView(o, o.bornAt() + 1)).doesNotContainKey("packets_captured");
      return;
    }
    throw new AssertionError("no full capture to follow");
  }

  @Test
  void bucketsAreValidatedAfterTwoMinutes() {
    Set<String> statuses = new HashSet<>();
    for (double t = NOW; t < NOW + 4 * 3600; t += 60) {
      for (SimObject o : world.pcapBuckets().list(A, t)) {
        Map<String, Object> v = PcapsSim.bucketView(o, t);
        statuses.add((String) v.get("status"));
        assertThat(v.containsKey("validated")).isEqualTo("success".equals(v.get("status")));
      }
    }
    assertThat(statuses).containsExactlyInAnyOrder("pending", "success", "failed");
  }

  @Test
  void sitesComeAndGoWithTheirChildren() {
    Set<String> now = ids(world.sites().list(A, NOW));
    Set<String> later = ids(world.sites().list(A, NOW + 3600));
    assertThat(later).isNotEqualTo(now);
    Set<String> gone = new HashSet<>(now);
    gone.removeAll(later);
    Set<String> added = new HashSet<>(later);
    added.removeAll(now);
    assertThat(gone).isNotEmpty();
    assertThat(added).isNotEmpty();
    String removedSite = gone.iterator().next();
    assertThat(world.lans().children(A, removedSite, NOW)).isNotEmpty();
    assertThat(world.lans().children(A, removedSite, NOW + 3600)).isEmpty();
    sim.clock.set(NOW + 3600);
    try {
      assertThat(sim.get("/accounts/" + A + "/magic/sites/" + removedSite).status()).isEqualTo(404);
      assertThat(sim.get("/accounts/" + A + "/magic/sites/" + removedSite + "/lans").status()).isEqualTo(404);
    } finally {
      sim.clock.set(NOW);
    }
  }

  @Test
  void sitesCanBeFilteredByConnector() {
    JsonNode all = sim.get("/accounts/" + A + "/magic/sites").json().get("result");
    String connector = all.get(0).get("connector_id").asText();
    JsonNode one = sim.get("/accounts/" + A + "/magic/sites?connectorid=" + connector).json().get("result");
    assertThat(one).hasSize(1);
    assertThat(one.get(0).get("id").asText()).isEqualTo(all.get(0).get("id").asText());
  }

  @Test
  void servicesArePaged() {
    Set<String> ids = new LinkedHashSet<>();
    int pages = 0;
    for (int page = 1; page <= 10; page++) {
      JsonNode r = sim.get("/accounts/" + A + "/connectivity/directory/services?per_page=20&page=" + page).json();
      JsonNode info = r.get("result_info");
      assertThat(info.get("total_count").asInt()).isEqualTo(45);
      assertThat(info.get("total_pages").asInt()).isEqualTo(3);
      if (r.get("result").isEmpty()) {
        break;
      }
      pages++;
      r.get("result").forEach(s -> ids.add(s.get("service_id").asText()));
    }
    assertThat(pages).isEqualTo(3);
    assertThat(ids).hasSize(45);
    JsonNode tcp = sim.get("/accounts/" + A + "/connectivity/directory/services?per_page=1000&type=tcp").json();
    tcp.get("result").forEach(s -> assertThat(s.get("type").asText()).isEqualTo("tcp"));
    assertThat(tcp.get("result").size()).isEqualTo(15);
    assertThat(sim.get("/accounts/" + A + "/connectivity/directory/services?per_page=0").status()).isEqualTo(400);
    assertThat(sim.get("/accounts/" + A + "/connectivity/directory/services?per_page=1001").status()).isEqualTo(400);
    assertThat(sim.get("/accounts/" + A + "/connectivity/directory/services?page=x").status()).isEqualTo(400);
  }

  @Test
  void everyVerificationModeAndHostKindIsServed() {
    Set<String> modes = new HashSet<>();
    Set<String> hosts = new HashSet<>();
    for (JsonNode s : sim.get("/accounts/" + A + "/connectivity/directory/services?per_page=100").json().get("result")) {
      modes.add(s.has("tls_settings") ? s.at("/tls_settings/cert_verification_mode").asText() : "absent");
      s.get("host").fieldNames().forEachRemaining(hosts::add);
    }
    assertThat(modes).contains("verify_full", "verify_ca", "disabled", "absent");
    assertThat(hosts).contains("ipv4", "ipv6", "hostname", "resolver_network", "network");
  }

  @Test
  void errorsLookLikeCloudflares() {
    SimHarness.Answer other = sim.get("/accounts/00000000000000000000000000000000/magic/gre_tunnels");
    assertThat(other.status()).isEqualTo(404);
    assertThat(other.json().get("success").asBoolean()).isFalse();
    assertThat(other.json().at("/errors/0/code").asInt()).isEqualTo(SimErrors.NO_ROUTE);
    SimHarness.Answer missing = sim.get("/accounts/" + A + "/magic/gre_tunnels/ffffffffffffffffffffffffffffffff");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().at("/errors/0/code").asInt()).isEqualTo(SimErrors.NO_ROUTE);
    assertThat(missing.json().at("/errors/0/message").asText()).contains("Could not route to");
  }

  @Test
  void finishedSimpleCapturesDownloadAsPcapFiles() {
    String simple = null;
    String full = null;
    for (JsonNode p : sim.get("/accounts/" + A + "/pcaps").json().get("result")) {
      if (p.get("type").asText().equals("simple") && p.get("status").asText().equals("success")) {
        simple = p.get("id").asText();
      }
      if (p.get("type").asText().equals("full")) {
        full = p.get("id").asText();
      }
    }
    SimHarness.Answer file = sim.get("/accounts/" + A + "/pcaps/" + simple + "/download");
    assertThat(file.status()).isEqualTo(200);
    assertThat(file.contentType()).isEqualTo("application/vnd.tcpdump.pcap");
    assertThat(file.body().getIntLE(0)).isEqualTo(0xa1b2c3d4);
    assertThat(file.body().length()).isEqualTo(24 + 8 * 70);
    assertThat(sim.get("/accounts/" + A + "/pcaps/" + full + "/download").status()).isEqualTo(400);
  }

  @Test
  void writesOnTheStoreStickAcrossTime() {
    MagicSimWorld w = new MagicSimWorld(SimOptions.defaults());
    SimObject first = w.greTunnels().list(A, NOW).get(0);
    assertThat(w.greTunnels().remove(A, first.id(), NOW)).isNotNull();
    assertThat(ids(w.greTunnels().list(A, NOW + 86400))).doesNotContain(first.id());
    SimObject created = new SimObject("0123456789abcdef0123456789abcdef", null,
        Map.of("id", "0123456789abcdef0123456789abcdef", "name", "GRE_new", "bgp", Map.of("customer_asn", 65001),
            "interface_address", "10.200.0.0/31"), NOW, Double.POSITIVE_INFINITY);
    w.greTunnels().put(A, created, NOW);
    SimObject got = w.greTunnels().get(A, created.id(), NOW + 10);
    assertThat(TunnelsSim.view(w.seed(), got, NOW + 10, true)).containsKey("bgp_status");
    SimObject updated = w.greTunnels().update(A, created.id(), NOW + 20, f -> {
      f.put("name", "GRE_renamed");
      return f;
    });
    assertThat(updated.fields()).containsEntry("name", "GRE_renamed");
    String churned = w.sites().list(A, NOW).get(w.sites().list(A, NOW).size() - 1).id();
    w.sites().remove(A, churned, NOW);
    assertThat(ids(w.sites().list(A, NOW + 1))).doesNotContain(churned);
  }

  @Test
  void theDefaultSimulatorServesTheMagicEstateLinkedToItsConnectors() {
    try (SimHarness full = new SimHarness(SimOptions.defaults(), NOW, SimModules.defaults())) {
      SimWorld w = full.simulator.world();
      Set<String> snapshotTunnels = new HashSet<>();
      Set<String> connectors = new HashSet<>(w.connectorIds(A));
      for (int c = 0; c < w.connectorsPerAccount(); c++) {
        for (int j = 0; j < w.tunnelCount(A, c); j++) {
          snapshotTunnels.add(w.tunnelId(A, c, j));
        }
      }
      JsonNode gre = full.get("/accounts/" + A + "/magic/gre_tunnels").json().at("/result/gre_tunnels");
      assertThat(gre).isNotEmpty();
      assertThat(snapshotTunnels).contains(gre.get(0).get("id").asText());
      JsonNode site = full.get("/accounts/" + A + "/magic/sites").json().at("/result/0");
      assertThat(connectors).contains(site.get("connector_id").asText());
      assertThat(full.get("/accounts/" + A + "/connectivity/directory/services").status()).isEqualTo(200);
      assertThat(full.get("/accounts/" + A + "/pcaps/ownership").status()).isEqualTo(200);
    }
  }

  private static Set<String> ids(List<SimObject> objects) {
    Set<String> out = new LinkedHashSet<>();
    objects.forEach(o -> out.add(o.id()));
    return out;
  }
}
