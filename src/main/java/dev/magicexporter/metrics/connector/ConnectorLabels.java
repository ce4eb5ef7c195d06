package dev.magicexporter.metrics.connector;

/** The common labels of every per-connector series. */
public final class ConnectorLabels {
  /** Cloudflare account identifier. */
  public static final String ACCOUNT_ID = "account_id";
  /** Connector identifier ({@code id} of the connector object). */
  public static final String CONNECTOR_ID = "connector_id";

  private ConnectorLabels() {}
}
