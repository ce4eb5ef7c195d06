package dev.magicexporter.admin;

import dev.magicexporter.client.ApiRequest;
import dev.magicexporter.client.PassThrough;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The daemon's {@link PassThrough} as the admin API's {@link Upstream}: the same credential,
 * retries and request budget as the pollers (admin requests carry {@code Priority.ADMIN} and use
 * the budget's admin reserve). The client adds the Cloudflare auth and drops any auth header.
 */
public final class ClientUpstream implements Upstream {
  private final PassThrough client;

  public ClientUpstream(PassThrough client) {
    this.client = client;
  }

  /** One upstream per configured account, from the daemon's account-to-client map. */
  public static Map<String, Upstream> forAccounts(Map<String, PassThrough> byAccount) {
    Map<String, Upstream> out = new LinkedHashMap<>();
    Map<PassThrough, Upstream> shared = new LinkedHashMap<>();
    byAccount.forEach((account, client) -> out.put(account, shared.computeIfAbsent(client, ClientUpstream::new)));
    return out;
  }

  @Override
  public Future<Response> send(ApiRequest request) {
    return client.send(request).map(r -> new Response(r.status(), r.headers(), r.body()));
  }

  @Override
  public Future<Void> pipe(ApiRequest request, Function<Head, WriteStream<Buffer>> onHead) {
    return client.pipe(request, head -> onHead.apply(new Head(head.status(), head.headers())));
  }
}
