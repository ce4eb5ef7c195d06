package dev.magicexporter.sim;

import dev.magicexporter.sim.graphql.GraphQlSimModule;
import dev.magicexporter.sim.connectors.ConnectorsModule;
import dev.magicexporter.sim.connectors.EventsModule;
import dev.magicexporter.sim.connectors.SnapshotsModule;
import dev.magicexporter.sim.magic.inventory.InventorySimModule;
import dev.magicexporter.sim.magic.pcaps.PcapsSimModule;
import dev.magicexporter.sim.magic.services.ServicesSimModule;
import dev.magicexporter.sim.magic.tunnels.TunnelsSimModule;
import dev.magicexporter.sim.magic.writes.WritesSimModule;
import java.util.List;

/**
 * The modules a default simulator serves, in mount order. Add a module here to have it served by
 * {@link Simulator#withDefaultModules}, {@code --demo} and {@code simulate}.
 */
public final class SimModules {
  private SimModules() {}

  public static List<SimModule> defaults() {
    return List.of(
        new ConnectorsModule(),
        new EventsModule(),
        new SnapshotsModule(),
        new TunnelsSimModule(),
        new PcapsSimModule(),
        new ServicesSimModule(),
        new InventorySimModule(),
        new WritesSimModule(),
        new GraphQlSimModule());
  }
}
