package dev.magicexporter.model;

import java.util.List;

/**
 * A Magic static route. {@code weight} is read both from the route (as in the API's example) and
 * from {@code scope} (as in its schema); {@link #effectiveWeight()} picks whichever is present.
 */
public record MagicRoute(
    String id,
    String prefix,
    String nexthop,
    Integer priority,
    Scope scope,
    Integer weight,
    String description,
    String createdOn,
    String modifiedOn) {

  public record Scope(List<String> coloNames, List<String> coloRegions, Integer weight) {}

  public Integer effectiveWeight() {
    if (weight != null) {
      return weight;
    }
    return scope == null ? null : scope.weight();
  }
}
