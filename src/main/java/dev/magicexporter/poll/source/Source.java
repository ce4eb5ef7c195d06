package dev.magicexporter.poll.source;

import io.vertx.core.Future;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * One source described as data: its name (the {@code source} and {@code poller} label), the token
 * permission it needs (named in the log when Cloudflare answers 401/403), how to fetch one
 * account's value and how many objects a value holds.
 *
 * @param <T> the immutable value stored per account
 */
public record Source<T>(String name, String permission, Function<FetchContext<T>, Future<T>> fetcher,
    ToIntFunction<T> size) {
  public Source {
    if (name == null || !name.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("source name must be snake_case: " + name);
    }
  }
}
