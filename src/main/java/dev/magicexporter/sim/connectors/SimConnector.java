package dev.magicexporter.sim.connectors;

/**
 * One simulated connector: who it is and how it behaves. Everything else (heartbeat, version,
 * events, snapshots) is derived from {@link #key()} and time by {@link ConnectorLife}.
 *
 * @param index position in the account's connector list, 0-based
 * @param key the connector's private hash, the root of all its derived values
 */
public record SimConnector(String accountId, int index, String id, long key, Role role) {

  /** How a connector behaves over time. Assigned by index so tests can pick one. */
  public enum Role {
    /** Heartbeats every 10 s, reports snapshots and events. */
    HEALTHY,
    /**
     * Like healthy, but its connector process stops for {@link ConnectorLife#OUTAGE_SECONDS} in
     * every {@link ConnectorLife#OUTAGE_CYCLE_SECONDS}: no heartbeat, snapshot or event meanwhile
     * ({@code Leave} at the start, an {@code Init} burst at the end).
     */
    INTERMITTENT,
    /** {@code activated: false}; never heartbeats or reports. */
    DEACTIVATED,
    /** Registered by device id only; never came online (no heartbeat, no version, no telemetry). */
    NEVER_SEEN;

    /** Whether connectors of this role ever send heartbeats and telemetry. */
    public boolean reports() {
      return this == HEALTHY || this == INTERMITTENT;
    }

    /** The role of the connector at {@code index}: one in 20 of each unusual role. */
    public static Role forIndex(int index) {
      return switch (index % 20) {
        case 2 -> INTERMITTENT;
        case 7 -> DEACTIVATED;
        case 13 -> NEVER_SEEN;
        default -> HEALTHY;
      };
    }
  }
}
