package dev.magicexporter.poll.source;

import dev.magicexporter.client.ApiException;
import dev.magicexporter.client.ApiRequest;
import dev.magicexporter.client.CloudflareClient;
import dev.magicexporter.client.Priority;
import dev.magicexporter.client.ResultDecoder;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Request and decoding helpers shared by the sources. */
final class Requests {
  /** Makes {@code health_check.target} the object {@code {effective, saved}}, as Terraform does. */
  static final String NEW_HC_TARGET_HEADER = "x-magic-new-hc-target";

  private Requests() {}

  static ApiRequest get(String template, String accountId, Priority priority) {
    return ApiRequest.get(template).withPath("account_id", accountId).withPriority(priority);
  }

  /**
   * A list inside an object result ({@code result.gre_tunnels}); a missing field is an empty list
   * (the API marks it optional) but a null or missing {@code result} is malformed, so a broken
   * answer never empties the store.
   */
  static <T> Future<List<T>> listField(CloudflareClient client, ApiRequest req, String field, Class<T> type) {
    ResultDecoder<Optional<List<T>>> decoder =
        p -> Optional.ofNullable(ResultDecoder.field(field, ResultDecoder.listOf(type)).decode(p));
    return client.send(req, decoder).map(r -> {
      if (r.result() == null) {
        throw new ApiException.Malformed(r.status(), "no result in the answer to " + req.template(), null);
      }
      return withoutNulls(r.result().orElse(List.of()));
    });
  }

  /** A list that is the result itself ({@code result: [...]}); null result is malformed. */
  static <T> Future<List<T>> list(CloudflareClient client, ApiRequest req, Class<T> type) {
    return client.send(req, ResultDecoder.listOf(type)).map(r -> {
      if (r.result() == null) {
        throw new ApiException.Malformed(r.status(), "no result in the answer to " + req.template(), null);
      }
      return withoutNulls(r.result());
    });
  }

  /** Drops JSON nulls and objects without an id: neither can be keyed. */
  static <T> List<T> withIds(List<T> items, Function<T, String> id) {
    List<T> out = new ArrayList<>(items.size());
    for (T t : items) {
      String v = id.apply(t);
      if (v != null && !v.isEmpty()) {
        out.add(t);
      }
    }
    return List.copyOf(out);
  }

  static <T> List<T> withoutNulls(List<T> items) {
    List<T> out = new ArrayList<>(items.size());
    for (T t : items) {
      if (t != null) {
        out.add(t);
      }
    }
    return out;
  }
}
