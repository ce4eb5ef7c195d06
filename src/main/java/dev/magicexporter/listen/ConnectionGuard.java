package dev.magicexporter.listen;

import io.micrometer.core.instrument.Counter;
import dev.magicexporter.metrics.self.SelfMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Caps the connections of one listener. At the cap, a new connection evicts the one whose last
 * request is the oldest among those not serving a request now (idle, or still sending request
 * headers), so that a thousand idle or half-sent connections cannot lock out a health probe or a
 * scrape; when every connection is serving a request, the new one is closed at once. Busy
 * connections are bounded by the listener's own deadlines (body timeout, drain timeout), idle
 * ones by the idle timeout.
 *
 * <p>Whether a connection is serving is read from its current request's response ({@code ended()}),
 * not tracked with end handlers, which Vert.x Web replaces. Connections live on several event
 * loops, so the bookkeeping is under one lock: a few map operations per connection and request,
 * and a scan of at most the cap when a connection arrives at the cap.
 */
public final class ConnectionGuard {
  private static final class Conn {
    HttpServerRequest current;

    boolean serving() {
      HttpServerRequest r = current;
      return r != null && !r.response().ended() && !r.response().closed();
    }
  }

  private final String listener;
  private final int max;
  /** Open connections, least recently started request first. */
  private final LinkedHashMap<HttpConnection, Conn> open = new LinkedHashMap<>();
  private final Counter evicted;
  private final Counter refused;

  public ConnectionGuard(ListenerLimits limits, MeterRegistry registry) {
    this.listener = limits.name();
    this.max = limits.maxConnections();
    SelfMetrics.LISTENER_CONNECTIONS.gauge(registry, this, ConnectionGuard::openConnections, listener);
    this.evicted = closed(registry, "evicted_idle");
    this.refused = closed(registry, "refused_busy");
  }

  private Counter closed(MeterRegistry registry, String reason) {
    return SelfMetrics.LISTENER_CONNECTIONS_CLOSED.counter(registry, listener, reason);
  }

  /** Call for every new connection (the server's connection handler). */
  public void accept(HttpConnection c) {
    HttpConnection victim = null;
    boolean admit;
    synchronized (this) {
      if (open.size() >= max) {
        for (Iterator<Map.Entry<HttpConnection, Conn>> it = open.entrySet().iterator(); it.hasNext(); ) {
          Map.Entry<HttpConnection, Conn> e = it.next();
          if (!e.getValue().serving()) {
            victim = e.getKey();
            it.remove();
            break;
          }
        }
      }
      admit = open.size() < max;
      if (admit) {
        open.put(c, new Conn());
      }
    }
    if (victim != null) {
      evicted.increment();
      closeNow(victim);
    }
    if (!admit) {
      refused.increment();
      closeNow(c);
      return;
    }
    c.closeHandler(v -> forget(c));
  }

  /**
   * Closes the socket itself: Vert.x's {@code HttpConnection.close()} is a graceful shutdown that
   * leaves a connection with nothing in flight open (and its descriptor taken).
   */
  static void closeNow(HttpConnection c) {
    if (c instanceof ConnectionBase base) {
      base.channelHandlerContext().channel().close();
    } else {
      c.close();
    }
  }

  /** The accept gate closed a connection before it reached an event loop. */
  void refusedAtAccept() {
    refused.increment();
  }

  /** A request arrived: its connection is serving until the response ends, and moves to the back. */
  public synchronized void requestStarted(HttpServerRequest req) {
    Conn s = open.remove(req.connection());
    if (s != null) {
      s.current = req;
      open.put(req.connection(), s);
    }
  }

  private synchronized void forget(HttpConnection c) {
    open.remove(c);
  }

  public synchronized int openConnections() {
    return open.size();
  }

  public int maxConnections() {
    return max;
  }
}
