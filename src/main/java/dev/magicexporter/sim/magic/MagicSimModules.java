package dev.magicexporter.sim.magic;

import dev.magicexporter.sim.SimModule;
import dev.magicexporter.sim.SimOptions;
import dev.magicexporter.sim.magic.inventory.InventorySimModule;
import dev.magicexporter.sim.magic.pcaps.PcapsSimModule;
import dev.magicexporter.sim.magic.services.ServicesSimModule;
import dev.magicexporter.sim.magic.tunnels.TunnelsSimModule;
import dev.magicexporter.sim.magic.writes.WritesSimModule;
import java.util.List;

/** Every module of this package over one shared {@link MagicSimWorld}, ready for the Simulator. */
public final class MagicSimModules {
  private MagicSimModules() {}

  public static List<SimModule> all(SimOptions options) {
    return all(new MagicSimWorld(options));
  }

  public static List<SimModule> all(MagicSimWorld world) {
    return List.of(new TunnelsSimModule(world), new PcapsSimModule(world), new ServicesSimModule(world),
        new InventorySimModule(world), new WritesSimModule(world));
  }
}
