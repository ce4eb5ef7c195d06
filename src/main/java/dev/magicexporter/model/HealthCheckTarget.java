package dev.magicexporter.model;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * A tunnel health check's target in either of its API forms: the object
 * {@code {effective, saved}} sent when the request carries {@code x-magic-new-hc-target: true},
 * or the older plain string. A string is both what is saved and what is in effect.
 */
public record HealthCheckTarget(String effective, String saved) {

  /** The legacy string form. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static HealthCheckTarget of(String target) {
    return new HealthCheckTarget(target, target);
  }

  /** The address probes actually go to: {@code effective}, else {@code saved}; null if neither. */
  public String inEffect() {
    if (effective != null && !effective.isEmpty()) {
      return effective;
    }
    return saved == null || saved.isEmpty() ? null : saved;
  }
}
