package dev.magicexporter.metrics.scrape;

import dev.magicexporter.metrics.family.Family;
import dev.magicexporter.metrics.family.FamilyCollector;
import dev.magicexporter.metrics.filter.MetricFilter;
import java.util.ArrayList;
import java.util.List;

/**
 * The families of one collector that scrapes expose, with the own labels each writes, decided
 * once per collector from the {@link MetricFilter}: a filtered family is not in the list, so it
 * costs nothing at scrape time.
 */
public final class Selection<T> {
  private final FamilyCollector<T> collector;
  private final List<Family<T>> families;
  private final boolean[][] keep;

  private Selection(FamilyCollector<T> collector, List<Family<T>> families, boolean[][] keep) {
    this.collector = collector;
    this.families = families;
    this.keep = keep;
  }

  public static <T> Selection<T> of(FamilyCollector<T> collector, MetricFilter filter) {
    List<Family<T>> families = new ArrayList<>();
    List<boolean[]> keep = new ArrayList<>();
    for (Family<T> f : collector.table().families()) {
      if (filter.includes(f.name())) {
        families.add(f);
        keep.add(filter.keptLabels(f));
      }
    }
    return new Selection<>(collector, List.copyOf(families), keep.toArray(boolean[][]::new));
  }

  public FamilyCollector<T> collector() {
    return collector;
  }

  /** The exposed families, in table order. */
  public List<Family<T>> families() {
    return families;
  }

  /** The own labels family {@code i} writes (null: all of them). */
  public boolean[] keep(int i) {
    return keep[i];
  }
}
