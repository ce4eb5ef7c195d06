package dev.magicexporter.client;

import java.util.List;

/**
 * A row of the endpoint table that lists objects: the request, where the list sits in
 * {@code result} ({@code field}, e.g. {@code gre_tunnels} for {@code result.gre_tunnels}; null when
 * {@code result} is the list itself) and the model type of its items.
 */
public record ListEndpoint<T>(Endpoint endpoint, String field, Class<T> type) {

  public ListEndpoint<T> withHeader(String name, String value) {
    return new ListEndpoint<>(endpoint.withHeader(name, value), field, type);
  }

  /**
   * The decoder of one page: items read leniently ({@link LenientItems#listOf}); inside an object
   * result a missing field is an empty list (the API marks these fields optional).
   */
  ResultDecoder<List<T>> decoder(LenientItems.DroppedFields dropped) {
    ResultDecoder<List<T>> items = LenientItems.listOf(type, dropped);
    if (field == null) {
      return items;
    }
    ResultDecoder<List<T>> inObject = ResultDecoder.field(field, items);
    return p -> {
      List<T> l = inObject.decode(p);
      return l == null ? List.of() : l;
    };
  }
}
