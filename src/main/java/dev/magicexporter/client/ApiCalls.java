package dev.magicexporter.client;

import dev.magicexporter.model.CursorPage;
import dev.magicexporter.model.ResultInfo;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The three shapes of a Cloudflare call over a {@link Transport}: one request read by a
 * {@link ResponseReader}; a {@code page}/{@code per_page} list walked through its
 * {@code result_info}; a telemetry list walked through its cursor, page by page. Every failure
 * that reaches the caller is counted once in {@link ClientMetrics} by kind.
 */
public final class ApiCalls {
  private final Transport transport;
  private final ClientMetrics metrics;
  private final int maxPages;

  /** @param maxPages more pages than this is a server that ignores paging: malformed */
  public ApiCalls(Transport transport, ClientMetrics metrics, int maxPages) {
    this.transport = transport;
    this.metrics = metrics;
    this.maxPages = maxPages;
  }

  /** These calls with every request at {@code priority} in the request budget, whatever its endpoint's. */
  public ApiCalls at(Priority priority) {
    Transport inner = transport;
    return new ApiCalls(new Transport() {
      @Override
      public Future<RawResponse> send(ApiRequest request) {
        return inner.send(request.withPriority(priority));
      }

      @Override
      public Future<StreamedResponse> open(ApiRequest request) {
        return inner.open(request.withPriority(priority));
      }
    }, metrics, maxPages);
  }

  /** Sends one request and reads the final answer. */
  public <T> Future<T> call(ApiRequest req, ResponseReader<T> reader) {
    return metrics.counted(req, transport.send(req).map(resp -> reader.read(req, resp)));
  }

  /** Sends one request and reads its v4 envelope. */
  public <T> Future<ApiResponse<T>> send(ApiRequest req, ResultDecoder<T> decoder) {
    return call(req, V4Envelope.of(decoder));
  }

  /**
   * Every page of a list, concatenated. With {@code perPage} the first request already asks for
   * {@code page=1&per_page=perPage}; without, the first request is sent as is and paging starts
   * only when its {@code result_info} shows more pages, with the server's own {@code per_page}.
   * Paging stops at an empty page, at {@code total_pages}, at a short page, at
   * {@code total_count}, or when there is no {@code result_info} (an unpaged list). A server that
   * ignores {@code page} (another page number, or a page that repeats the previous one), or more
   * than {@code maxPages} pages, fails with {@link ApiException.Malformed} instead of looping. A
   * null or missing {@code result} is malformed too: a broken answer must never empty a list.
   */
  public <T> Future<List<T>> allPages(ApiRequest req, ResultDecoder<List<T>> items, Integer perPage) {
    List<T> all = new ArrayList<>();
    ApiRequest first = perPage == null ? req
        : req.replaceQuery("per_page", Integer.toString(perPage)).replaceQuery("page", "1");
    return metrics.counted(req, page(first, items, 1, List.of(), all)).map(v -> all);
  }

  private <T> Future<Void> page(ApiRequest req, ResultDecoder<List<T>> items, int page, List<T> previous,
      List<T> acc) {
    if (page > maxPages) {
      return Future.failedFuture(new ApiException.Malformed(200,
          "paging did not end after " + maxPages + " pages of " + req.template(), null));
    }
    return transport.send(req).map(resp -> V4Envelope.read(req, resp, items)).compose(r -> {
      if (r.result() == null) {
        return Future.failedFuture(new ApiException.Malformed(r.status(),
            "no result in the answer to " + req.template(), null));
      }
      List<T> got = r.result();
      ResultInfo info = r.resultInfo();
      if (info != null && info.page() != null && info.page() != page) {
        return Future.failedFuture(new ApiException.Malformed(r.status(),
            "asked for page " + page + " of " + req.template() + " but got page " + info.page(), null));
      }
      if (!got.isEmpty() && got.equals(previous)) {
        return Future.failedFuture(new ApiException.Malformed(r.status(),
            "page " + page + " of " + req.template() + " repeats page " + (page - 1), null));
      }
      acc.addAll(got);
      if (isLastPage(got, info, page, acc.size())) {
        return Future.succeededFuture();
      }
      ApiRequest next = req.replaceQuery("page", Integer.toString(page + 1));
      if (!hasQuery(next, "per_page") && info.perPage() != null) {
        next = next.replaceQuery("per_page", Integer.toString(info.perPage()));
      }
      return page(next, items, page + 1, got, acc);
    });
  }

  private static boolean isLastPage(List<?> got, ResultInfo info, int page, int seen) {
    if (got.isEmpty() || info == null) {
      return true; // an empty page ends every list; no result_info means an unpaged list
    }
    if (info.totalPages() != null) {
      return page >= info.totalPages();
    }
    if (info.perPage() != null && got.size() < info.perPage()) {
      return true;
    }
    return info.totalCount() != null && seen >= info.totalCount();
  }

  /**
   * Pages a telemetry list through its cursor, handing each page to {@code onPage} in order; the
   * next page is requested only after {@code onPage}'s future completes, so a consumer can
   * checkpoint page by page. A {@code cursor} already in {@code req} is where paging resumes.
   * Paging stops at a page without cursor or without items; a cursor that repeats, or more than
   * {@code maxPages} pages, fails with {@link ApiException.Malformed} instead of looping.
   * {@code onPage}'s own failures pass through unchanged (and are not counted here).
   */
  public <T> Future<Void> cursorPages(ApiRequest req, ResultDecoder<CursorPage<T>> decoder,
      Function<CursorPage<T>, Future<Void>> onPage) {
    Set<String> seen = new HashSet<>();
    for (Map.Entry<String, String> q : req.query()) {
      if (q.getKey().equals("cursor")) {
        seen.add(q.getValue());
      }
    }
    return cursor(req, decoder, onPage, seen, 0);
  }

  private <T> Future<Void> cursor(ApiRequest req, ResultDecoder<CursorPage<T>> decoder,
      Function<CursorPage<T>, Future<Void>> onPage, Set<String> seen, int pages) {
    if (pages >= maxPages) {
      return fail(req, new ApiException.Malformed(200,
          "cursor paging did not end after " + pages + " pages of " + req.template(), null));
    }
    return send(req, decoder).compose(r -> {
      CursorPage<T> page = r.result();
      if (page == null) {
        return fail(req, new ApiException.Malformed(r.status(), "telemetry list without result", null));
      }
      Future<Void> consumed = onPage.apply(page);
      return (consumed == null ? Future.<Void>succeededFuture() : consumed).compose(v -> {
        String next = page.cursor();
        if (next == null || page.items().isEmpty()) {
          return Future.succeededFuture();
        }
        if (!seen.add(next)) {
          return fail(req, new ApiException.Malformed(r.status(),
              "cursor repeated after " + (pages + 1) + " pages of " + req.template(), null));
        }
        return cursor(req.replaceQuery("cursor", next), decoder, onPage, seen, pages + 1);
      });
    });
  }

  private <T> Future<T> fail(ApiRequest req, ApiException e) {
    metrics.error(req, e);
    return Future.failedFuture(e);
  }

  private static boolean hasQuery(ApiRequest req, String name) {
    for (Map.Entry<String, String> q : req.query()) {
      if (q.getKey().equals(name)) {
        return true;
      }
    }
    return false;
  }
}
