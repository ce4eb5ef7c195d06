package dev.magicexporter.client;

/**
 * Turns a final answer (any status, after budget and retries) into a result or a typed
 * {@link ApiException}: the v4 envelope ({@link V4Envelope}) for the REST endpoints; another
 * envelope (e.g. GraphQL's {@code {data, errors}}) is another implementation.
 */
@FunctionalInterface
public interface ResponseReader<T> {
  T read(ApiRequest request, RawResponse response);
}
