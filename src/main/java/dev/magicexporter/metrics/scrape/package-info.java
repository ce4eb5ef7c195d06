/**
 * The scrape cache: gzip scrapes assembled from compressed text rendered once per change.
 *
 * <p>Layout. The text formats want every family's samples together, so the exposition is written
 * family after family. Objects (rows of a {@code FamilyCollector}) are grouped into blocks of 16
 * slots; each block keeps one complete gzip member (RFC 1952) per family, holding that family's
 * samples for the block's objects, and each family has one small member per format for its HELP
 * and TYPE lines. A gzip scrape is then
 *
 * <pre>
 * [registry text, compressed now] [HELP/TYPE f1] [f1 block 1] [f1 block 2] ... [HELP/TYPE f2] ...
 * [live family, compressed now] ... [# EOF for OpenMetrics, compressed now]
 * </pre>
 *
 * which gzip readers (Go's, used by Prometheus; Java's; gunzip) decompress as one text. Sample
 * lines are identical in both text formats, so Prometheus text and OpenMetrics share the block
 * members and differ only in the header members.
 *
 * <p>Work. {@link dev.magicexporter.metrics.scrape.ScrapeCache#refresh} (at the start of each gzip
 * scrape, under one lock) reads each collector's rows, finds by identity the objects that changed,
 * appeared or went away, and renders only their blocks; a family whose rendered text is unchanged
 * (same length, CRC-32 and CRC-32C) keeps its member without being compressed again. A scrape
 * with nothing changed copies bytes. Writing happens outside the lock at the client's pace.
 *
 * <p>Why blocks: one member per object and family would lose deflate's context (measured: two to
 * five times the bytes at one to four objects per member), one member per family over all objects
 * would re-render everything on every change. BENCHMARKS.md has the measurements behind 16.
 */
package dev.magicexporter.metrics.scrape;
