package dev.magicexporter.metrics.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magicexporter.metrics.FamilyCatalog;
import dev.magicexporter.metrics.Promtool;
import dev.magicexporter.metrics.family.Family;
import dev.magicexporter.metrics.family.FamilyCollector;
import dev.magicexporter.metrics.family.FamilyTable;
import dev.magicexporter.metrics.family.FamilyWriter;
import dev.magicexporter.metrics.family.TextFormat;
import dev.magicexporter.model.Tunnel;
import dev.magicexporter.model.analytics.AccountAnalytics;
import dev.magicexporter.model.analytics.AnalyticsFeed;
import dev.magicexporter.model.analytics.AnalyticsGroup;
import dev.magicexporter.model.analytics.AnalyticsWindow;
import dev.magicexporter.model.analytics.FeedData;
import dev.magicexporter.store.AccountStore;
import dev.magicexporter.store.MagicStores;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The analytics feeds of one account in, exposition text out: labels that join with
 * {@code cloudflare_tunnel_info}, bounded health series by default, per-data-center series only
 * when asked, counters converted to bytes, and a clean {@code promtool check metrics}.
 */
class AnalyticsCollectorsTest {
  private static final Instant AT = Instant.parse("2025-11-24T16:00:00Z");
  private static final AnalyticsWindow W = new AnalyticsWindow(1_764_000_000L - 60, 1_764_000_000L);

  static Tunnel tunnel(String id, String type, String name) {
    return new Tunnel(id, type, name, null, null, null, null, null, false, null, null, null, null, null, null, null,
        null, null, null);
  }

  static AnalyticsGroup g(List<String> dims, Double... values) {
    return new AnalyticsGroup(dims, List.of(values));
  }

  static AccountAnalytics sample() {
    return AccountAnalytics.EMPTY
        .with(AnalyticsFeed.TUNNEL_HEALTH, new FeedData(W, List.of(
            g(List.of("GRE_1", "AMS"), 4.0, 1.0), g(List.of("GRE_1", "ORD"), 4.0, 0.0),
            g(List.of("GRE_1", "SIN"), 4.0, 0.5), g(List.of("IPsec_1", "FRA"), 2.0, 1.0)), AT))
        .with(AnalyticsFeed.TUNNEL_HEALTH_CHECKS, new FeedData(W, List.of(
            g(List.of("GRE_1", "healthy"), 120.0), g(List.of("GRE_1", "unhealthy"), 8.0)), AT))
        .with(AnalyticsFeed.TUNNEL_SLO, new FeedData(W, List.of(g(List.of("GRE_1"), 5.0, 99.9, 0.95)), AT))
        .with(AnalyticsFeed.TUNNEL_TRAFFIC, new FeedData(W, List.of(
            g(List.of("GRE_1", "ingress", "", ""), 8000.0, 10.0), g(List.of("GRE_1", "egress", "", ""), 1600.0, 4.0),
            g(List.of("orphan", "ingress", "", ""), 80.0, 1.0)), AT))
        .with(AnalyticsFeed.FIREWALL_SAMPLES, new FeedData(W, List.of(g(List.of("rule-a"), 800.0, 3.0)), AT));
  }

  static String render(boolean dataCenterSeries) throws Exception {
    AccountStore<AccountAnalytics> store = new AccountStore<>();
    store.put("acc", sample(), AT);
    MagicStores tunnels = new MagicStores();
    tunnels.greTunnels.put("acc", List.of(tunnel("t-gre-1", Tunnel.GRE, "GRE_1")), AT);
    tunnels.ipsecTunnels.put("acc", List.of(tunnel("t-ipsec-1", Tunnel.IPSEC, "IPsec_1")), AT);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    FamilyWriter w = new FamilyWriter(TextFormat.PROMETHEUS, out);
    for (FamilyCollector<?> c : new AnalyticsCollectors(store, tunnels, dataCenterSeries).collectors()) {
      c.write(w);
    }
    w.finish();
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void boundedByDefaultJoinableAndInBaseUnits() throws Exception {
    String text = render(false);
    String gre = "account_id=\"acc\",tunnel_id=\"t-gre-1\",tunnel_type=\"gre\",name=\"GRE_1\"";
    assertThat(text)
        .contains("cloudflare_tunnel_health_state_worst{" + gre + "} 0\n")
        .contains("cloudflare_tunnel_health_state_average{" + gre + "} 0.5\n")
        .contains("cloudflare_tunnel_health_data_centers{" + gre + ",state=\"down\"} 1\n")
        .contains("cloudflare_tunnel_health_data_centers{" + gre + ",state=\"degraded\"} 1\n")
        .contains("cloudflare_tunnel_health_data_centers{" + gre + ",state=\"healthy\"} 1\n")
        .contains("cloudflare_tunnel_health_checks_total{" + gre + ",result_status=\"healthy\"} 120\n")
        .contains("cloudflare_tunnel_health_checks_total{" + gre + ",result_status=\"unhealthy\"} 8\n")
        // 99.9 reads as a percentage, 0.95 as a ratio
        .contains("cloudflare_tunnel_health_check_slo_ratio{" + gre + "} 0.999\n")
        .contains("cloudflare_tunnel_health_check_effective_slo_ratio{" + gre + "} 0.95\n")
        .contains("cloudflare_tunnel_traffic_bytes_total{" + gre + ",direction=\"ingress\",on_ramp=\"\",off_ramp=\"\"} 1000\n")
        .contains("cloudflare_tunnel_traffic_packets_total{" + gre + ",direction=\"egress\",on_ramp=\"\",off_ramp=\"\"} 4\n")
        .contains("cloudflare_tunnel_health_state_worst{account_id=\"acc\",tunnel_id=\"t-ipsec-1\",tunnel_type=\"ipsec\","
            + "name=\"IPsec_1\"} 1\n")
        // a name no tunnel list holds keeps its series, without id and type
        .contains("cloudflare_tunnel_traffic_bytes_total{account_id=\"acc\",tunnel_id=\"\",tunnel_type=\"\","
            + "name=\"orphan\",direction=\"ingress\",on_ramp=\"\",off_ramp=\"\"} 10\n")
        .contains("cloudflare_firewall_rule_bytes_total{account_id=\"acc\",rule_id=\"rule-a\"} 100\n")
        .contains("cloudflare_firewall_rule_packets_total{account_id=\"acc\",rule_id=\"rule-a\"} 3\n")
        .doesNotContain("cloudflare_tunnel_health_data_center_state");
    assertThat(Promtool.checkMetrics(text)).isEmpty();
  }

  @Test
  void perDataCenterSeriesWhenAskedFor() throws Exception {
    String text = render(true);
    assertThat(text)
        .contains("cloudflare_tunnel_health_data_center_state{account_id=\"acc\",tunnel_id=\"t-gre-1\","
            + "tunnel_type=\"gre\",name=\"GRE_1\",data_center=\"ORD\"} 0\n")
        .contains("data_center=\"SIN\"} 0.5\n")
        .contains("data_center=\"AMS\"} 1\n")
        .contains("data_center=\"FRA\"} 1\n");
    assertThat(Promtool.checkMetrics(text)).isEmpty();
  }

  @Test
  void aNameTwoKindsShareJoinsByNameOnly() {
    var ids = AnalyticsCollectors.tunnelsByName(List.of(List.of(tunnel("a", Tunnel.GRE, "X")),
        List.of(tunnel("b", Tunnel.IPSEC, "X"), tunnel("c", Tunnel.IPSEC, "Y"))));
    assertThat(ids.get("X")).containsExactly("", "");
    assertThat(ids.get("Y")).containsExactly("c", "ipsec");
  }

  @Test
  void theReferenceNamesTheDatasetAndFieldOfEveryFamily() {
    assertThat(FamilyCatalog.tables()).containsAll(AnalyticsFamilies.TABLES);
    for (FamilyTable<?> t : AnalyticsFamilies.TABLES) {
      assertThat(t.commonLabels()).startsWith("account_id");
      for (Family<?> f : t.families()) {
        assertThat(f.source()).as(f.name()).containsPattern("^magic[A-Za-z]+AdaptiveGroups (count|sum\\.|avg\\.)");
      }
    }
    assertThat(AnalyticsFamilies.TUNNELS.commonLabels()).containsExactly("account_id", "tunnel_id", "tunnel_type",
        "name");
    assertThat(FamilyCatalog.reference()).contains("magicTransitTunnelTrafficAdaptiveGroups sum.bits",
        "magicFirewallSamplesAdaptiveGroups sum.packets", "adaptive (sampled)");
  }
}
