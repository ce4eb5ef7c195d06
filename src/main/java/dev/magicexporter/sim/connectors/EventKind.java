package dev.magicexporter.sim.connectors;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The 16 event kinds of the seed ({@code e.k} / {@code k}), in the seed's order. */
public enum EventKind {
  INIT("Init"),
  LEAVE("Leave"),
  START_ATTESTATION("StartAttestation"),
  FINISH_ATTESTATION_SUCCESS("FinishAttestationSuccess"),
  FINISH_ATTESTATION_FAILURE("FinishAttestationFailure"),
  START_ROTATE_CRYPT_KEY("StartRotateCryptKey"),
  FINISH_ROTATE_CRYPT_KEY_SUCCESS("FinishRotateCryptKeySuccess"),
  FINISH_ROTATE_CRYPT_KEY_FAILURE("FinishRotateCryptKeyFailure"),
  START_ROTATE_PKI("StartRotatePki"),
  FINISH_ROTATE_PKI_SUCCESS("FinishRotatePkiSuccess"),
  FINISH_ROTATE_PKI_FAILURE("FinishRotatePkiFailure"),
  START_UPGRADE("StartUpgrade"),
  FINISH_UPGRADE_SUCCESS("FinishUpgradeSuccess"),
  FINISH_UPGRADE_FAILURE("FinishUpgradeFailure"),
  RECONCILE("Reconcile"),
  CONFIGURE_CLOUDFLARED_TUNNEL("ConfigureCloudflaredTunnel");

  private static final Map<String, EventKind> BY_K =
      Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventKind::k, Function.identity()));

  private final String k;

  EventKind(String k) {
    this.k = k;
  }

  /** The wire name, e.g. {@code FinishUpgradeSuccess}. */
  public String k() {
    return k;
  }

  public static Optional<EventKind> ofK(String k) {
    return Optional.ofNullable(BY_K.get(k));
  }
}
