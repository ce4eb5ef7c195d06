package dev.magicexporter.client;

import dev.magicexporter.app.ClientStack;
import dev.magicexporter.model.CursorPage;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import java.util.List;
import java.util.function.Function;

/**
 * The generic calls of a composed stack under short names, for the client's own tests: they
 * exercise the transport and its decorators with requests and decoders of their choosing.
 */
final class TestClient {
  final ClientStack stack;

  TestClient(ClientStack stack) {
    this.stack = stack;
  }

  static TestClient of(Vertx vertx, ClientOptions options, Credential credential, RequestBudget budget,
      MeterRegistry registry) {
    return new TestClient(TestClients.stack(vertx, options, credential, budget, registry));
  }

  static TestClient of(Vertx vertx, ClientOptions options, Credential credential) {
    return new TestClient(TestClients.stack(vertx, options, credential));
  }

  RequestBudget budget() {
    return stack.budget();
  }

  <T> Future<ApiResponse<T>> send(ApiRequest req, ResultDecoder<T> decoder) {
    return stack.calls().send(req, decoder);
  }

  Future<RawResponse> sendRaw(ApiRequest req) {
    return stack.passThrough().send(req);
  }

  Future<Void> pipe(ApiRequest req, Function<ResponseHead, WriteStream<Buffer>> onHead) {
    return stack.passThrough().pipe(req, onHead);
  }

  <T> Future<List<T>> listAllPages(ApiRequest req, ResultDecoder<List<T>> items, int perPage) {
    return stack.calls().allPages(req, items, perPage);
  }

  <T> Future<Void> forEachCursorPage(ApiRequest req, ResultDecoder<CursorPage<T>> decoder,
      Function<CursorPage<T>, Future<Void>> onPage) {
    return stack.calls().cursorPages(req, decoder, onPage);
  }

  Future<Void> close() {
    return stack.close();
  }
}
