package dev.magicexporter.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BudgetShareTest {
  private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

  @Test
  void byDefaultPlansHalfOfTheCredentialsLimit() {
    BudgetShare s = BudgetShare.of(1200, FIVE_MINUTES, 0.5, 0, 1, 0.1, 4);
    assertThat(s.planned()).isEqualTo(600);
    assertThat(s.reserved()).isEqualTo(60);
    assertThat(s.describe("token:3f9a0c1d")).isEqualTo("request budget of credential token:3f9a0c1d: planning 600 "
        + "of its 1200 requests per 300s (50% of the limit), 60 of them reserved for the admin API, at most 4 "
        + "poller requests in flight; after a 429 the plan is halved and recovers by a tenth per window");
  }

  @Test
  void replicasSharingACredentialEachTakeAnEqualPartUnlessConfigured() {
    BudgetShare four = BudgetShare.of(1200, FIVE_MINUTES, 0.5, 0, 4, 0.1, 4);
    assertThat(four.planned()).isEqualTo(150);
    assertThat(four.describe("token:x")).contains("planning 150 of its 1200 requests per 300s (50% of the limit, "
        + "25% of that for this replica of 4)");
    assertThat(BudgetShare.of(1200, FIVE_MINUTES, 1, 0, 3, 0, 4).planned()).isEqualTo(400);
    assertThat(BudgetShare.of(1200, FIVE_MINUTES, 1, 0.5, 4, 0, 4).planned()).isEqualTo(600);
  }

  @Test
  void neverPlansLessThanOneRequestAndRefusesNonsense() {
    assertThat(BudgetShare.of(3, FIVE_MINUTES, 0.1, 0, 8, 0.5, 1).planned()).isEqualTo(1);
    assertThat(BudgetShare.of(3, FIVE_MINUTES, 0.1, 0, 8, 0.5, 1).reserved()).isZero();
    assertThatThrownBy(() -> BudgetShare.of(1200, FIVE_MINUTES, 0, 0, 1, 0.1, 4))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BudgetShare.of(1200, FIVE_MINUTES, 0.5, 0, 1, 0.1, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
