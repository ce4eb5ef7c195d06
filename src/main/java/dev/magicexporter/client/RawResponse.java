package dev.magicexporter.client;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/**
 * An upstream answer exactly as Cloudflare sent it (after budget and retries), for callers that
 * pass it through, such as the admin API. Any status, including 4xx and 5xx; the body is never
 * decoded or checked.
 */
public record RawResponse(int status, MultiMap headers, Buffer body) {}
