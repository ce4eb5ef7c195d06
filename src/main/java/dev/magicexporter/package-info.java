/**
 * magic-exporter: a Prometheus exporter and admin API for Cloudflare Magic. The packages follow
 * the data: {@code config} (what to do), {@code client} (the Cloudflare API), {@code poll} (when
 * to ask it), {@code model} and {@code store} (what is known now), {@code state} (what must
 * survive a restart), {@code metrics} (what a scrape shows), {@code admin} and {@code listen}
 * (what the listeners accept), {@code app} (the one place that wires them), {@code sim} (the
 * built-in Cloudflare simulator).
 *
 * <h2>Concurrency model</h2>
 *
 * One model for the whole daemon, Vert.x's: <b>event loops never block; blocking work runs on
 * worker threads, and only in the places named below</b>. Results cross between the two as Vert.x
 * futures, which complete on the context that asked.
 *
 * <h3>The main thread, before the event loops have work</h3>
 * {@code app.Main} loads and checks the configuration ({@code config.ConfigLoader}, which reads
 * the config file and the web config file) and prepares the state directory
 * ({@code state.StateDirectory}); then it starts the {@code app.Daemon} and waits for it to stop.
 * Constructors do no I/O and start nothing: a component that needs files or the network does so
 * in a {@code start()} that returns a future (e.g. {@code state.CheckpointStore#start} loads the
 * checkpoint files on a worker thread).
 *
 * <h3>Event loops: everything that waits on the network or a timer</h3>
 * The pollers ({@code poll}) and their schedule, the Cloudflare client with its budget, retries
 * and streamed downloads ({@code client}), the metrics and admin listeners ({@code listen},
 * {@code admin}, {@code app.HttpEndpoints}) and the simulator ({@code sim}). Code here only
 * computes and hands on futures: waiting is a timer or a callback, never a blocked thread.
 *
 * <h3>Worker threads: the only places that block</h3>
 * Each goes through {@code vertx.executeBlocking} (or, for bcrypt, a named worker pool of its
 * own), and {@code ConcurrencyRulesTest} fails when another class calls it:
 * <ul>
 *   <li>{@code state.CheckpointStore}: loading the checkpoint files at start, and deleting the
 *       files of connectors gone for the grace period;
 *   <li>{@code state.SlotWriter}: each checkpoint write (write, fsync, rename, fsync of the
 *       directory);
 *   <li>{@code poll.analytics.AnalyticsPoller}: loading the analytics checkpoints at start;
 *   <li>{@code poll.analytics.AccountAnalyticsPoller}: each analytics checkpoint write;
 *   <li>{@code listen.WebSecurity}: reading the web config file again when it changed;
 *   <li>{@code listen.BasicAuthCheck}: bcrypt, on its own small pool
 *       ({@code magic-exporter-bcrypt}), so a burst of logins cannot take the shared workers;
 *   <li>{@code app.HttpEndpoints}: rendering and compressing a {@code /metrics} scrape, written
 *       through {@code app.ResponseOutputStream}, which waits (bounded) for a slow scraper's
 *       write queue to drain: backpressure that holds a worker, never an event loop.
 * </ul>
 *
 * <h3>Shared state</h3>
 * Several event loops and the scrape worker touch the same objects, so shared state takes one
 * of three forms, chosen per class and documented there:
 * <ul>
 *   <li><b>confined</b>: the state of one call or one poll (a pager's accumulator, a pipe's
 *       flags) lives in that call's callbacks on one context and needs no lock;
 *   <li><b>immutable values behind atomic or volatile references</b>: the store's objects and
 *       snapshots, checkpoints ({@code state}: compare-and-set of immutable versions, see its
 *       package doc), status fields that {@code /status} and gauges read;
 *   <li><b>short {@code synchronized} sections</b> over in-memory data only, never held across
 *       I/O, a callback or a future: the request budget's queues, the connection guard, the
 *       scrape cache, the connector schedule and cadence, the log limiter, the stores' writers.
 * </ul>
 */
package dev.magicexporter;
