package dev.magicexporter.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import io.vertx.core.Future;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The permit of a request taken from the budget is held until its answer is in: for a buffered
 * answer until it arrived, for a streamed one until its body was piped to the end, the pipe
 * failed, or the exchange was aborted; for a failed attempt at once. With one slot in flight, the
 * next request starts only then.
 */
class BudgetedTransportTest extends ClientTestBase {
  static final String DOWNLOAD = "/accounts/{account_id}/pcaps/{pcap_id}/download";

  private RequestBudget budget;
  private BudgetedTransport transport;

  @BeforeEach
  void compose() {
    ClientOptions o = options();
    Credential c = Credential.token(TOKEN);
    budget = new RequestBudget(c.id(), 100, Duration.ofMinutes(5), 0.1, 1, BudgetClock.vertx(vertx));
    transport = new BudgetedTransport(new HttpTransport(vertx, o, c), budget, vertx, RetryPolicy.of(o));
    wm.stubFor(get(urlPathEqualTo(path(DOWNLOAD).replace("{pcap_id}", "p1")))
        .willReturn(aResponse().withStatus(200).withBody(new byte[256 * 1024])));
    wm.stubFor(get(urlPathEqualTo(path(DOWNLOAD).replace("{pcap_id}", "reset")))
        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
  }

  private static ApiRequest download(String id) {
    return req(DOWNLOAD).withPath("pcap_id", id).withPriority(Priority.TELEMETRY);
  }

  @Test
  void aStreamedAnswerHoldsItsSlotUntilItsBodyIsPiped() {
    StreamedResponse r = await(transport.open(download("p1")));
    assertThat(budget.inFlight()).as("head in, body not yet piped").isEqualTo(1);
    Future<RequestBudget.Permit> next = budget.permit(Priority.TELEMETRY);
    assertThat(next.isComplete()).as("the one slot is taken while the body streams").isFalse();
    await(r.pipeTo(BodySink.drop()));
    await(next).release();
    assertThat(budget.inFlight()).isZero();
  }

  @Test
  void anAbortedStreamFreesItsSlot() {
    StreamedResponse r = await(transport.open(download("p1")));
    assertThat(budget.inFlight()).isEqualTo(1);
    r.abort().run();
    assertThat(budget.inFlight()).isZero();
    r.abort().run();
    assertThat(budget.inFlight()).as("released once").isZero();
  }

  @Test
  void aFailedAttemptFreesItsSlotAtOnce() {
    awaitFailure(transport.open(download("reset")));
    assertThat(budget.inFlight()).isZero();
    awaitFailure(transport.send(download("reset")));
    assertThat(budget.inFlight()).isZero();
  }

  @Test
  void aBufferedAnswerFreesItsSlotWhenItIsIn() {
    RawResponse r = await(transport.send(download("p1")));
    assertThat(r.body().length()).isEqualTo(256 * 1024);
    assertThat(budget.inFlight()).isZero();
  }
}
