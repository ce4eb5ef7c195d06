package dev.magicexporter.listen;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServer;
import java.lang.reflect.Field;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds the descriptors of one listener where they are taken: at accept, on the acceptor thread.
 * {@link ConnectionGuard} closes connections over the cap, but only once an event loop gets to
 * them; a burst of a thousand connects is accepted faster than that, and every accepted socket is
 * a descriptor. The gate counts accepted sockets until they are closed and closes any beyond
 * {@code limit} at once, so the listener never holds more than {@code limit} descriptors and
 * checkpoint writes keep theirs. The limit is the connection cap plus some room for the
 * connections that arrive to evict idle ones.
 *
 * <p>Vert.x has no public hook before its event loops, so the gate goes into the server channel's
 * pipeline, found by reflection on Vert.x 5's {@code HttpServerImpl.tcpServer} and
 * {@code NetServerImpl.bindFuture}. Should a Vert.x upgrade move them, {@link #install} logs a
 * warning and the listener runs with the guard's cap alone (ListenerLoadTest then fails).
 */
@ChannelHandler.Sharable
final class AcceptGate extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(AcceptGate.class);

  private final int limit;
  private final AtomicInteger accepted = new AtomicInteger();
  private final Runnable onRefused;

  AcceptGate(int limit, Runnable onRefused) {
    this.limit = limit;
    this.onRefused = onRefused;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof Channel child) {
      if (accepted.incrementAndGet() > limit) {
        accepted.decrementAndGet();
        child.unsafe().closeForcibly();
        onRefused.run();
        return;
      }
      child.closeFuture().addListener(f -> accepted.decrementAndGet());
    }
    ctx.fireChannelRead(msg);
  }

  int accepted() {
    return accepted.get();
  }

  /** Puts the gate in front of the server's acceptor; false (and a warning) when it cannot. */
  static boolean install(HttpServer server, AcceptGate gate) {
    try {
      Object tcp = field(server, "tcpServer");
      Object actual = field(tcp, "actualServer");
      Object bind = field(actual != null ? actual : tcp, "bindFuture");
      if (bind instanceof Future<?> f && f.result() instanceof Channel serverChannel) {
        serverChannel.pipeline().addFirst("magic-exporter-accept-gate", gate);
        return true;
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warn("cannot bound accepted connections at accept ({}); the connection cap still applies", e.toString());
      return false;
    }
    LOG.warn("cannot bound accepted connections at accept (no server channel); the connection cap still applies");
    return false;
  }

  private static Object field(Object o, String name) throws ReflectiveOperationException {
    for (Class<?> c = o.getClass(); c != null; c = c.getSuperclass()) {
      try {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(o);
      } catch (NoSuchFieldException e) {
        // look in the superclass
      }
    }
    throw new NoSuchFieldException(o.getClass().getName() + "." + name);
  }
}
