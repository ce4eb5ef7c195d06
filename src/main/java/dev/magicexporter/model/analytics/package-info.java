/**
 * Records of the GraphQL Analytics API's account-scoped Magic Transit datasets: which questions
 * the exporter asks of them ({@link dev.magicexporter.model.analytics.AnalyticsFeed}, one table),
 * the groups they answer, per-feed errors, and the per-account state the metrics read. Like the
 * rest of {@code model}, depends on nothing.
 *
 * <p>The datasets are "Adaptive": Cloudflare computes them from a sample of the events and scales
 * sums and counts by the sample interval, so every value here is an estimate (Cloudflare's
 * Sampling page), and the same window can read slightly differently twice.
 */
package dev.magicexporter.model.analytics;
