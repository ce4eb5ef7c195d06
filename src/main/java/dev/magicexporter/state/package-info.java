/**
 * What must survive a restart or a {@code kill -9}: per connector, the events checkpoint (how far
 * events are counted, which ones above that point are already counted) and the counter totals,
 * kept in one small JSON file per connector under {@code <state dir>/connectors/}, replaced
 * atomically (temporary file, fsync, rename, fsync of the directory).
 *
 * <p>Every version of a connector's checkpoint is self-consistent: its totals are exactly the
 * events it says are counted. Exposed counters only ever show a version that is on disk, so a
 * crash can never make a counter go backwards.
 */
package dev.magicexporter.state;
