package dev.magicexporter.sim.magic;

import dev.magicexporter.sim.connectors.SimWorld;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ties the Magic estate to the shared {@link SimWorld}: GRE and IPsec tunnels take the ids of the
 * tunnels in the connectors' snapshots ({@code tunnels[].tunnel_id}), and sites take the
 * connectors' ids, so that tunnel lists, sites and telemetry agree. Without a world (a module
 * tested alone) ids are generated from the seed.
 */
public final class SimLinks {
  /** No shared world: every id comes from the seed. */
  static final SimLinks NONE = new SimLinks(null);

  public static final int GRE = 0;
  public static final int IPSEC = 1;

  private final SimWorld world;
  private final Map<String, List<String>> tunnelIds = new ConcurrentHashMap<>();

  SimLinks(SimWorld world) {
    this.world = world;
  }

  /** The id of the {@code i}-th tunnel of a kind, or null when the connectors have no tunnel left for it. */
  public String tunnelId(String account, int kind, int i, int greTunnels) {
    if (world == null || !world.knowsAccount(account)) {
      return null;
    }
    List<String> ids = tunnelIds.computeIfAbsent(account, a -> {
      List<String> out = new ArrayList<>();
      for (int c = 0; c < world.connectorsPerAccount(); c++) {
        for (int j = 0; j < world.tunnelCount(a, c); j++) {
          out.add(world.tunnelId(a, c, j));
        }
      }
      return List.copyOf(out);
    });
    int n = kind == GRE ? i : greTunnels + i;
    return n < ids.size() ? ids.get(n) : null;
  }

  /** The id of connector {@code i} (modulo the connectors there are), or null without connectors. */
  public String connectorId(String account, int i) {
    if (world == null || !world.knowsAccount(account) || world.connectorsPerAccount() == 0) {
      return null;
    }
    return world.connectorId(account, Math.floorMod(i, world.connectorsPerAccount()));
  }
}
