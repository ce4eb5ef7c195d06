package dev.magicexporter.listen;

import java.time.Duration;

/**
 * What one listener allows its peers: how many connections at once and how long a connection may
 * sit without a byte in either direction.
 *
 * @param name the listener's name in logs and in the {@code listener} label ("metrics", "admin")
 * @param maxConnections open connections at most; at the cap a new connection evicts the
 *     connection idle the longest, or is closed at once when every connection is busy
 * @param idleTimeout a connection without traffic for this long is closed
 */
public record ListenerLimits(String name, int maxConnections, Duration idleTimeout) {
  public ListenerLimits {
    if (maxConnections < 1) {
      throw new IllegalArgumentException(name + ": maxConnections must be at least 1");
    }
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException(name + ": the idle timeout must be positive");
    }
  }

  public ListenerLimits withMaxConnections(int max) {
    return new ListenerLimits(name, max, idleTimeout);
  }
}
