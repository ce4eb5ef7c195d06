package dev.magicexporter.metrics.family;

/**
 * Finds the samples of one family in one immutable object, e.g. one per disk of a snapshot.
 * Pure: reads the object, calls the sink, never blocks, never throws for absent data (it simply
 * emits nothing, or NaN).
 */
@FunctionalInterface
public interface Extractor<T> {
  void extract(T object, SampleSink out);
}
