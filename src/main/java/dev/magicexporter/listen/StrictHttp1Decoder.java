package dev.magicexporter.listen;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpMessage;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Vert.x's HTTP/1.x request decoder, except that a request with both {@code Content-Length} and
 * {@code Transfer-Encoding} is refused instead of being read as chunked. Netty drops the length
 * and carries on; RFC 9112 section 6.3 lets a server do that only if it then closes the
 * connection, and a front proxy that trusted the length would see a second, smuggled request.
 * Failing the decode makes Vert.x answer 400 and close the connection.
 */
final class StrictHttp1Decoder extends VertxHttpRequestDecoder {
  static final String NAME = "httpDecoder";

  StrictHttp1Decoder(HttpServerOptions options) {
    super(options);
  }

  @Override
  protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
    throw new IllegalArgumentException("both Content-Length and Transfer-Encoding");
  }

  /**
   * Swaps the decoder of a new HTTP/1.x connection; called from the server's connection handler,
   * which runs on the connection's event loop before its first request is read.
   */
  static void install(HttpConnection connection, HttpServerOptions options) {
    if (connection instanceof ConnectionBase base) {
      ChannelPipeline pipeline = base.channelHandlerContext().pipeline();
      if (pipeline.get(NAME) instanceof VertxHttpRequestDecoder && !(pipeline.get(NAME) instanceof StrictHttp1Decoder)) {
        pipeline.replace(NAME, NAME, new StrictHttp1Decoder(options));
      }
    }
  }
}
