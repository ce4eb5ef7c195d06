package dev.magicexporter.model.analytics;

import java.util.List;

/**
 * What a GraphQL response said about one feed: its groups, or the errors that apply to it (errors
 * naming its alias, or errors of the whole request when the response has no data for it). A feed
 * with errors has no groups. {@code collateral} marks a feed that had no error of its own but no
 * data either, because another node's error voided the whole request: asking it again without
 * that node can succeed.
 */
public record FeedAnswer(List<AnalyticsGroup> groups, List<GraphQlError> errors, boolean collateral) {
  public FeedAnswer {
    groups = groups == null ? List.of() : List.copyOf(groups);
    errors = errors == null ? List.of() : List.copyOf(errors);
  }

  public static FeedAnswer ok(List<AnalyticsGroup> groups) {
    return new FeedAnswer(groups, List.of(), false);
  }

  public static FeedAnswer failed(List<GraphQlError> errors) {
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("a failed answer needs an error");
    }
    return new FeedAnswer(List.of(), errors, false);
  }

  /** No data because another node's error voided the request. */
  public static FeedAnswer collateral(String message) {
    return new FeedAnswer(List.of(), List.of(new GraphQlError(message, List.of())), true);
  }

  public boolean ok() {
    return errors.isEmpty();
  }

  /** The first error's message, or null. */
  public String message() {
    return errors.isEmpty() ? null : errors.get(0).message();
  }
}
