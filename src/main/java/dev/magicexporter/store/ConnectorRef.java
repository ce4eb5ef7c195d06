package dev.magicexporter.store;

/** Identifies one connector of one account; the key of every per-connector store. */
public record ConnectorRef(String accountId, String connectorId) implements Comparable<ConnectorRef> {
  @Override
  public int compareTo(ConnectorRef o) {
    int c = accountId.compareTo(o.accountId);
    return c != 0 ? c : connectorId.compareTo(o.connectorId);
  }
}
