package dev.magicexporter.poll.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magicexporter.model.analytics.AnalyticsGroup;
import dev.magicexporter.model.analytics.AnalyticsWindow;
import dev.magicexporter.state.AnalyticsCheckpoint.Counted;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowPlannerTest {
  private static final long T = 1_764_000_000L; // a whole minute
  private static final long DAY = 86_400;

  private static Counted at(long countedTo) {
    return new Counted(countedTo - 3600, countedTo, 0, List.of());
  }

  @Test
  void onlyClosedMinutesAreRead() {
    // at T+299 with a 300 s delay, the latest closed minute ends at T-60
    assertThat(WindowPlanner.latest(T + 299, 300)).isEqualTo(new AnalyticsWindow(T - 120, T - 60));
    assertThat(WindowPlanner.latest(T + 300, 300)).isEqualTo(new AnalyticsWindow(T - 60, T));
    assertThat(WindowPlanner.next(at(T - 60), T + 299, 300, 3600, 3600, DAY).window()).isNull();
    assertThat(WindowPlanner.next(at(T - 60), T + 300, 300, 3600, 3600, DAY).window())
        .isEqualTo(new AnalyticsWindow(T - 60, T));
  }

  @Test
  void theFirstStartCountsTheInitialLookBack() {
    WindowPlanner.Plan p = WindowPlanner.next(null, T + 300, 300, 600, 3600, DAY);
    assertThat(p.window()).isEqualTo(new AnalyticsWindow(T - 600, T));
    assertThat(p.skipped()).isZero();
    // no look-back: nothing until the next minute closes
    assertThat(WindowPlanner.next(null, T + 300, 300, 0, 3600, DAY).window()).isNull();
  }

  @Test
  void aGapIsCaughtUpInStepsOfTheWidth() {
    WindowPlanner.Plan p = WindowPlanner.next(at(T - 7200), T + 300, 300, 600, 1800, DAY);
    assertThat(p.window()).isEqualTo(new AnalyticsWindow(T - 7200, T - 5400));
    // a width that is not whole minutes is rounded down, and never below a minute
    assertThat(WindowPlanner.next(at(T - 7200), T + 300, 300, 600, 90, DAY).window().seconds()).isEqualTo(60);
    assertThat(WindowPlanner.next(at(T - 7200), T + 300, 300, 600, 10, DAY).window().seconds()).isEqualTo(60);
  }

  @Test
  void timePastTheLookBackIsSkippedAndSaidSo() {
    long notOlderThan = 7200;
    WindowPlanner.Plan p = WindowPlanner.next(at(T - 3 * 3600), T, 300, 600, 3600, notOlderThan);
    long oldest = T - notOlderThan + WindowPlanner.LOOKBACK_MARGIN;
    assertThat(p.window().start()).isEqualTo(oldest);
    assertThat(p.skipped()).isEqualTo(oldest - (T - 3 * 3600));
  }

  @Test
  void totalsAddWindowsAndNeverGoBack() {
    List<AnalyticsGroup> a = Totals.add(List.of(), List.of(
        new AnalyticsGroup(List.of("b"), List.of(1.0, 2.0)),
        new AnalyticsGroup(List.of("a"), List.of(10.0, Double.NaN)),
        new AnalyticsGroup(List.of("b"), List.of(1.0, 1.0))), 2);
    assertThat(a).containsExactly(new AnalyticsGroup(List.of("a"), List.of(10.0, 0.0)),
        new AnalyticsGroup(List.of("b"), List.of(2.0, 3.0)));
    List<AnalyticsGroup> b = Totals.add(a, List.of(new AnalyticsGroup(List.of("a"), List.of(-5.0, 1.0)),
        new AnalyticsGroup(List.of("c"), List.of(0.5, 0.0))), 2);
    assertThat(b).containsExactly(new AnalyticsGroup(List.of("a"), List.of(10.0, 1.0)),
        new AnalyticsGroup(List.of("b"), List.of(2.0, 3.0)), new AnalyticsGroup(List.of("c"), List.of(0.5, 0.0)));
  }
}
