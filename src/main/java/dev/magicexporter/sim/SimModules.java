package dev.magicexporter.sim;

import dev.magicexporter.sim.graphql.GraphQlSimModule;
import dev.magicexporter.sim.magic.InventorySimModule;
import dev.magicexporter.sim.magic.PcapsSimModule;
import dev.magicexporter.sim.magic.ServicesSimModule;
import dev.magicexporter.sim.magic.TunnelsSimModule;
import dev.magicexporter.sim.magic.WritesSimModule;
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
