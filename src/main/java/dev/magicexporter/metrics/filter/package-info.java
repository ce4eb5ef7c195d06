/**
 * Metric filters ({@code metrics.allowlist}, {@code metrics.denylist},
 * {@code metrics.label_denylist}): which families a scrape exposes and which labels it leaves out,
 * decided once per family, never per sample. See {@link dev.magicexporter.metrics.filter.MetricFilter}.
 */
package dev.magicexporter.metrics.filter;
