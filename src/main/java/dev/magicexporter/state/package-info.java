/**
 * What must survive a restart or a {@code kill -9}: per connector, the events checkpoint (how far
 * events are counted, which ones above that point are already counted) and the counter totals,
 * kept in one small JSON file per connector under {@code <state dir>/connectors/}, replaced
 * atomically (temporary file, fsync, rename, fsync of the directory).
 *
 * <p>Every version of a connector's checkpoint is self-consistent: its totals are exactly the
 * events it says are counted. Exposed counters only ever show a version that is on disk, so a
 * crash can never make a counter go backwards.
 *
 * <h2>Threads: what runs where</h2>
 *
 * The daemon runs on Vert.x: event loops for everything that waits on the network, worker
 * threads for what blocks. For the state that means:
 *
 * <ul>
 *   <li><b>Event loops</b> (the pollers, the metrics and admin listeners; several loops, so several
 *       threads) call {@link dev.magicexporter.state.CheckpointStore#update},
 *       {@link dev.magicexporter.state.CheckpointStore#working} and the other reads. These never
 *       block and never wait for a lock: they only compute new immutable versions in memory.
 *   <li><b>Worker threads</b>, through {@code vertx.executeBlocking}, do every file system call:
 *       loading the directory at {@link dev.magicexporter.state.CheckpointStore#start} (never in
 *       a constructor), each write (write, fsync, rename, fsync of the directory) and each
 *       deletion. Their results come back as Vert.x futures.
 *   <li><b>Before the event loops</b>, at start-up only: {@link dev.magicexporter.state.StateDirectory}
 *       checks ({@code --check-config}, changing nothing) or prepares (daemon start) the directory
 *       on the main thread.
 * </ul>
 *
 * <h2>Shared state: immutable values behind atomic references</h2>
 *
 * Checkpoints ({@link dev.magicexporter.state.ConnectorCheckpoint} and its parts) are immutable
 * values. A connector's bookkeeping (working and durable version, write in flight, waiters) is one
 * immutable {@code SlotState} in an {@code AtomicReference}, and every change is a
 * compare-and-set of a new value, retried if another thread got there first. So readers on any
 * thread see a consistent version with one volatile read, no event loop ever waits behind a
 * thread doing I/O, and there is no lock to hold across a callback. Side effects (starting a
 * write, completing futures, counters, logs) happen after the compare-and-set, done only by the
 * thread whose compare-and-set made the transition (the one that set "busy" starts the write).
 * This is the package's only model: no {@code synchronized}, no bare {@code volatile} fields.
 */
package dev.magicexporter.state;
