package dev.magicexporter.poll.source;

import dev.magicexporter.client.CloudflareApi;
import java.time.Instant;

/**
 * What one fetch of one account gets: the API, the account, the account's last good value (so
 * that a fetch can refresh part of it and keep the rest) and a sink for failures of single
 * objects that do not fail the whole fetch.
 */
public record FetchContext<T>(CloudflareApi api, String accountId, T previous, Instant now, ObjectErrors errors) {

  /** Records a failure of one object inside an otherwise successful fetch. */
  @FunctionalInterface
  public interface ObjectErrors {
    void record(String object, Throwable error);
  }
}
