package dev.magicexporter.sim.magic.writes;

import java.security.SecureRandom;

/** Secrets the simulated API makes: a PSK or a licence key is in one answer and stored nowhere. */
final class Secrets {
  private static final String CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private final SecureRandom random = new SecureRandom();

  String psk() {
    return random(new StringBuilder(32), 32);
  }

  String licenseKey() {
    return random(new StringBuilder("sim-license-"), 24);
  }

  private String random(StringBuilder b, int n) {
    for (int i = 0; i < n; i++) {
      b.append(CHARS.charAt(random.nextInt(CHARS.length())));
    }
    return b.toString();
  }
}
