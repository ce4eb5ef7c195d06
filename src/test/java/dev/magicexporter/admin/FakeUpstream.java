package dev.magicexporter.admin;

import dev.magicexporter.client.ApiRequest;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * An {@link Upstream} for tests: records every request and answers with what the test set up
 * (by default a small success envelope), or holds answers until released.
 */
final class FakeUpstream implements Upstream {
  final List<ApiRequest> requests = new CopyOnWriteArrayList<>();
  private volatile Function<ApiRequest, Future<Response>> answer = r -> Future.succeededFuture(ok("{}"));
  private final List<Promise<Response>> held = new CopyOnWriteArrayList<>();

  static Response ok(String resultJson) {
    return json(200, "{\"result\":" + resultJson + ",\"success\":true,\"errors\":[],\"messages\":[]}");
  }

  static Response json(int status, String body) {
    return new Response(status, MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json")
        .add("Set-Cookie", "__cf_bm=upstream-cookie").add("Ratelimit", "\"default\";r=50;t=30"),
        Buffer.buffer(body));
  }

  FakeUpstream answer(Function<ApiRequest, Future<Response>> a) {
    this.answer = a;
    return this;
  }

  FakeUpstream always(Response r) {
    return answer(req -> Future.succeededFuture(r));
  }

  /** Answers stay pending until {@link #release(Response)}. */
  FakeUpstream hold() {
    return answer(req -> {
      Promise<Response> p = Promise.promise();
      held.add(p);
      return p.future();
    });
  }

  int heldCount() {
    return held.size();
  }

  void release(Response r) {
    held.forEach(p -> p.tryComplete(r));
    held.clear();
  }

  @Override
  public Future<Response> send(ApiRequest request) {
    requests.add(request);
    return answer.apply(request);
  }

  @Override
  public Future<Void> pipe(ApiRequest request, Function<Head, WriteStream<Buffer>> onHead) {
    requests.add(request);
    return answer.apply(request).compose(r -> {
      WriteStream<Buffer> sink = onHead.apply(new Head(r.status(), r.headers()));
      return sink.write(r.body()).compose(v -> sink.end());
    });
  }
}
