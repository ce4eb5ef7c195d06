package dev.magicexporter.client;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.magicexporter.model.CursorPage;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Both paging styles and their guards against lists that never end. */
class ClientPagingTest extends ClientTestBase {
  static final String SERVICES = "/accounts/{account_id}/connectivity/directory/services";
  static final String EVENTS = "/accounts/{account_id}/magic/connectors/{connector_id}/telemetry/events";

  record Item(String id) {}

  record Event(long t, int n) {}

  private static String items(int from, int count) {
    return IntStream.range(from, from + count).mapToObj(i -> "{\"id\":\"s" + i + "\"}")
        .collect(Collectors.joining(",", "[", "]"));
  }

  private static void page(int page, String result, String resultInfo) {
    wm.stubFor(get(urlPathEqualTo(path(SERVICES))).withQueryParam("page", equalTo(Integer.toString(page)))
        .willReturn(okJson("{\"success\":true,\"errors\":[],\"messages\":[],\"result\":" + result
            + (resultInfo == null ? "" : ",\"result_info\":" + resultInfo) + "}")));
  }

  private static String info(int page, int perPage, int count, Integer totalPages) {
    return "{\"page\":" + page + ",\"per_page\":" + perPage + ",\"count\":" + count
        + (totalPages == null ? "" : ",\"total_pages\":" + totalPages) + "}";
  }

  private static int requestCount() {
    return wm.findAll(anyRequestedFor(anyUrl())).size();
  }

  private List<Item> listAll(TestClient c, int perPage) {
    return await(c.listAllPages(req(SERVICES), ResultDecoder.listOf(Item.class), perPage));
  }

  @Test
  void readsEveryPageUpToTotalPages() {
    page(1, items(0, 2), info(1, 2, 2, 3));
    page(2, items(2, 2), info(2, 2, 2, 3));
    page(3, items(4, 1), info(3, 2, 1, 3));

    List<Item> all = listAll(client(), 2);

    assertThat(all).extracting(Item::id).containsExactly("s0", "s1", "s2", "s3", "s4");
    assertThat(requestCount()).isEqualTo(3);
    wm.verify(3, getRequestedFor(urlPathEqualTo(path(SERVICES))).withQueryParam("per_page", equalTo("2")));
  }

  @Test
  void stopsAtTotalPagesEvenWhenTheLastPageIsFull() {
    page(1, items(0, 2), info(1, 2, 2, 2));
    page(2, items(2, 2), info(2, 2, 2, 2));
    page(3, items(4, 2), info(3, 2, 2, 2));

    assertThat(listAll(client(), 2)).hasSize(4);
    assertThat(requestCount()).isEqualTo(2);
  }

  @Test
  void withoutTotalPagesStopsOnAnEmptyPage() {
    page(1, items(0, 2), info(1, 2, 2, null));
    page(2, items(2, 2), info(2, 2, 2, null));
    page(3, "[]", info(3, 2, 0, null));

    assertThat(listAll(client(), 2)).hasSize(4);
    assertThat(requestCount()).isEqualTo(3);
  }

  @Test
  void withoutTotalPagesStopsOnAShortPage() {
    page(1, items(0, 2), info(1, 2, 2, null));
    page(2, items(2, 1), info(2, 2, 1, null));

    assertThat(listAll(client(), 2)).hasSize(3);
    assertThat(requestCount()).isEqualTo(2);
  }

  @Test
  void aListWithoutResultInfoIsOnePage() {
    page(1, items(0, 3), null);

    assertThat(listAll(client(), 2)).hasSize(3);
    assertThat(requestCount()).isEqualTo(1);
  }

  @Test
  void aServerThatIgnoresThePageParameterFailsInsteadOfLooping() {
    wm.stubFor(get(urlPathEqualTo(path(SERVICES)))
        .willReturn(okJson("{\"success\":true,\"result\":" + items(0, 2) + ",\"result_info\":" + info(1, 2, 2, null) + "}")));

    Throwable t = awaitFailure(client().listAllPages(req(SERVICES), ResultDecoder.listOf(Item.class), 2));

    assertThat(t).isInstanceOf(ApiException.Malformed.class).hasMessageContaining("asked for page 2")
        .hasMessageContaining("got page 1");
    assertThat(requestCount()).isEqualTo(2);
  }

  @Test
  void aServerThatRepeatsThePageWithoutNumberingItFailsInsteadOfLooping() {
    wm.stubFor(get(urlPathEqualTo(path(SERVICES)))
        .willReturn(okJson("{\"success\":true,\"result\":" + items(0, 2) + ",\"result_info\":{\"count\":2}}")));

    Throwable t = awaitFailure(client().listAllPages(req(SERVICES), ResultDecoder.listOf(Item.class), 2));

    assertThat(t).isInstanceOf(ApiException.Malformed.class).hasMessageContaining("page 2 of " + SERVICES + " repeats page 1");
    assertThat(requestCount()).isEqualTo(2);
  }

  @Test
  void stopsAtTotalCount() {
    page(1, items(0, 2), "{\"count\":2,\"total_count\":4}");
    page(2, items(2, 2), "{\"count\":2,\"total_count\":4}");

    assertThat(listAll(client(), 2)).hasSize(4);
    assertThat(requestCount()).isEqualTo(2);
  }

  @Test
  void aPageSequenceThatNeverEndsStopsAtMaxPages() {
    for (int p = 1; p <= 6; p++) {
      page(p, items(p * 2, 2), "{\"page\":" + p + ",\"per_page\":2}");
    }

    Throwable t = awaitFailure(client(options().withMaxPages(4))
        .listAllPages(req(SERVICES), ResultDecoder.listOf(Item.class), 2));

    assertThat(t).isInstanceOf(ApiException.Malformed.class).hasMessageContaining("did not end after 4 pages");
    assertThat(requestCount()).isEqualTo(4);
    assertThat(scrape()).contains("cloudflare_exporter_api_errors_total{endpoint=\"" + SERVICES
        + "\",kind=\"malformed\"} 1");
  }

  // ---- cursor paging -------------------------------------------------------------------------

  private static ApiRequest events() {
    return req(EVENTS).withPath("connector_id", "c1")
        .withQuery("from", ApiRequest.decimal(1.7e9)).withQuery("to", ApiRequest.decimal(1700000600.5))
        .withQuery("limit", "2").withPriority(Priority.TELEMETRY);
  }

  private static void cursorPage(String cursorParam, String items, String nextCursor) {
    var mapping = get(urlPathEqualTo(path(EVENTS).replace("{connector_id}", "c1")))
        .withQueryParam("from", equalTo("1700000000")).withQueryParam("to", equalTo("1700000600.5"))
        .withQueryParam("cursor", cursorParam == null ? absent() : equalTo(cursorParam));
    wm.stubFor(mapping.willReturn(okJson(ok("{\"count\":2,\"items\":" + items + ",\"cursor\":"
        + (nextCursor == null ? "null" : "\"" + nextCursor + "\"") + "}"))));
  }

  private static String events(int... ns) {
    return IntStream.of(ns).mapToObj(n -> "{\"t\":1700000001,\"n\":" + n + "}")
        .collect(Collectors.joining(",", "[", "]"));
  }

  @Test
  void followsTheCursorPageByPageWaitingForEachConsumer() {
    cursorPage(null, events(1, 2), "c1");
    cursorPage("c1", events(3, 4), "c2");
    cursorPage("c2", events(5), null);
    List<Integer> seen = new ArrayList<>();
    List<Integer> requestsWhenConsumed = new ArrayList<>();

    await(client().forEachCursorPage(events(), ResultDecoder.cursorPage(Event.class), page -> {
      requestsWhenConsumed.add(requestCount());
      Promise<Void> slow = Promise.promise();
      vertx.setTimer(30, id -> {
        page.items().forEach(e -> seen.add(e.n()));
        slow.complete();
      });
      return slow.future();
    }));

    assertThat(seen).containsExactly(1, 2, 3, 4, 5);
    assertThat(requestsWhenConsumed).as("the next page waits for the consumer").containsExactly(1, 2, 3);
  }

  @Test
  void resumesFromACursorAlreadyInTheRequest() {
    cursorPage("c7", events(9), null);
    List<CursorPage<Event>> pages = new ArrayList<>();

    await(client().forEachCursorPage(events().withQuery("cursor", "c7"), ResultDecoder.cursorPage(Event.class),
        p -> {
          pages.add(p);
          return Future.succeededFuture();
        }));

    assertThat(pages).hasSize(1);
    wm.verify(1, getRequestedFor(anyUrl()).withQueryParam("cursor", equalTo("c7")));
  }

  @Test
  void stopsOnAnEmptyPageEvenWithACursor() {
    cursorPage(null, events(1, 2), "c1");
    cursorPage("c1", "[]", "c2");
    cursorPage("c2", events(3), null);
    List<Integer> sizes = new ArrayList<>();

    await(client().forEachCursorPage(events(), ResultDecoder.cursorPage(Event.class), p -> {
      sizes.add(p.items().size());
      return Future.succeededFuture();
    }));

    assertThat(sizes).containsExactly(2, 0);
    assertThat(requestCount()).isEqualTo(2);
  }

  @Test
  void aRepeatedCursorFailsInsteadOfLooping() {
    cursorPage(null, events(1), "c1");
    cursorPage("c1", events(2), "c2");
    cursorPage("c2", events(3), "c1");

    Throwable t = awaitFailure(client().forEachCursorPage(events(), ResultDecoder.cursorPage(Event.class),
        p -> Future.succeededFuture()));

    assertThat(t).isInstanceOf(ApiException.Malformed.class).hasMessageContaining("cursor repeated after 3 pages");
    assertThat(requestCount()).isEqualTo(3);
  }

  @Test
  void endlessFreshCursorsStopAtMaxPages() {
    for (int i = 0; i < 10; i++) {
      cursorPage(i == 0 ? null : "c" + i, events(i), "c" + (i + 1));
    }

    Throwable t = awaitFailure(client(options().withMaxPages(5))
        .forEachCursorPage(events(), ResultDecoder.cursorPage(Event.class), p -> Future.succeededFuture()));

    assertThat(t).isInstanceOf(ApiException.Malformed.class).hasMessageContaining("did not end after 5 pages");
    assertThat(requestCount()).isEqualTo(5);
  }

  @Test
  void aConsumerFailureStopsPagingAndPassesThrough() {
    cursorPage(null, events(1), "c1");
    cursorPage("c1", events(2), null);
    IllegalStateException disk = new IllegalStateException("checkpoint write failed");

    Throwable t = awaitFailure(client().forEachCursorPage(events(), ResultDecoder.cursorPage(Event.class),
        p -> Future.failedFuture(disk)));

    assertThat(t).isSameAs(disk);
    assertThat(requestCount()).isEqualTo(1);
  }

  @Test
  void aTelemetryListWithoutItemsIsMalformed() {
    wm.stubFor(get(anyUrl()).willReturn(okJson(ok("{\"count\":0,\"cursor\":null}"))));

    Throwable t = awaitFailure(client().forEachCursorPage(events(), ResultDecoder.cursorPage(Event.class),
        p -> Future.succeededFuture()));

    assertThat(t).isInstanceOf(ApiException.Malformed.class).hasMessageContaining("without 'items'");
  }
}
