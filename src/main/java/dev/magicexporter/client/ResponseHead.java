package dev.magicexporter.client;

import io.vertx.core.MultiMap;

/**
 * Status and headers of a streamed response, handed to the sink factory of
 * {@link PassThrough#pipe} before any body byte is written.
 */
public record ResponseHead(int status, MultiMap headers) {}
