package dev.magicexporter.model.analytics;

import java.util.List;

/**
 * One entry of a GraphQL response's {@code errors} array: the message, and the path of the node
 * it applies to when the server gave one ({@code ["viewer","accounts","0","<alias>"]}).
 */
public record GraphQlError(String message, List<String> path) {
  public GraphQlError {
    message = message == null ? "" : message;
    path = path == null ? List.of() : List.copyOf(path);
  }
}
