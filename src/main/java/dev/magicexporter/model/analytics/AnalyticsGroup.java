package dev.magicexporter.model.analytics;

import java.util.List;

/**
 * One group of a feed's answer: the values of the feed's dimensions (in the order of
 * {@link AnalyticsFeed#dimensions()}; an absent dimension is an empty string) and of its
 * aggregates (in the order of {@link AnalyticsFeed#aggregates()}; an absent value is NaN). For a
 * counted feed in {@link FeedData} it is the running total of that group.
 */
public record AnalyticsGroup(List<String> dimensions, List<Double> values) {
  public AnalyticsGroup {
    dimensions = List.copyOf(dimensions);
    values = List.copyOf(values);
  }

  public String dimension(int i) {
    return dimensions.get(i);
  }

  public double value(int i) {
    return values.get(i);
  }
}
