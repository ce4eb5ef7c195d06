package dev.magicexporter.poll.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magicexporter.model.analytics.AnalyticsFeed;
import dev.magicexporter.model.analytics.AnalyticsGroup;
import dev.magicexporter.sim.graphql.AnalyticsSimWorld;
import dev.magicexporter.state.AnalyticsCheckpoint;
import dev.magicexporter.state.AnalyticsCheckpoint.Counted;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Compares what a checkpoint says it counted with the simulator's ground truth for the same window. */
final class AnalyticsGroundTruth {
  private AnalyticsGroundTruth() {}

  /** Every counted feed of {@code cp} holds exactly the truth of {@code [since, counted_to)}; returns the feeds checked. */
  static int assertExact(AnalyticsSimWorld truth, String account, AnalyticsCheckpoint cp) {
    int checked = 0;
    for (Map.Entry<AnalyticsFeed, Counted> e : cp.feeds().entrySet()) {
      AnalyticsFeed f = e.getKey();
      Counted c = e.getValue();
      List<String> fields = new ArrayList<>();
      for (String a : f.aggregates()) {
        fields.add(a.equals("count") ? "count" : a.substring(a.indexOf('.') + 1));
      }
      Map<List<String>, double[]> want = truth.totals(f.dataset(), account, c.since(),
          c.countedTo(), f.dimensions(), fields);
      assertThat(c.skippedSeconds()).as(f.id() + " skipped nothing").isZero();
      List<AnalyticsGroup> expected = new ArrayList<>();
      want.forEach((k, v) -> {
        List<Double> values = new ArrayList<>();
        for (double x : v) {
          values.add(x);
        }
        expected.add(new AnalyticsGroup(k, values));
      });
      assertThat(c.totals()).as("%s over [%d, %d)", f.id(), c.since(), c.countedTo())
          .containsExactlyElementsOf(Totals.add(List.of(), expected, f.aggregates().size()));
      checked++;
    }
    return checked;
  }
}
