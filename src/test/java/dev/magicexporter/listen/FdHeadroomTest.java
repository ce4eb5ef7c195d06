package dev.magicexporter.listen;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FdHeadroomTest {
  private static final List<ListenerLimits> DEFAULTS = List.of(
      new ListenerLimits("metrics", 256, Duration.ofMinutes(2)), new ListenerLimits("admin", 64, Duration.ofMinutes(1)));

  @Test
  void theDefaultsFitUnderTheCommonLimitOf1024WithThreeQuartersToSpare() {
    assertThat(FdHeadroom.fit(DEFAULTS, 1024)).isEqualTo(DEFAULTS);
    assertThat(DEFAULTS.stream().mapToInt(ListenerLimits::maxConnections).sum()).isLessThan(1024 / 2);
  }

  @Test
  void capsThatWouldEatTheReserveAreScaledDownInProportion() {
    List<ListenerLimits> big = List.of(new ListenerLimits("metrics", 900, Duration.ofMinutes(2)),
        new ListenerLimits("admin", 300, Duration.ofMinutes(1)));
    List<ListenerLimits> fitted = FdHeadroom.fit(big, 1024);
    int sum = fitted.stream().mapToInt(ListenerLimits::maxConnections).sum();
    assertThat(sum).isLessThanOrEqualTo(1024 - 256);
    assertThat(fitted.get(0).maxConnections()).isEqualTo(576);
    assertThat(fitted.get(1).maxConnections()).isEqualTo(192);
  }

  @Test
  void aTinyLimitStillLeavesEachListenerAFewConnections() {
    List<ListenerLimits> fitted = FdHeadroom.fit(DEFAULTS, 100);
    assertThat(fitted).allSatisfy(l -> assertThat(l.maxConnections()).isEqualTo(FdHeadroom.MIN_CAP));
  }

  @Test
  void theLimitOfThisProcessIsRead() {
    assertThat(FdHeadroom.fdLimit()).isGreaterThan(0);
  }
}
