package dev.magicexporter.poll;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Estimated requests of the account-level pollers of one account, for {@link BudgetSchedule}:
 * tunnels 3 per cycle (GRE, IPsec, interconnects), captures 2 (list and bucket ownership),
 * services at least 1 page, inventory 3 lists plus 4 per site refreshed per cycle, and connector
 * discovery 1 page per account on every replica.
 */
public final class SourceLoads {
  private SourceLoads() {}

  /**
   * @param accounts accounts using the credential
   * @param sources whether this replica polls the account-level sources (shard 0)
   */
  public static List<BudgetSchedule.Load> of(int accounts, boolean sources, Duration tunnels, Duration pcaps,
      Duration services, Duration inventory, int sitesPerCycle, Duration discovery) {
    List<BudgetSchedule.Load> loads = new ArrayList<>();
    loads.add(new BudgetSchedule.Load("discovery", accounts, discovery));
    if (sources) {
      loads.add(new BudgetSchedule.Load("tunnels", 3.0 * accounts, tunnels));
      loads.add(new BudgetSchedule.Load("pcaps", 2.0 * accounts, pcaps));
      loads.add(new BudgetSchedule.Load("services", accounts, services));
      loads.add(new BudgetSchedule.Load("inventory", (3.0 + 4.0 * sitesPerCycle) * accounts, inventory));
    }
    return loads;
  }
}
