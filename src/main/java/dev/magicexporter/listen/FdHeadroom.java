package dev.magicexporter.listen;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the listeners' connection caps well below the process's file descriptor limit, so that a
 * listener full of hostile connections leaves descriptors for what must not fail: checkpoint
 * writes, the Cloudflare clients, the JVM's own jars and logs. A quarter of the limit (at least
 * {@value #MIN_RESERVE}) is kept for those; when the configured caps add up to more than the rest,
 * each is scaled down in proportion and a warning says so.
 */
public final class FdHeadroom {
  private static final Logger LOG = LoggerFactory.getLogger(FdHeadroom.class);
  static final long MIN_RESERVE = 128;
  /** Never scale a listener below this: a probe must still get through. */
  static final int MIN_CAP = 8;

  private FdHeadroom() {}

  /** The soft limit of open descriptors, or -1 when the platform does not say. */
  public static long fdLimit() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
      return unix.getMaxFileDescriptorCount();
    }
    return -1;
  }

  /** The limits to use under {@link #fdLimit()}. */
  public static List<ListenerLimits> fit(List<ListenerLimits> configured) {
    return fit(configured, fdLimit());
  }

  static List<ListenerLimits> fit(List<ListenerLimits> configured, long fdLimit) {
    if (fdLimit <= 0) {
      return configured;
    }
    long reserve = Math.max(MIN_RESERVE, fdLimit / 4);
    long available = Math.max(0, fdLimit - reserve);
    long wanted = configured.stream().mapToLong(ListenerLimits::maxConnections).sum();
    if (wanted <= available) {
      return configured;
    }
    List<ListenerLimits> out = new ArrayList<>();
    for (ListenerLimits l : configured) {
      int cap = (int) Math.max(MIN_CAP, l.maxConnections() * available / wanted);
      out.add(l.withMaxConnections(cap));
    }
    LOG.warn("the file descriptor limit is {}: the listeners' connection caps ({}) would leave too few for "
        + "checkpoints and API clients, so they are lowered to {}. Raise the limit (ulimit -n) or lower the caps.",
        fdLimit, describe(configured), describe(out));
    return out;
  }

  private static String describe(List<ListenerLimits> ls) {
    return String.join(", ", ls.stream().map(l -> l.name() + " " + l.maxConnections()).toList());
  }
}
